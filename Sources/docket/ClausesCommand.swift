import ArgumentParser
import DocketDecide
import DocketIngest
import DocketModel
import DocketSpec
import Foundation
import Synchronization

/// `docket clauses`: the CUAD clause categories a contract holds, where (pages, heading path, byte
/// offsets) and, for parties, governing law, dates and durations, the answer; on a CPU, without a model
/// engine.
struct ClausesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clauses",
        abstract: "Find CUAD's clause categories in contracts, cite where they are, and read their answers.",
        discussion: """
            Text: a table per contract, every category found with its best passage's score, pages, heading \
            path and answer, then the categories looked for and not found. JSON Lines: one object per file, \
            {"file", "sha256", "clauses": [{"category", "score", "pages", "heading", "start", "end", "text", \
            "answer"}]}, every passage (start and end are UTF-8 byte offsets into the pages joined by form \
            feeds). People named in answers are masked, as in reports.
            """)

    enum Format: String, ExpressibleByArgument { case text, jsonl }

    @Argument(help: "Contracts (PDF, DOCX, images, text).")
    var files: [String]

    @Option(help: "text (a table per contract), or jsonl (one JSON object per file).")
    var format: Format = .text

    @Option(help: "Every passage scored this or more (default: each category's operating point).")
    var minScore: Double?

    @Option(help: "A pipeline file whose OCR, chunking and password settings are used instead of the options.")
    var pipeline: String?

    @OptionGroup var extraction: ExtractionOptionsGroup

    func validate() throws {
        if let minScore, !(0...1).contains(minScore) { throw ValidationError("--min-score must be between 0 and 1") }
    }

    func run() throws {
        let detector: ClauseDetector
        do { detector = ClauseDetector(model: try ClauseModel.bundled.get()) } catch {
            throw ValidationError("\(error)")
        }
        let chunking: ChunkingSpec, batch: BatchExtractor
        if let pipeline {
            let spec = try PipelineDocuments.spec(at: pipeline)
            (chunking, batch) = (spec.chunking, try PipelineDocuments.batch(spec, jobs: extraction.jobs))
        } else {
            (chunking, batch) = (ChunkingSpec(), try extraction.batchExtractor())
        }
        let printer = ClausesPrinter(jsonLines: format == .jsonl, categories: detector.model.categories.map(\.name))
        let minScore = self.minScore
        let failed = PipelineDocuments.read(files, with: batch) { document in
            printer.print(
                document, ContractClauses.find(in: document, chunking: chunking, detector: detector, minScore: minScore)
            )
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// One line of `--format jsonl`.
private struct ClausesLine: Encodable {
    struct Passage: Encodable {
        var category: String
        var score: Double
        var pages: [Int]
        var heading: [String]
        var start: Int
        var end: Int
        var text: String
        var answer: String?
    }

    var file: String
    var sha256: String
    var clauses: [Passage]

    init(_ document: ExtractedDocument, _ found: ContractClauses) {
        file = document.path
        sha256 = document.sha256
        clauses = found.categories.flatMap { category in
            category.passages.enumerated().map { index, passage in
                Passage(
                    category: category.name, score: (passage.score * 1000).rounded() / 1000,
                    pages: Array(passage.firstPage...passage.lastPage), heading: passage.headingPath,
                    start: passage.start, end: passage.end, text: passage.text ?? "",
                    answer: index == 0 ? category.answer : nil)
            }
        }
    }
}

/// Writes each document's clauses as they come.
private final class ClausesPrinter: Sendable {
    let jsonLines: Bool
    let categories: [String]
    /// Made per document: a JSONEncoder is not Sendable, and one per document costs nothing beside extraction.
    private var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    init(jsonLines: Bool, categories: [String]) {
        self.jsonLines = jsonLines
        self.categories = categories
    }

    func print(_ document: ExtractedDocument, _ clauses: ContractClauses) {
        if jsonLines, let line = try? encoder.encode(ClausesLine(document, clauses)) {
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
        let found = Set(clauses.categories.map(\.name))
        let missing = categories.filter { !found.contains($0) }
        if !missing.isEmpty { Swift.print("  not found: " + missing.joined(separator: ", ")) }
    }
}
