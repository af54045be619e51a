import DocketModel
import DocketRecords
import DocketTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import DocketAudit
@testable import DocketStore

/// A document erased from its page in the workspace (GDPR Art. 17): only an administrator may, with the
/// session's CSRF token and a ticked confirmation; the trail records the signed-in account, and the
/// run's reports are rewritten without the document, as `docket erase` does.
@Suite struct WebErasureTests {
    @Test func anAdministratorErasesADocumentAndTheTrailNamesTheAccount() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let pipeline = try CLIFixtures.pipeline("web-erase", endpoint: server.url, in: folder)
        let erased = TestPaths.sample("mutual-nda.pdf"), kept = TestPaths.sample("it-services-agreement.docx")
        let run = try CLIFixtures.docket([
            "run", pipeline.path, "--run-id", "r1", "--input", erased, "--input", kept,
        ])
        try #require(run.status == 0, "\(run.error)")
        let sha = try ContentHash.sha256(ofFile: erased)
        let store = try await SQLRunStore(sqlite: folder.path + "/out/docket.sqlite")
        let dora = try await WebReviewTests.person("dora", [.admin], store: store)
        let rita = try await WebReviewTests.person("rita", [.reviewer], store: store)
        let page = "/runs/r1/documents/\(sha)"
        try await WebReviewTests.app(store).test(.router) { client in
            let asAdmin = String(buffer: try await WebReviewTests.get(client, page, as: dora).body)
            #expect(asAdmin.contains("Erase this document") && asAdmin.contains("action=\"\(page)/erase\""))
            let asReviewer = String(buffer: try await WebReviewTests.get(client, page, as: rita).body)
            #expect(asReviewer.contains("Contract summary") && !asReviewer.contains("Erase this document"))

            let reviewer = try await WebReviewTests.post(
                client, page + "/erase", as: rita, ["csrf": rita.csrf, "confirm": "yes"])
            #expect(reviewer.status == .forbidden)
            let forged = try await WebReviewTests.post(
                client, page + "/erase", as: dora, ["csrf": "x", "confirm": "yes"])
            #expect(forged.status == .forbidden)
            let unconfirmed = try await WebReviewTests.post(client, page + "/erase", as: dora, ["csrf": dora.csrf])
            #expect(unconfirmed.status == .badRequest)
            #expect(String(buffer: unconfirmed.body).contains("cannot be undone"))
            let named = try await WebReviewTests.post(
                client, page + "/erase", as: dora, ["csrf": dora.csrf, "confirm": "yes", "reference": "Anna Schmidt"])
            #expect(named.status == .badRequest)
            #expect(try await store.pages(sha256: sha) != nil, "nothing is erased before every check passed")

            let done = try await WebReviewTests.post(
                client, page + "/erase", as: dora, ["csrf": dora.csrf, "confirm": "yes", "reference": "DSR-2026-17"])
            #expect(done.status == .ok)
            let answer = String(buffer: done.body)
            #expect(answer.contains("Document erased") && answer.contains("reports and results rewritten"))
            #expect(try await WebReviewTests.get(client, page, as: dora).status == .notFound)
            // Nothing left to erase: not found, and no second erasure record.
            let twice = try await WebReviewTests.post(
                client, page + "/erase", as: dora, ["csrf": dora.csrf, "confirm": "yes"])
            #expect(twice.status == .notFound)
        }
        #expect(try await store.pages(sha256: sha) == nil)
        #expect(try await store.pages(sha256: try ContentHash.sha256(ofFile: kept)) != nil)
        let erasures = try await store.auditRecords(since: nil).filter {
            $0.kind == .erasure && $0.documentSHA256 == sha
        }
        #expect(erasures.count == 1)
        let erasure = try #require(erasures.first)
        #expect(HumanActor.accountID(of: erasure.actor ?? "") == dora.account.id)
        #expect(erasure.reasoning?.contains("DSR-2026-17") == true)
        let results = try String(contentsOf: folder.appendingPathComponent("out/r1/results.jsonl"), encoding: .utf8)
        #expect(!results.contains(sha) && results.contains("it-services-agreement"))
        #expect(
            AuditVerifier.verify(try await store.auditRecords(since: nil), heads: try await store.auditHeads()).intact)
    }
}
