import DocketModel
import DocketRecords
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import StoreTestSupport
import Testing

@testable import DocketStore
@testable import DocketWeb

/// A run's page shows its documents a page at a time, in path order, each page read through the
/// store's key: a data room's run page does not grow with the run.
@Suite struct RunPagesTests {
    /// A finished run of documents named `names`, each with one page of text, in a new store.
    static func store(run: String, names: [String]) async throws -> SQLRunStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pages-\(UUID()).sqlite").path
        let store = try await SQLRunStore(sqlite: path)
        try await fill(store, run: run, names: names)
        return store
    }

    static func fill(_ store: any RunStore, run: String, names: [String]) async throws {
        try await store.createRun(
            RunRecord(
                id: run, pipeline: "review", pipelineFile: "/nonexistent/review.yaml", ruleSetVersion: "v",
                status: .completed, startedAt: Date(), outputFolder: "/tmp/out"))
        for name in names {
            let sha = ContentHash.sha256(of: Array(name.utf8))
            try await store.saveDocument(
                ExtractedDocument(
                    path: "/in/\(name)", sha256: sha, kind: .text, pageCount: 1,
                    pages: [ExtractedPage(number: 1, text: "The text of \(name).", source: .native)]))
            try await store.recordRunDocument(run: run, path: "/in/\(name)", sha256: sha, error: nil)
        }
    }

    /// The link a page gives to `rel` (its href, as the browser reads it).
    static func link(_ text: String, in html: String) -> String? {
        guard let range = html.range(of: #"<a href="([^"]+)"[^>]*>\#(text)</a>"#, options: .regularExpression)
        else { return nil }
        let anchor = String(html[range])
        let start = anchor.index(anchor.startIndex, offsetBy: "<a href=\"".count)
        return String(anchor[start...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&#61;", with: "=")
    }

    @Test func aRunsDocumentsComeAPageAtATimeInPathOrder() async throws {
        // Paths sort by their bytes: the second, last on the first page, is named the hard way.
        let store = try await Self.store(run: "r1", names: ["ö.pdf", "a.pdf", "ä & b.pdf"])
        let rita = try await WebReviewTests.person("rita", [.reviewer], store: store)
        var settings = WebApp.Settings()
        settings.runPageSize = 2
        try await Application(router: WebApp.router(store: store, settings: settings)).test(.router) { client in
            let first = String(buffer: try await WebReviewTests.get(client, "/runs/r1", as: rita).body)
            #expect(first.contains("a.pdf") && first.contains("ä &amp; b.pdf") && !first.contains("ö.pdf"))
            #expect(Self.link("first documents", in: first) == nil)
            let next = try #require(Self.link("next documents", in: first), "\(first)")
            // The link is plain ASCII, whatever the file's name.
            #expect(next.allSatisfy(\.isASCII) && !next.contains(" "), "\(next)")
            let second = String(buffer: try await WebReviewTests.get(client, next, as: rita).body)
            #expect(second.contains("ö.pdf") && !second.contains("a.pdf") && !second.contains("ä &amp; b.pdf"))
            #expect(Self.link("next documents", in: second) == nil)
            #expect(Self.link("first documents", in: second) == "/runs/r1")
            // The progress line still counts the whole run.
            #expect(second.contains("over 3 documents"))
        }
    }

    /// The store's page: at most `limit` documents after the one named, through the table's key.
    @Test(arguments: StoreKind.available) func theStoreReadsOnePageAfterAPath(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await Self.fill(store, run: "r1", names: ["c.pdf", "a.pdf", "b.pdf", "d.pdf"])
        #expect(
            try await store.runDocuments(run: "r1", after: nil, limit: 2).map(\.path) == ["/in/a.pdf", "/in/b.pdf"])
        #expect(
            try await store.runDocuments(run: "r1", after: "/in/b.pdf", limit: 2).map(\.path) == [
                "/in/c.pdf", "/in/d.pdf",
            ])
        #expect(try await store.runDocuments(run: "r1", after: "/in/d.pdf", limit: 2).isEmpty)
        #expect(try await store.runDocuments(run: "other", after: nil, limit: 2).isEmpty)
    }

    /// The runs list: newest first, a page at a time, older runs after a link; on both stores, runs started
    /// in the same instant come in id order and none is shown twice or skipped.
    @Test(arguments: StoreKind.available) func theRunsListComesAPageAtATimeNewestFirst(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for (id, offset) in [("r-old", 0.0), ("r-mid-a", 60), ("r-mid-b", 60), ("r-new", 120)] {
            try await store.createRun(
                RunRecord(
                    id: id, pipeline: "review", pipelineFile: "/nonexistent/review.yaml", ruleSetVersion: "v",
                    status: .completed, startedAt: start.addingTimeInterval(offset), outputFolder: "/tmp/out"))
        }
        #expect(try await store.runs(before: nil, limit: 2).map(\.id) == ["r-new", "r-mid-b"])
        #expect(try await store.runs(before: "r-mid-b", limit: 2).map(\.id) == ["r-mid-a", "r-old"])
        #expect(try await store.runs(before: "r-old", limit: 2).isEmpty)
        guard let sqlite = store as? SQLRunStore else { return }
        let rita = try await WebReviewTests.person("rita", [.reviewer], store: sqlite)
        var settings = WebApp.Settings()
        settings.runsPageSize = 3
        try await Application(router: WebApp.router(store: store, settings: settings)).test(.router) { client in
            let first = String(buffer: try await WebReviewTests.get(client, "/", as: rita).body)
            #expect(first.contains("r-new") && first.contains("r-mid-a") && !first.contains("r-old"))
            let older = try #require(Self.link("older runs", in: first), "\(first)")
            let second = String(buffer: try await WebReviewTests.get(client, older, as: rita).body)
            #expect(second.contains("r-old") && !second.contains("r-new") && Self.link("older runs", in: second) == nil)
            #expect(Self.link("newest runs", in: second) == "/")
        }
    }
}
