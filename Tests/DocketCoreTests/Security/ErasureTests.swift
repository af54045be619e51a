import DocketCore
import Foundation
import Testing

/// `docket erase --document SHA256` on a real run: the document leaves the store and the run's
/// folder, the other stays, and `docket audit verify` still passes.
@Suite struct ErasureTests {
    @Test func anErasedDocumentLeavesTheStoreAndTheReportsAndTheTrailVerifies() throws {
        let folder = try SecurityFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let task = try SecurityFixtures.task(in: folder)
        let pipeline = folder.appendingPathComponent("erase.yaml")
        try """
        name: erase
        output: \(folder.path)/out
        classification: { levels: [internal], default: internal }
        endpoints:
          local: { url: "\(server.url)", model: m, sovereignty: self-hosted, clearance: internal, context_tokens: 8192 }
        routing: [{ use: [local] }]
        tasks:
        \(task)
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let erased = TestPaths.sample("mutual-nda.pdf"), kept = TestPaths.sample("it-services-agreement.docx")
        let run = try SecurityFixtures.docket([
            "run", pipeline.path, "--run-id", "r1", "--input", erased, "--input", kept,
        ])
        #expect(run.status == 0, "\(run.error)")
        let sha = try ContentHash.sha256(ofFile: erased), store = folder.path + "/out/docket.sqlite"
        let reports = folder.appendingPathComponent("out/r1/reports")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: reports.path).contains {
                $0.hasPrefix(String(sha.prefix(12)))
            })

        let erase = try SecurityFixtures.docket([
            "erase", "--document", sha, "--by", "dpo", "--reference", "GDPR-17-0042", "--store", store,
        ])
        #expect(erase.status == 0, "\(erase.error)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: reports.path).allSatisfy {
                !$0.hasPrefix(String(sha.prefix(12)))
            })
        let results = try String(contentsOf: folder.appendingPathComponent("out/r1/results.jsonl"), encoding: .utf8)
        #expect(!results.contains("mutual-nda") && !results.contains(sha) && results.contains("it-services-agreement"))
        let database = try SQLiteRunStore(path: store)
        #expect(try database.pages(sha256: sha) == nil)
        #expect(try database.pages(sha256: try ContentHash.sha256(ofFile: kept)) != nil)
        let verify = try SecurityFixtures.docket(["audit", "verify", "--store", store])
        #expect(verify.status == 0, "\(verify.output) \(verify.error)")
        let trail = try database.auditRecords(since: nil)
        #expect(
            trail.contains {
                $0.kind == .erasure && $0.documentSHA256 == sha && $0.reasoning?.contains("GDPR-17-0042") == true
            })
        #expect(trail.filter { $0.documentSHA256 == sha && $0.kind == .inference }.allSatisfy { $0.outcomeText == nil })
        #expect(
            trail.contains { $0.documentSHA256 == sha && $0.kind == .inference },
            "the erased document's decisions stay in the trail")
        // Nothing left to erase: said so, non-zero.
        #expect(try SecurityFixtures.docket(["erase", "--document", sha, "--by", "dpo", "--store", store]).status != 0)
    }
}
