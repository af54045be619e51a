import DocketTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import StoreTestSupport
import Testing

@testable import DocketRecords
@testable import DocketStore
@testable import DocketWeb

/// Search in the workspace, the API and the command line: hits name their document and page, show the match
/// marked and lead to the page with it marked; a person finds only what is in the runs they may read.
@Suite(.serialized) struct WebSearchTests {
    @Test func aHitShowsItsDocumentPageAndTheMatchMarkedAndLeadsToThePage() async throws {
        let store = try await WebGridTests.store()
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        try await WebReviewTests.app(store).test(.router) { client in
            let page = String(buffer: try await WebReviewTests.get(client, "/search?q=governed+germ*", as: ada).body)
            #expect(page.contains(">a-services.pdf</a>"))
            #expect(page.contains("<mark>governed</mark>") && page.contains("<mark>Germany</mark>"))
            let a = ClauseGridFixture.sha("a")
            let link = "/runs/grid-run/documents/\(a)/pages/1?q=governed%20germ#cited"
            #expect(page.contains("href=\"\(link)\""))
            let view = String(buffer: try await WebReviewTests.get(client, link, as: ada).body)
            #expect(view.contains("<mark id=\"cited\">governed</mark>"))
            // A phrase, and a clause filter from the grid's.
            let phrase = "/search?q=%22change+of+control%22&has=Change+Of+Control"
            #expect(String(buffer: try await WebReviewTests.get(client, phrase, as: ada).body).contains("page 2"))
            let none = "/search?q=%22change+of+control%22&lacks=Change+Of+Control"
            #expect(String(buffer: try await WebReviewTests.get(client, none, as: ada).body).contains("No page"))
            // The review state of the document's decisions.
            let uncontested = "/search?q=terminat*&review=uncontested"
            #expect(String(buffer: try await WebReviewTests.get(client, uncontested, as: ada).body).contains("page 2"))
            let overturned = "/search?q=terminat*&review=overturned"
            #expect(String(buffer: try await WebReviewTests.get(client, overturned, as: ada).body).contains("No page"))
            let unknown = try await WebReviewTests.get(client, "/search?q=terminat*&review=maybe", as: ada)
            #expect(unknown.status == .badRequest && String(buffer: unknown.body).contains("review is one of"))
            // What was typed is shown back as text.
            let typed = String(buffer: try await WebReviewTests.get(client, "/search?q=%3Cscript%3E", as: ada).body)
            #expect(!typed.contains("<script>") && typed.contains("&lt;script&gt;"))
        }
    }

    @Test func aSubmitterFindsOnlyWhatIsInTheirOwnRuns() async throws {
        let store = try await WebGridTests.store()
        let sam = try await WebReviewTests.person("sam", [.submitter], store: store)
        try await WebReviewTests.app(store).test(.router) { client in
            let before = String(buffer: try await WebReviewTests.get(client, "/search?q=germany", as: sam).body)
            #expect(before.contains("No page") && !before.contains("a-services.pdf"))
            try await WebReviewTests.handIn(by: sam, run: ClauseGridFixture.run, store: store)
            let after = String(buffer: try await WebReviewTests.get(client, "/search?q=germany", as: sam).body)
            #expect(after.contains("a-services.pdf"))
        }
    }

    @Test func theAPIAnswersATokenWithTheSameHits() async throws {
        let store = try await WebGridTests.store()
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        let token = try await SubmissionsAPITests.token(for: ada.account, store: store)
        try await WebReviewTests.app(store).test(.router) { client in
            let answer = try await client.execute(
                uri: "/api/search?q=terminat*", method: .get, headers: [.authorization: "Bearer \(token)"])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [String: Any])
            let hits = try #require(body["hits"] as? [[String: Any]])
            #expect(Set(hits.compactMap { $0["document"] as? String }) == ["a-services.pdf", "c, supply.pdf"])
            #expect(hits.allSatisfy { ($0["snippet"] as? String)?.contains("[") == true })
            let refused = try await client.execute(uri: "/api/search?q=terminat*", method: .get)
            #expect(refused.status == .unauthorized)
        }
    }

    @Test func theCommandLinePrintsEachHitsRunDocumentPageAndMatch() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID()).sqlite").path
        try await ClauseGridFixture.fill(try await SQLRunStore(sqlite: path))
        let search = try CLIFixtures.docket(["search", "\"change of control\"", "--store", path])
        #expect(search.status == 0, "\(search.error)")
        #expect(
            search.output.contains("grid-run  a-services.pdf  p. 2") && search.output.contains("[Change of Control]"))
        let none = try CLIFixtures.docket(["search", "germany", "--where", "Governing Law~wales", "--store", path])
        #expect(none.output.trimmingCharacters(in: .whitespacesAndNewlines) == "no page holds that")
    }
}
