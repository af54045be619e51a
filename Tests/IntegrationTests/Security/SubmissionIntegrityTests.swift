import DocketIngest
import DocketModel
import DocketTestSupport
import Foundation
import Testing

/// Docket reads what it was given: a file changed since it was submitted is reported as changed
/// and not processed as the submitted one; a symbolic link is not followed.
@Suite struct SubmissionIntegrityTests {
    @Test func aFileChangedSinceSubmissionIsReportedNotProcessed() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let inbox = folder.appendingPathComponent("submitted")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let kept = inbox.appendingPathComponent("kept.txt"), changed = inbox.appendingPathComponent("changed.txt")
        try "1. Term\nThe agreement runs for two years.\n".write(to: kept, atomically: true, encoding: .utf8)
        try "1. Fees\nThe customer pays within thirty days.\n".write(to: changed, atomically: true, encoding: .utf8)
        let pipeline = try CLIFixtures.pipeline("submissions", endpoint: server.url, in: folder)
        let submit = try CLIFixtures.docket(["submit", inbox.path, "--pipeline", pipeline.path, "--by", "test"])
        #expect(submit.status == 0, "\(submit.error)")
        try "1. Fees\nThe customer pays within ninety days, and the IBAN changed.\n".write(
            to: changed, atomically: true, encoding: .utf8)
        let serve = try CLIFixtures.docket(["serve", pipeline.path, "--once"])
        #expect(serve.status == 0, "\(serve.error)")

        let runs = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").filter {
            !$0.hasPrefix("docket.sqlite")
        }
        let run = try #require(runs.first, "no run folder")
        let errors = try String(contentsOfFile: "\(folder.path)/out/\(run)/errors.jsonl", encoding: .utf8)
        #expect(errors.contains("changed-since-submission") && errors.contains("changed.txt"))
        #expect(!errors.contains("kept.txt"))
        let results = try String(contentsOfFile: "\(folder.path)/out/\(run)/results.jsonl", encoding: .utf8)
        #expect(results.contains("kept.txt") && !results.contains("changed.txt"))
        #expect(!server.requests.isEmpty)
    }

    /// A symbolic link in place of a document is refused, not followed.
    @Test func aSymbolicLinkIsNotFollowed() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("contract.pdf")
        try FileManager.default.createSymbolicLink(
            atPath: link.path, withDestinationPath: TestPaths.sample("mutual-nda.pdf"))
        let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: link.path)
        #expect(document.error?.kind == .unreadable && document.error?.detail.contains("symbolic link") == true)
        #expect(document.pages.isEmpty)
    }
}
