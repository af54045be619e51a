import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import DocketTestSupport
import Foundation
import StoreTestSupport
import Testing

@testable import DocketReport
@testable import DocketStore

/// The clause grid on both stores: its cells, filters, order and pages, what reviews and erasure do to it,
/// and its exports.
@Suite struct ClauseGridTests {
    static let columns = ["Governing Law", "Change Of Control", "Parties"]

    func names(_ rows: [ClauseGrid.Row]) -> [String] { rows.map(\.name) }

    func grid(_ query: ClauseGridQuery = ClauseGridQuery()) -> ClauseGrid {
        ClauseGrid(run: ClauseGridFixture.run, categories: Self.columns, query: query)
    }

    @Test(arguments: StoreKind.available) func eachDocumentIsARowAndEachCategoryACell(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await ClauseGridFixture.fill(store)
        let rows = try await grid().rows(store: store, offset: 0, limit: 50)
        #expect(names(rows) == ["a-services.pdf", "b-nda.pdf", "c, supply.pdf", "d-letter.pdf", "e-locked.pdf"])
        let a = rows[0].cells
        #expect(a[0].state == .answer && a[0].text == "Germany" && a[0].page == 2 && a[0].span == 200..<250)
        #expect(
            a[0].decision
                == DecisionRecords.clauseID(
                    run: ClauseGridFixture.run, document: ClauseGridFixture.sha("a"), category: "Governing Law"))
        #expect(a[1].state == .found && a[1].text == "found" && a[1].page == 3)
        #expect(a[2].state == .notFound && a[2].text == "not found" && a[2].decision == nil)
        #expect(rows[4].cells.allSatisfy { $0.state == .notRead })
        #expect(try await grid().count(store: store) == 5)
    }

    @Test(arguments: StoreKind.available) func filtersKeepTheDocumentsThatPassAllOfThem(_ kind: StoreKind) async throws
    {
        let store = try await kind.open()
        try await ClauseGridFixture.fill(store)
        func kept(_ filters: [ClauseGridQuery.Filter]) async throws -> [String] {
            let grid = grid(ClauseGridQuery(filters: filters))
            let rows = try await grid.rows(store: store, offset: 0, limit: 50)
            #expect(try await grid.count(store: store) == rows.count)
            return names(rows)
        }
        #expect(
            try await kept([.init(category: "Governing Law", condition: .answer("GERMAN"))]) == [
                "a-services.pdf", "c, supply.pdf",
            ])
        #expect(try await kept([.init(category: "Change Of Control", condition: .found)]) == ["a-services.pdf"])
        #expect(
            try await kept([.init(category: "Change Of Control", condition: .missing)])
                == ["b-nda.pdf", "c, supply.pdf", "d-letter.pdf", "e-locked.pdf"])
        #expect(
            try await kept([
                .init(category: "Governing Law", condition: .answer("germany")),
                .init(category: "Change Of Control", condition: .missing),
            ]) == ["c, supply.pdf"])
        // LIKE's wildcards are the text's own characters, and a hostile category is only a value.
        #expect(try await kept([.init(category: "Governing Law", condition: .answer("%"))]).isEmpty)
        #expect(try await kept([.init(category: "Governing Law", condition: .answer("_ermany"))]).isEmpty)
        #expect(try await kept([.init(category: "x' OR '1'='1", condition: .found)]).isEmpty)
    }

    @Test(arguments: StoreKind.available) func aColumnOrdersTheRowsFoundFirstAndPagesFollowTheOrder(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.open()
        try await ClauseGridFixture.fill(store)
        let ascending = grid(ClauseGridQuery(sort: "Governing Law"))
        #expect(
            names(try await ascending.rows(store: store, offset: 0, limit: 50))
                == ["b-nda.pdf", "a-services.pdf", "c, supply.pdf", "d-letter.pdf", "e-locked.pdf"])
        let descending = grid(ClauseGridQuery(sort: "Governing Law", descending: true))
        #expect(
            names(try await descending.rows(store: store, offset: 0, limit: 50))
                == ["c, supply.pdf", "a-services.pdf", "b-nda.pdf", "e-locked.pdf", "d-letter.pdf"])
        var paged: [String] = []
        try await ascending.forEachPage(store: store, pageSize: 2) { paged += names($0) }
        #expect(paged == names(try await ascending.rows(store: store, offset: 0, limit: 50)))
    }

    @Test(arguments: StoreKind.available) func anOverturnedCellShowsTheReviewersValueAndWhatWasFound(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.open()
        try await ClauseGridFixture.fill(store)
        try await ClauseGridFixture.overturn(
            store, sha256: ClauseGridFixture.sha("a"), category: "Governing Law", value: "Austria")
        let cell = try await grid().rows(store: store, offset: 0, limit: 1)[0].cells[0]
        #expect(cell.state == .overturned && cell.text == "Austria" && cell.automated == "Germany")
    }

    @Test(arguments: StoreKind.available) func readingADocumentAgainOrErasingItTakesItsCellsAway(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.open()
        try await ClauseGridFixture.fill(store)
        let b = ClauseGridFixture.documents[1]
        try await store.recordRunDocument(run: ClauseGridFixture.run, path: b.path, sha256: b.sha256, error: nil)
        #expect(try await store.clauseCells(run: ClauseGridFixture.run, paths: [b.path]).isEmpty)
        let a = ClauseGridFixture.documents[0]
        _ = try await store.eraseDocument(sha256: a.sha256) {
            DocumentErasure.record(sha256: a.sha256, counts: $0, by: .account(id: "1", name: "dpo"), reference: nil)
        }
        #expect(try await store.clauseCells(run: ClauseGridFixture.run, paths: [a.path]).isEmpty)
        let sql = try #require(store as? SQLRunStore)
        #expect(
            try await sql.executor.count("SELECT COUNT(*) AS n FROM clause_cells WHERE path = $1", [a.path]) == 0)
    }

    /// A store whose documents were planned before the grid existed (migration v19): v20 makes their cells and
    /// the search's facets from the plans, in SQL, so that nothing waits for a first view; v21 indexes their
    /// pages. What the migrations make is what saving the same plans makes.
    @Test(arguments: StoreKind.available) func aStoreFromBeforeTheGridGetsItsCellsAndFacetsWhenMigrated(
        _ kind: StoreKind
    ) async throws {
        let location =
            kind == .sqlite
            ? FileManager.default.temporaryDirectory.appendingPathComponent("v19-\(UUID()).sqlite").path
            : try await TestPostgres.freshDatabase()
        let v19 = Array(StoreSchema.migrations.prefix { $0.name != "v20-clause-cells" })
        let old = try await SQLRunStore.opened(location, migrations: v19)
        try await old.createRun(
            RunRecord(
                id: ClauseGridFixture.run, pipeline: "grid", pipelineFile: "/nowhere/grid.yaml", ruleSetVersion: "v",
                status: .completed, startedAt: Date()))
        for document in ClauseGridFixture.documents {
            if let pages = ClauseGridFixture.texts[document.sha256] {
                try await old.saveDocument(
                    ExtractedDocument(
                        path: document.path, sha256: document.sha256, kind: .pdf, pageCount: pages.count,
                        pages: pages.enumerated().map { ExtractedPage(number: $0 + 1, text: $1, source: .textLayer) }))
            }
            // As v19's `savePlan` wrote it: the plan's JSON, nothing beside it (no plan for the unreadable one).
            let plan = try ClauseGridFixture.plan(document.path, document.sha256, document.found)
            let json = document.path.hasSuffix("locked.pdf") ? nil : try SQLRunStore.json(plan.withoutRoutes)
            try await old.executor.execute(
                "INSERT INTO run_documents (run_id, path, sha256, plan_json) VALUES ($1, $2, $3, $4)",
                [ClauseGridFixture.run, document.path, document.sha256, json])
        }
        let migrated = try await SQLRunStore.opened(location, migrations: StoreSchema.migrations)
        let saved = try await kind.open()
        try await ClauseGridFixture.fill(saved)
        func everything(_ store: SQLRunStore) async throws -> [String] {
            try await store.executor.query(
                """
                SELECT d.path, d.document_type, d.language, d.level, d.finding_types, c.category, c.answer,
                    c.first_page, c.start_offset, c.end_offset
                FROM run_documents d LEFT JOIN clause_cells c ON c.run_id = d.run_id AND c.path = d.path
                WHERE d.plan_json IS NOT NULL ORDER BY d.path, c.category
                """
            ).map { row in
                [
                    "path", "document_type", "language", "level", "finding_types", "category", "answer", "first_page",
                    "start_offset", "end_offset",
                ].map { row.text($0) ?? row.integer($0).map { "\($0)" } ?? "–" }.joined(separator: "|")
            }
        }
        let made = try await everything(migrated)
        #expect(made.contains("/in/a-services.pdf|services|en|internal|,iban,person,|Governing Law|Germany|2|200|250"))
        #expect(made == (try await everything(try #require(saved as? SQLRunStore))))
        // The grid and the search's filters read them.
        let rows = try await grid().rows(store: migrated, offset: 0, limit: 50)
        #expect(rows[0].cells[0].text == "Germany" && rows[1].cells[0].text == "England and Wales")
        var query = SearchQuery(terms: SearchTerms("terminat*"))
        query.findingTypes = ["iban"]
        query.documentType = "services"
        #expect(try await migrated.search(query, offset: 0, limit: 10).map(\.path) == ["/in/a-services.pdf"])
        // PostgreSQL: v21 indexed the pages in their document's language too ("terminates" → the English stem).
        let stemmed = try await migrated.search(SearchQuery(terms: SearchTerms("terminates")), offset: 0, limit: 10)
        #expect(stemmed.count == (kind == .postgres ? 2 : 0))
    }

    @Test func theCSVHasADocumentColumnAndOneColumnPerCategoryGuardedAgainstFormulas() async throws {
        let store = try await StoreKind.sqlite.open()
        try await ClauseGridFixture.fill(store)
        var csv = Data()
        try await ClauseGridExport.stream(grid(), format: .csv, store: store) { csv.append($0) }
        let lines = String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "document,Governing Law,Change Of Control,Parties")
        #expect(lines[1] == "a-services.pdf,Germany,found,not found")
        #expect(lines[3] == "\"c, supply.pdf\",germany (Munich courts),not found,'=1+2")
        #expect(lines[5] == "e-locked.pdf,not read,not read,not read")
        var jsonl = Data()
        try await ClauseGridExport.stream(grid(), format: .jsonl, store: store) { jsonl.append($0) }
        let first = try #require(
            try JSONSerialization.jsonObject(with: Data(jsonl.split(separator: UInt8(ascii: "\n"))[0]))
                as? [String: Any])
        let cell = (first["cells"] as? [String: Any])?["Governing Law"] as? [String: Any]
        #expect(cell?["value"] as? String == "Germany" && cell?["page"] as? Int == 2)
    }

    @Test func theXLSXReadsBackAsTheGridWithFormulasKeptAsText() async throws {
        let store = try await StoreKind.sqlite.open()
        try await ClauseGridFixture.fill(store)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UUID()).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await XLSXGrid.write(grid(), store: store, to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let rows = try XLSXReader.rows(path)
        #expect(rows[0] == ["document", "Governing Law", "Change Of Control", "Parties"])
        #expect(rows[1] == ["a-services.pdf", "Germany", "found", "not found"])
        #expect(rows[3] == ["c, supply.pdf", "germany (Munich courts)", "not found", "=1+2"])
        #expect(rows.count == 6)
        #expect(try XLSXReader.formulas(path) == 0)
    }
}
