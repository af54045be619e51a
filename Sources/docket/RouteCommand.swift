import ArgumentParser
import DocketDecide
import DocketModel
import DocketRun
import Foundation
import Synchronization

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Show how a pipeline would chunk, classify and route documents, without sending anything.",
        discussion: """
            For every chunk: its pages, heading, tokens, findings (types and byte positions, never the \
            values), its sensitivity level and the rules that gave it, and for every task the routing rule, \
            the chain of endpoints and each endpoint excluded, with the reason.
            """)

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "Documents to route.")
    var files: [String]

    @Option(help: "The pipeline file.")
    var pipeline: String

    @Flag(
        help: """
            Also show why: matched rules, the level of each part of the prompt (chunk text, heading, \
            document name), tokens needed per endpoint, the rule-set version.
            """)
    var explain = false

    @Flag(help: "Debugging detectors only: print each finding's matched text. Prints personal data.")
    var debugShowValues = false

    @Option(help: "text, or json (one document plan per line).")
    var format: Format = .text

    @Option(help: "Documents extracted at once.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let spec = try PipelineDocuments.spec(at: pipeline)
        let batch = try PipelineDocuments.batch(spec, jobs: jobs)
        let planner = DecisionPlanner(pipeline: spec)
        let printer = PlanPrinter(explain: explain, json: format == .json)
        let showValues = debugShowValues
        let failed = PipelineDocuments.read(files, with: batch) { document in
            let plan = planner.plan(document)
            printer.print(plan)
            if showValues { printer.printValues(plan, document: document) }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// Writes plans as they come; never document text or matched values.
private final class PlanPrinter: Sendable {
    let explain: Bool
    let json: Bool
    /// Made per document: a JSONEncoder is not Sendable, and one per document costs nothing beside extraction.
    private var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    init(explain: Bool, json: Bool) {
        self.explain = explain
        self.json = json
    }

    func print(_ plan: DocumentPlan) {
        if json {
            if let data = try? encoder.encode(plan) { Swift.print(String(decoding: data, as: UTF8.self)) }
            return
        }
        Swift.print(
            "\(plan.path)  sha256 \(plan.sha256.prefix(12))  type \(plan.profile.type.rawValue)  language "
                + "\(plan.profile.language ?? "?")  level \(plan.level)  \(plan.chunks.count) chunks"
        )
        for chunk in plan.chunks {
            let pages =
                chunk.firstPage == chunk.lastPage ? "p\(chunk.firstPage)" : "p\(chunk.firstPage)-\(chunk.lastPage)"
            Swift.print(
                "  [\(chunk.index + 1)] \(chunk.id.prefix(12)) \(pages) ~\(chunk.tokenEstimate) tok  "
                    + "\(chunk.heading.isEmpty ? "(no heading)" : chunk.heading)"
            )
            let findings = chunk.findings.map {
                "\($0.type)@\($0.start)-\($0.end)" + (explain ? String(format: "(%.2f)", $0.confidence) : "")
            }
            if !findings.isEmpty { Swift.print("      findings: " + findings.joined(separator: ", ")) }
            let rules = chunk.sensitivity.rules.isEmpty ? "default" : chunk.sensitivity.rules.joined(separator: ", ")
            Swift.print(
                "      level \(chunk.sensitivity.level)" + (explain ? "  (classification rules: \(rules))" : ""))
            for (task, route) in chunk.routes.sorted(by: { $0.key < $1.key }) { printRoute(task, route) }
        }
        for (task, route) in plan.documentRoutes.sorted(by: { $0.key < $1.key }) {
            Swift.print("  document")
            printRoute(task, route)
        }
    }

    /// The `--debug-show-values` listing: every finding with the text it matched.
    func printValues(_ plan: DocumentPlan, document: ExtractedDocument) {
        let bytes = Array(document.fullText.utf8)
        for chunk in plan.chunks {
            for finding in chunk.findings {
                let start = chunk.start + finding.start, end = min(bytes.count, chunk.start + finding.end)
                Swift.print(
                    "  DEBUG [\(chunk.index + 1)] \(finding.type) \(String(format: "%.2f", finding.confidence)): "
                        + "\(String(decoding: bytes[start..<end], as: UTF8.self))"
                )
            }
        }
    }

    private func printRoute(_ task: String, _ route: RouteDecision) {
        let label = task.isEmpty ? "route" : "task \(task)"
        if let held = route.held {
            Swift.print("      \(label): HELD for a person: \(held)")
        } else {
            Swift.print("      \(label): rule \(route.rule ?? "-") -> \(route.chain.joined(separator: " > "))")
        }
        for exclusion in route.excluded { Swift.print("        excluded \(exclusion.endpoint): \(exclusion.reason)") }
        if let exposure = route.exposure, exposure.documentNameAliased {
            Swift.print(
                "        the document name is sent as its alias: it is more sensitive than the rest of the prompt")
        }
        if explain, let exposure = route.exposure {
            // Which part of the prompt gave the level: types of findings only, never values.
            for part in exposure.parts {
                let found = part.findings.isEmpty ? "" : " (" + part.findings.joined(separator: ", ") + ")"
                Swift.print(
                    "        prompt part \(part.variable): \(part.level)\(found)" + (part.sent ? "" : ", not sent"))
            }
            Swift.print("        prompt level \(exposure.level)")
        }
        if explain {
            let tokens = route.neededTokens.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ")
            Swift.print("        tokens needed: \(tokens.isEmpty ? "-" : tokens); rule-set \(route.ruleSetVersion)")
        }
    }
}
