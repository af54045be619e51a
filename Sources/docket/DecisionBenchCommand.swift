import ArgumentParser
import DocketDecide
import DocketModel
import DocketRun
import DocketSpec
import Foundation

/// For `make bench`: chunk, classify and route text files on one core, as fast as it goes.
struct DecisionBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-decide", abstract: "Measure chunk, classify and route throughput on text files (one core).",
        shouldDisplay: false)

    @Argument(help: "Text files (pages separated by form feeds).")
    var files: [String]

    @Option(help: "The pipeline whose chunking, taxonomy and routing to use.")
    var pipeline: String

    @Option(name: .customLong("repeat"), help: "Passes over the files; the fastest is reported.")
    var passes = 3

    func run() throws {
        let spec = try PipelineLoader.load(path: pipeline)
        let planner = DecisionPlanner(pipeline: spec)
        let documents = try files.map { path -> ExtractedDocument in
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).enumerated().map {
                ExtractedPage(number: $0.offset + 1, text: String($0.element), source: .native)
            }
            return ExtractedDocument(
                path: path, sha256: ContentHash.sha256(of: Array(text.utf8)), kind: .text,
                pageCount: pages.count, pages: pages)
        }
        let bytes = documents.reduce(0) { $0 + $1.pages.reduce(0) { $0 + $1.text.utf8.count } }
        var best = Double.infinity, chunks = 0, findings = 0
        for _ in 0..<max(1, passes) {
            let start = DispatchTime.now()
            chunks = 0
            findings = 0
            for document in documents {
                let plan = planner.plan(document)
                chunks += plan.chunks.count
                findings += plan.chunks.reduce(0) { $0 + $1.findings.count }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        print(
            String(
                format:
                    "decide: %d documents, %.2f MB, %d chunks, %d findings in %.3f s: %.1f MB/s, %.0f chunks/s (one "
                    + "core)",
                documents.count, Double(bytes) / 1e6, chunks, findings, best, Double(bytes) / 1e6 / best,
                Double(chunks) / best))
    }
}
