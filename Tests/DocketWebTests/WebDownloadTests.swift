import DocketTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Testing

@testable import DocketAudit
@testable import DocketModel
@testable import DocketRecords
@testable import DocketStore
@testable import DocketWeb

/// What a person who may read a run downloads: the original, the document's report, the run's results and
/// summary; nobody else gets them, and an original whose bytes are no longer the document's is not served.
@Suite(.serialized) struct WebDownloadTests {
    @Test func aSubmitterDownloadsTheirRunsFilesAndNobodyElseDoes() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let sam = try await WebReviewTests.person("sam", [.submitter], store: store)
        let sue = try await WebReviewTests.person("sue", [.submitter], store: store)
        try await WebReviewTests.handIn(by: sam, run: summary.runID, store: store)
        let sha = try #require(try await store.runDocuments(run: summary.runID).first?.sha256)
        let document = "/runs/\(summary.runID)/documents/\(sha)"
        let uris = [
            document + "/original", document + "/report/md", document + "/report/html",
            "/runs/\(summary.runID)/files/results.jsonl", "/runs/\(summary.runID)/files/summary.csv",
        ]
        try await WebReviewTests.app(store).test(.router) { client in
            let page = String(buffer: try await WebReviewTests.get(client, document, as: sam).body)
            #expect(page.contains("href=\"\(document)/original\""))
            let original = try await WebReviewTests.get(client, uris[0], as: sam)
            #expect(original.status == .ok && original.headers[.contentType] == "application/pdf")
            #expect(
                Data(buffer: original.body)
                    == (try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("mutual-nda.pdf")))))
            #expect(original.headers[.contentDisposition]?.contains("filename=\"mutual-nda.pdf\"") == true)
            let markdown = String(buffer: try await WebReviewTests.get(client, uris[1], as: sam).body)
            #expect(markdown.hasPrefix("# ") && markdown.contains("mutual") && markdown.contains("Contract summary"))
            #expect(String(buffer: try await WebReviewTests.get(client, uris[2], as: sam).body).contains("<html"))
            let results = String(buffer: try await WebReviewTests.get(client, uris[3], as: sam).body)
            let decision = try #require(try await WebReviewTests.decisions(store, run: summary.runID).first)
            #expect(results.contains(decision))
            let csv = String(buffer: try await WebReviewTests.get(client, uris[4], as: sam).body)
            #expect(csv.hasPrefix("document") && csv.contains("mutual-nda.pdf"))
            for uri in uris {
                #expect(try await WebReviewTests.get(client, uri, as: sue).status == .notFound, "\(uri)")
            }
            let other = "/runs/\(summary.runID)/files/docket.sqlite"
            #expect(try await WebReviewTests.get(client, other, as: sam).status == .notFound)
        }
    }

    @Test func anOriginalThatChangedIsNotServed() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLRunStore(sqlite: folder.appendingPathComponent("store.sqlite").path)
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        let file = folder.appendingPathComponent("contract.txt")
        try Data("The Supplier shall deliver.".utf8).write(to: file)
        let sha = try ContentHash.sha256(ofFile: file.path)
        try await store.createRun(
            RunRecord(
                id: "r1", pipeline: "p", pipelineFile: "p.yaml", ruleSetVersion: "v", status: .completed,
                startedAt: Date()))
        try await store.recordRunDocument(run: "r1", path: file.path, sha256: sha, error: nil)
        try await WebReviewTests.app(store).test(.router) { client in
            let uri = "/runs/r1/documents/\(sha)/original"
            #expect(try await WebReviewTests.get(client, uri, as: ada).status == .ok)
            try Data("The Supplier shall not deliver.".utf8).write(to: file)
            let changed = try await WebReviewTests.get(client, uri, as: ada)
            #expect(changed.status == .notFound && String(buffer: changed.body).contains("has changed"))
        }
    }
}
