import ArgumentParser
import DocketCore
import Foundation

/// `docket clauses`: the CUAD clause categories a contract holds, where (pages, heading path, byte
/// offsets) and, for governing law, dates and durations, the answer; on a CPU, without a model engine.
struct ClausesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clauses",
        abstract: "Find CUAD's clause categories in contracts, cite where they are, and read their answers.",
        discussion: """
            Prints per document every category found with its best passage's probability, pages and heading \
            path (json: up to three passages each, with byte offsets), and the normalised answer for \
            parties, governing law, agreement, effective and expiration dates, renewal term and notice \
            period. Passage text is never printed; people in the answers are masked, as in reports.
            """)

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "Contracts (PDF, DOCX, images, text).")
    var files: [String]

    @Option(help: "The pipeline file: its OCR and chunking settings are used.")
    var pipeline: String

    @Option(help: "text, or json (one document per line).")
    var format: Format = .text

    @Option(help: "Documents extracted at once.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let spec = try PipelineDocuments.spec(at: pipeline)
        let detector: ClauseDetector
        do { detector = ClauseDetector(model: try ClauseModel.bundled.get()) } catch {
            throw ValidationError("\(error)")
        }
        let batch = try PipelineDocuments.batch(spec, jobs: jobs)
        let printer = ClausesPrinter(json: format == .json)
        let failed = PipelineDocuments.read(files, with: batch) { document in
            printer.print(
                document, ContractClauses.find(in: document, chunking: spec.chunking, detector: detector))
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// Writes each document's clauses as they come.
private final class ClausesPrinter: @unchecked Sendable {
    let json: Bool
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(json: Bool) { self.json = json }

    func print(_ document: ExtractedDocument, _ clauses: ContractClauses) {
        if json, let line = try? encoder.encode(clauses) {
            Swift.print(String(decoding: line, as: UTF8.self))
            return
        }
        Swift.print(
            "\(document.path)  sha256 \(document.sha256.prefix(12))  categories found: \(clauses.categories.count)")
        for category in clauses.categories {
            guard let best = category.passages.first else { continue }
            let pages = best.firstPage == best.lastPage ? "p\(best.firstPage)" : "p\(best.firstPage)-\(best.lastPage)"
            let heading = best.headingPath.isEmpty ? "" : "  \(best.headingPath.joined(separator: " > "))"
            let answer = category.answer.map { "  answer: \($0)" } ?? ""
            Swift.print(
                "  " + category.name.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + String(format: "%.2f  ", best.score) + pages + heading + answer)
        }
    }
}
