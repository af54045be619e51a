import Foundation
import Testing

@testable import DocketCore

/// `docket clauses` on a sample contract read by poppler: categories with pages, heading paths and
/// answers, and never the passages' text.
@Suite struct ClausesCommandTests {
    @Test func aContractsClausesAreCitedWithPagesHeadingsAndAnswers() throws {
        let contract = TestPaths.sampleDocuments.appendingPathComponent("it-services-agreement.pdf").path
        let pipeline = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/contract-review.yaml").path
        let result = try SecurityFixtures.docket(["clauses", "--pipeline", pipeline, "--format", "json", contract])
        #expect(result.status == 0, "\(result.error)")
        let clauses = try JSONDecoder().decode(ContractClauses.self, from: Data(result.output.utf8))
        let law = try #require(clauses.categories.first { $0.name == "Governing Law" })
        #expect(law.answer == "Germany")
        #expect(law.passages.first?.firstPage == 2)
        #expect(law.passages.first?.headingPath.last == "7 Governing Law")
        // Offsets, not text: the clause itself is not in the output.
        #expect(!result.output.contains("governed by the laws"))
        // The offsets point into the document text as Docket extracts it.
        let extracted = try SecurityFixtures.docket(["extract", "--format", "json", contract])
        let document = try JSONDecoder().decode(ExtractedDocument.self, from: Data(extracted.output.utf8))
        let text = DocumentText(pages: document.pages)
        let passage = try #require(law.passages.first)
        let cited = text.string(passage.start..<passage.end)
        #expect(cited.contains("governed by the laws of the Federal Republic of Germany"), "\(cited)")
    }

    @Test func anUnreadableFileIsNamedAndTheOthersAreStillRead() throws {
        let folder = try SecurityFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.pdf")
        try Data("%PDF-1.7 not really".utf8).write(to: broken)
        let contract = TestPaths.sampleDocuments.appendingPathComponent("mutual-nda.pdf").path
        let pipeline = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/contract-review.yaml").path
        let result = try SecurityFixtures.docket(["clauses", "--pipeline", pipeline, broken.path, contract])
        #expect(result.status == 1)
        #expect(result.error.contains("broken.pdf"))
        #expect(result.output.contains("Governing Law") && result.output.contains("answer: England and Wales"))
    }

    /// Started by name from another folder, as from a PATH, Docket still finds the model it ships with.
    @Test func theModelIsFoundWhenDocketIsStartedByName() throws {
        let folder = try SecurityFixtures.folder()
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
    @Test func aPersonAmongThePartiesIsMasked() throws {
        let folder = try SecurityFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contract = folder.appendingPathComponent("consulting.txt")
        try """
        CONSULTING AGREEMENT

        This Consulting Agreement is made between Slinger Bag Inc. (the "Company") and Aitan Zacharin (the \
        "Consultant").
        """.write(to: contract, atomically: true, encoding: .utf8)
        let pipeline = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/contract-review.yaml").path
        let result = try SecurityFixtures.docket(["clauses", "--pipeline", pipeline, contract.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("answer: Slinger Bag Inc (Company); [person] (Consultant)"), "\(result.output)")
        #expect(!result.output.contains("Zacharin"))
    }
}
