import DocketAudit
import DocketModel
import DocketRun
import DocketStore
import DocketTestSupport
import Foundation
import GRDB
import Testing

/// `docket erase --document SHA256` on a real run: the document leaves the store and the run's
/// folder, the other stays, and `docket audit verify` still passes.
@Suite struct ErasureTests {
    @Test func anErasedDocumentLeavesTheStoreAndTheReportsAndTheTrailVerifies() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let pipeline = try CLIFixtures.pipeline("erase", endpoint: server.url, in: folder)
        let erased = TestPaths.sample("mutual-nda.pdf"), kept = TestPaths.sample("it-services-agreement.docx")
        let run = try CLIFixtures.docket([
            "run", pipeline.path, "--run-id", "r1", "--input", erased, "--input", kept,
        ])
        #expect(run.status == 0, "\(run.error)")
        let sha = try ContentHash.sha256(ofFile: erased), store = folder.path + "/out/docket.sqlite"
        let reports = folder.appendingPathComponent("out/r1/reports")
        let parts = reports.appendingPathComponent(".parts")
        for place in [reports, parts] {
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: place.path).contains {
                    $0.hasPrefix(String(sha.prefix(12)))
                })
        }

        let erase = try CLIFixtures.docket([
            "erase", "--document", sha, "--by", "dpo", "--reference", "GDPR-17-0042", "--store", store,
        ])
        #expect(erase.status == 0, "\(erase.error)")
        for place in [reports, parts] {
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: place.path).allSatisfy {
                    !$0.hasPrefix(String(sha.prefix(12)))
                })
        }
        // No file the run wrote names the erased document any more (the kept parts included).
        let written = FileManager.default.enumerator(atPath: folder.appendingPathComponent("out/r1").path)
        while let name = written?.nextObject() as? String {
            let text = (try? String(contentsOfFile: folder.path + "/out/r1/" + name, encoding: .utf8)) ?? ""
            #expect(!text.contains("mutual-nda") && !text.contains(sha), "\(name)")
        }
        let results = try String(contentsOf: folder.appendingPathComponent("out/r1/results.jsonl"), encoding: .utf8)
        #expect(!results.contains("mutual-nda") && !results.contains(sha) && results.contains("it-services-agreement"))
        let database = try await SQLRunStore(sqlite: store)
        #expect(try await database.pages(sha256: sha) == nil)
        #expect(try await database.pages(sha256: try ContentHash.sha256(ofFile: kept)) != nil)
        let verify = try CLIFixtures.docket(["audit", "verify", "--store", store])
        #expect(verify.status == 0, "\(verify.output) \(verify.error)")
        let trail = try await database.auditRecords(since: nil)
        #expect(
            trail.contains {
                $0.kind == .erasure && $0.documentSHA256 == sha && $0.reasoning?.contains("GDPR-17-0042") == true
            })
        #expect(trail.filter { $0.documentSHA256 == sha && $0.kind == .inference }.allSatisfy { $0.outcomeText == nil })
        #expect(
            trail.contains { $0.documentSHA256 == sha && $0.kind == .inference },
            "the erased document's decisions stay in the trail")
        // Nothing left to erase: said so, non-zero.
        #expect(try CLIFixtures.docket(["erase", "--document", sha, "--by", "dpo", "--store", store]).status != 0)
    }

    /// A copy uploaded through the workspace is erased; the same file handed in from its own folder
    /// with `docket submit` is the submitter's and stays.
    @Test func uploadedCopiesAreErasedAndSubmittedFoldersAreNotTouched() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = folder.appendingPathComponent("inbox/letter.txt")
        try FileManager.default.createDirectory(
            at: original.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("Dear Ms Schmidt".utf8).write(to: original)
        let sha = try ContentHash.sha256(ofFile: original.path), store = folder.path + "/docket.sqlite"
        var upload = try SubmissionUpload(folder: SubmissionUpload.folder(output: folder.path, submission: "s-web"))
        try upload.add(name: "letter.txt", data: try Data(contentsOf: original))
        let database = try await SQLRunStore(sqlite: store)
        try await database.addSubmission(
            Submission(
                id: "s-web", pipeline: "p", folder: upload.folder, submittedBy: "account:1 anna", note: nil,
                submittedAt: Date(), files: upload.files))
        try await database.addSubmission(
            Submission(
                id: "s-cli", pipeline: "p", folder: original.deletingLastPathComponent().path,
                submittedBy: "cli:anna", note: nil, submittedAt: Date(), files: [(original.path, sha)]))
        let erase = try CLIFixtures.docket(["erase", "--document", sha, "--by", "dpo", "--store", store])
        #expect(erase.status == 0, "\(erase.error)")
        #expect(!FileManager.default.fileExists(atPath: try #require(upload.files.first).path))
        #expect(FileManager.default.fileExists(atPath: original.path))
    }
}

/// One document's report that cannot be written costs no other document its report, and the
/// index is still written; the failure is said, by hash.
@Suite struct ReportIsolationTests {
    @Test func aReportThatCannotBeWrittenDoesNotStopTheOthers() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let pipeline = try CLIFixtures.pipeline("isolation", endpoint: server.url, in: folder)
        let blocked = TestPaths.sample("mutual-nda.pdf"), other = TestPaths.sample("it-services-agreement.docx")
        let run = try CLIFixtures.docket([
            "run", pipeline.path, "--run-id", "r1", "--input", blocked, "--input", other,
        ])
        #expect(run.status == 0, "\(run.error)")
        let reports = folder.appendingPathComponent("out/r1/reports")
        let names = try FileManager.default.contentsOfDirectory(atPath: reports.path)
        let prefix = String(try ContentHash.sha256(ofFile: blocked).prefix(12))
        for name in names { try FileManager.default.removeItem(at: reports.appendingPathComponent(name)) }
        // A folder where the blocked document's Markdown report goes: it cannot be replaced.
        let stuck = try #require(names.first { $0.hasPrefix(prefix) && $0.hasSuffix(".md") })
        try FileManager.default.createDirectory(
            at: reports.appendingPathComponent(stuck + "/x"), withIntermediateDirectories: true)

        let again = try CLIFixtures.docket(["report", "r1", "--store", folder.path + "/out/docket.sqlite"])
        #expect(again.status != 0 && again.error.contains("the report of document \(prefix)"), "\(again.error)")
        let written = try FileManager.default.contentsOfDirectory(atPath: reports.path)
        #expect(written.contains("index.html"))
        #expect(written.contains { !$0.hasPrefix(prefix) && $0.hasSuffix(".md") })
        #expect(written.contains { !$0.hasPrefix(prefix) && $0.hasSuffix(".html") && $0 != "index.html" })
    }
}

/// A run's folder comes from the local pipeline file: an output folder that someone with write
/// access to the store put there is never written to.
@Suite struct RunFolderTests {
    @Test func theStoresOutputFolderIsNotTrusted() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let pipeline = try CLIFixtures.pipeline("folders", endpoint: server.url, in: folder)
        let run = try CLIFixtures.docket([
            "run", pipeline.path, "--run-id", "r1", "--input", TestPaths.sample("mutual-nda.pdf"),
        ])
        #expect(run.status == 0, "\(run.error)")
        let store = folder.path + "/out/docket.sqlite", hostile = folder.appendingPathComponent("elsewhere")
        try await DatabaseQueue(path: store).write { db in
            try db.execute(sql: "UPDATE runs SET output_folder = ? WHERE id = 'r1'", arguments: [hostile.path])
        }
        let results = folder.appendingPathComponent("out/r1/results.jsonl")
        try FileManager.default.removeItem(at: results)
        let report = try CLIFixtures.docket(["report", "r1", "--store", store])
        #expect(report.status == 0, "\(report.error)")
        #expect(FileManager.default.fileExists(atPath: results.path))
        #expect(!FileManager.default.fileExists(atPath: hostile.path))
    }
}
