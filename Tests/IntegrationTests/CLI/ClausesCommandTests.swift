import DocketTestSupport
import Foundation
import Testing

@testable import DocketDecide
@testable import DocketModel

/// `docket clauses` on a sample contract read by poppler: categories with pages, heading paths, offsets
/// and answers, as JSON Lines and as a table.
@Suite struct ClausesCommandTests {
    /// One line of `--format jsonl`.
    struct Line: Decodable {
        struct Passage: Decodable {
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
    }

    @Test func aContractsClausesAreCitedWithPagesHeadingsAndAnswers() async throws {
        let contract = TestPaths.sampleDocuments.appendingPathComponent("it-services-agreement.pdf").path
        let result = try CLIFixtures.docket(["clauses", "--format", "jsonl", contract])
        #expect(result.status == 0, "\(result.error)")
        let line = try JSONDecoder().decode(Line.self, from: Data(result.output.utf8))
        #expect(line.file == contract)
        let law = try #require(line.clauses.first { $0.category == "Governing Law" })
        #expect(law.answer == "Germany")
        #expect(law.pages == [2])
        #expect(law.heading.last == "7 Governing Law")
        // The offsets point into the document text as Docket extracts it, and the text is what is there.
        let extracted = try CLIFixtures.docket(["extract", "--format", "json", contract])
        let document = try JSONDecoder().decode(ExtractedDocument.self, from: Data(extracted.output.utf8))
        #expect(line.sha256 == document.sha256)
        let cited = DocumentText(pages: document.pages).string(law.start..<law.end)
        #expect(cited.contains("governed by the laws of the Federal Republic of Germany"), "\(cited)")
        #expect(law.text == cited)
        // At the operating point every passage reaches its category's threshold; with --min-score, down to it.
        let model = try ClauseModel.bundled.get()
        let thresholds = Dictionary(uniqueKeysWithValues: model.categories.map { ($0.name, Double($0.threshold)) })
        #expect(line.clauses.allSatisfy { $0.score >= (thresholds[$0.category] ?? 1) - 0.001 })
        let all = try CLIFixtures.docket(["clauses", "--format", "jsonl", "--min-score", "0.05", contract])
        let candidates = try JSONDecoder().decode(Line.self, from: Data(all.output.utf8)).clauses
        #expect(candidates.count > line.clauses.count)
        #expect(candidates.allSatisfy { $0.score >= 0.05 })
        #expect(candidates.contains { $0.score < (thresholds[$0.category] ?? 0) })
    }

    @Test func anUnreadableFileIsNamedAndTheOthersAreStillRead() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.pdf")
        try Data("%PDF-1.7 not really".utf8).write(to: broken)
        let contract = TestPaths.sampleDocuments.appendingPathComponent("mutual-nda.pdf").path
        let pipeline = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/contract-review.yaml").path
        let result = try CLIFixtures.docket(["clauses", "--pipeline", pipeline, broken.path, contract])
        #expect(result.status == 1)
        #expect(result.error.contains("broken.pdf"))
        #expect(result.output.contains("Governing Law") && result.output.contains("answer: England and Wales"))
        // The table names what was looked for and not found.
        #expect(result.output.contains("not found: ") && result.output.contains("Source Code Escrow"))
    }

    /// Started by name from another folder, as from a PATH, Docket still finds the model it ships with.
    @Test func theModelIsFoundWhenDocketIsStartedByName() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contract = TestPaths.sampleDocuments.appendingPathComponent("mutual-nda.pdf").path
        let pipeline = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/contract-review.yaml").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docket", "clauses", "--pipeline", pipeline, contract]
        process.currentDirectoryURL = folder
        let directory = URL(fileURLWithPath: TestPaths.docketExecutable).deletingLastPathComponent().path
        process.environment = ProcessInfo.processInfo.environment.merging(["PATH": directory + ":/usr/bin:/bin"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).contains("Governing Law"))
    }

    /// A person among the parties is masked in the answer, as in reports; a firm stays readable.
    @Test func aPersonAmongThePartiesIsMasked() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contract = folder.appendingPathComponent("consulting.txt")
        try """
        CONSULTING AGREEMENT

        This Consulting Agreement is made between Slinger Bag Inc. (the "Company") and Aitan Zacharin (the \
        "Consultant").
        """.write(to: contract, atomically: true, encoding: .utf8)
        let pipeline = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/contract-review.yaml").path
        let result = try CLIFixtures.docket(["clauses", "--pipeline", pipeline, contract.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("answer: Slinger Bag Inc (Company); [person] (Consultant)"), "\(result.output)")
        #expect(!result.output.contains("Zacharin"))
    }
}
