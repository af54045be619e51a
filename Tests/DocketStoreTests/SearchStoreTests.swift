import DocketAudit
import DocketModel
import DocketRecords
import Foundation
import StoreTestSupport
import Testing

@testable import DocketStore

/// Full-text search on both stores: words, phrases and prefixes; the filters; the runs a person may read;
/// what a hostile query cannot do; and erasure, after which no word of the document is found.
@Suite struct SearchStoreTests {
    /// The grid fixture's run: its documents' pages saved and planned.
    func store(_ kind: StoreKind) async throws -> any RunStore {
        let store = try await kind.open()
        try await ClauseGridFixture.fill(store)
        return store
    }

    func found(
        _ store: any RunStore, _ text: String, _ change: (inout SearchQuery) -> Void = { _ in }
    ) async throws
        -> [String]
    {
        var query = SearchQuery(terms: SearchTerms(text))
        change(&query)
        return try await store.search(query, offset: 0, limit: 50).map { "\($0.sha256.prefix(1))\($0.page)" }.sorted()
    }

    @Test(arguments: StoreKind.available) func wordsPhrasesAndPrefixesFindTheirPages(_ kind: StoreKind) async throws {
        let store = try await store(kind)
        #expect(try await found(store, "germany") == ["a1"])
        #expect(try await found(store, "\"change of control\"") == ["a2"])
        #expect(try await found(store, "\"control of change\"").isEmpty)
        #expect(try await found(store, "terminat*") == ["a2", "c1"])
        #expect(try await found(store, "terminat* convenience") == ["c1"])
        #expect(try await found(store, "müller") == ["b1"])
        if kind == .sqlite { #expect(try await found(store, "muller") == ["b1"]) }  // FTS5 folds accents
        #expect(try await found(store, "absent").isEmpty)
        let hit = try #require(
            try await store.search(SearchQuery(terms: SearchTerms("Germany")), offset: 0, limit: 1).first)
        #expect(hit.snippet.contains(SearchHit.markStart + "Germany" + SearchHit.markEnd))
        #expect(hit.run == ClauseGridFixture.run && hit.path == "/in/a-services.pdf")
    }

    @Test(arguments: StoreKind.available) func filtersAndRunsNarrowTheSearch(_ kind: StoreKind) async throws {
        let store = try await store(kind)
        #expect(try await found(store, "terminat*") { $0.runs = ["another-run"] }.isEmpty)
        #expect(try await found(store, "terminat*") { $0.runs = [] }.isEmpty)
        #expect(try await found(store, "terminat*") { $0.runs = [ClauseGridFixture.run] } == ["a2", "c1"])
        #expect(try await found(store, "terminat*") { $0.pipeline = "grid" } == ["a2", "c1"])
        #expect(try await found(store, "terminat*") { $0.pipeline = "other" }.isEmpty)
        #expect(try await found(store, "terminat*") { $0.documentType = "services" } == ["a2", "c1"])
        #expect(try await found(store, "terminat*") { $0.findingTypes = ["iban"] } == ["a2"])
        #expect(try await found(store, "*") { $0.findingTypes = ["person"] }.isEmpty)
        #expect(try await found(store, "the") { $0.findingTypes = ["person"] } == ["a1", "a2", "b1"])
        #expect(try await found(store, "the") { $0.findingTypes = ["person", "iban"] } == ["a1", "a2"])
        #expect(try await found(store, "the") { $0.findingTypes = ["%"] }.isEmpty)
        #expect(try await found(store, "terminat*") { $0.submission = "s-none" }.isEmpty)
        try await store.addSubmission(
            Submission(
                id: "s-c", pipeline: "grid", folder: "/in", submittedBy: "account:1 sam", note: nil,
                submittedAt: Date(), files: [(path: "/in/c, supply.pdf", sha256: ClauseGridFixture.sha("c"))]))
        #expect(try await found(store, "terminat*") { $0.submission = "s-c" } == ["c1"])
        #expect(try await found(store, "terminat*") { $0.language = "de" }.isEmpty)
        #expect(
            try await found(store, "terminat*") {
                $0.clauses = [.init(category: "Change Of Control", condition: .found)]
            } == ["a2"])
        #expect(
            try await found(store, "terminat*") {
                $0.clauses = [.init(category: "Governing Law", condition: .answer("munich"))]
            } == ["c1"])
    }

    @Test(arguments: StoreKind.available) func theReviewStateOfADocumentsDecisionsNarrowsTheSearch(
        _ kind: StoreKind
    ) async throws {
        let store = try await store(kind)
        #expect(try await found(store, "terminat*") { $0.review = .contested }.isEmpty)
        #expect(try await found(store, "terminat*") { $0.review = .uncontested } == ["a2", "c1"])
        try await ClauseGridFixture.overturn(
            store, sha256: ClauseGridFixture.sha("a"), category: "Governing Law", value: "Austria")
        #expect(try await found(store, "terminat*") { $0.review = .contested } == ["a2"])
        #expect(try await found(store, "terminat*") { $0.review = .overturned } == ["a2"])
        #expect(try await found(store, "terminat*") { $0.review = .open }.isEmpty)
        #expect(try await found(store, "terminat*") { $0.review = .upheld }.isEmpty)
        #expect(try await found(store, "terminat*") { $0.review = .uncontested } == ["c1"])
    }

    @Test(arguments: StoreKind.available) func whatAPersonTypesIsOnlyEverWords(_ kind: StoreKind) async throws {
        let store = try await store(kind)
        for hostile in [
            "germany\" OR \"secret", "NEAR(germany secret)", "germany' | 'secret", "germany:* & !x", "* ) ( ;",
            "germany -- '; DROP TABLE pages; --",
        ] {
            _ = try await found(store, hostile)  // no error from the store's query syntax, whatever was typed
        }
        #expect(try await found(store, "germany\" OR \"secret").isEmpty)  // both words, not either
        #expect(SearchTerms("* ) ( ;").isEmpty)
        #expect(try await found(store, "ALL").isEmpty)
    }

    @Test(arguments: StoreKind.available) func anErasedDocumentIsNotFoundAgain(_ kind: StoreKind) async throws {
        let store = try await store(kind)
        let sha = ClauseGridFixture.sha("a")
        _ = try await store.eraseDocument(sha256: sha) {
            DocumentErasure.record(sha256: sha, counts: $0, by: .account(id: "1", name: "dpo"), reference: nil)
        }
        #expect(try await found(store, "germany").isEmpty)
        #expect(try await found(store, "terminat*") == ["c1"])
        if kind == .sqlite {
            // Not only unlisted: no word of the erased pages is left in the index's own pages.
            let sql = try #require(store as? SQLRunStore)
            // (Terms are stored with their prefix shared with the term before: their endings are looked for.)
            for ending in ["ermany", "upplier"] {
                let left = try await sql.executor.count(
                    "SELECT COUNT(*) AS n FROM page_search_data WHERE instr(block, CAST($1 AS BLOB)) > 0", [ending])
                #expect(left == 0, "\(ending)")
            }
        }
    }
}
