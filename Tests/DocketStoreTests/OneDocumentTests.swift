import DocketRecords
import Foundation
import StoreTestSupport
import Testing

@testable import DocketDecide
@testable import DocketStore

/// Some documents of a run, their units and their results, read by the documents' hashes (the
/// workspace's run, document and page views), on both stores.
@Suite struct OneDocumentTests {
    func run(_ store: RunStore) async throws {
        try await store.createRun(
            RunRecord(
                id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date(),
                outputFolder: "/tmp/out"))
    }

    func unit(_ key: String, document: String) -> UnitRecord {
        UnitRecord(
            key: key, documentSHA256: document, documentName: "\(document).pdf", chunkID: "c-\(key)", task: "t",
            status: .pending,
            route: RouteDecision(
                rule: "r", ruleSetVersion: "v", level: "internal", chain: ["local"], excluded: [], held: nil,
                neededTokens: [:]),
            reason: nil)
    }

    func result(_ key: String) -> ResultRecord {
        ResultRecord(
            unitKey: key, endpoint: "local", model: "m", weightsDigest: "w", resultJSON: #"{"k":"\#(key)"}"#,
            promptTokens: 3, completionTokens: 2, latencyMilliseconds: 1, finishedAt: Date())
    }

    @Test(arguments: StoreKind.available) func oneDocumentOfARunIsFoundByItsHash(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        try await store.recordRunDocument(run: "r", path: "/in/z.pdf", sha256: "same", error: nil)
        try await store.recordRunDocument(run: "r", path: "/in/a.pdf", sha256: "same", error: nil)
        try await store.recordRunDocument(run: "r", path: "/in/other.pdf", sha256: "other", error: nil)
        #expect(try await store.runDocument(run: "r", sha256: "same")?.path == "/in/a.pdf")
        #expect(try await store.runDocument(run: "r", sha256: "other")?.path == "/in/other.pdf")
        #expect(try await store.runDocument(run: "r", sha256: "missing") == nil)
        #expect(try await store.runDocument(run: "elsewhere", sha256: "same") == nil)
    }

    @Test(arguments: StoreKind.available) func someDocumentsUnitsAndResultsAreReadWithoutTheRunsOthers(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.open()
        try await run(store)
        let units = [unit("a1", document: "a"), unit("a2", document: "a"), unit("b1", document: "b")]
        try await store.addUnits(
            units, chunkTexts: Dictionary(uniqueKeysWithValues: units.map { ($0.chunkID!, (text: "x", heading: "")) }),
            run: "r", audit: [])
        for key in ["a1", "b1"] { try await store.saveResult(result(key), audit: nil) }
        #expect(try await store.units(run: "r", documents: ["a"]).map(\.key) == ["a1", "a2"])
        #expect(try await store.units(run: "r", documents: ["b", "a"]).map(\.key) == ["a1", "a2", "b1"])
        #expect(try await store.units(run: "r", documents: []).isEmpty)
        #expect(try await store.units(run: "r").map(\.key) == ["a1", "a2", "b1"])
        #expect(try await store.results(run: "r", documents: ["a"]).map(\.unitKey) == ["a1"])
        #expect(try await store.results(run: "r", documents: ["b"]).map(\.unitKey) == ["b1"])
        #expect(try await store.results(run: "r", documents: ["a", "b"]).map(\.unitKey) == ["a1", "b1"])
        #expect(try await store.results(run: "r", documents: []).isEmpty)
        #expect(try await store.results(run: "r").map(\.unitKey) == ["a1", "b1"])
        #expect(try await store.units(run: "other", documents: ["a"]).isEmpty)
    }

    /// The embedded store reads a page's documents through indexes, not by walking the run: SQLite's plan for
    /// each statement, on a migrated store, searches by the documents' hashes and scans no table.
    @Test func theStatementsForSomeDocumentsSearchAnIndexAndScanNothing() async throws {
        let store = try await StoreKind.sqlite.open()
        let sqlite = try #require(store as? SQLRunStore)
        let plans: [(String, [any SQLBindable], String)] = [
            (OneDocumentStatements.runDocument, ["r", "a"], "run_documents_sha256"),
            (OneDocumentStatements.units(2), ["r", "a", "b"], "units_document"),
            (OneDocumentStatements.results(2), ["r", "a", "b"], "units_document"),
            ("DELETE FROM run_documents WHERE sha256 = $1", ["a"], "run_documents_sha256"),
            (SQLRunStore.challengePage(openOnly: true, after: true), [50, "c-1"], "challenges_queue"),
            (SQLRunStore.challengePage(openOnly: false, after: true), [50, "c-1"], "challenges_opened"),
            ("SELECT * FROM challenges WHERE decision_id = $1", ["d-1"], "challenges_decision"),
            ("SELECT path FROM submission_files WHERE sha256 = $1", ["h"], "submission_files_sha256"),
            ("SELECT id FROM submissions WHERE status IN ($1, $2)", ["pending", "running"], "submissions_status"),
        ]
        // A worker's claim reads pending units in document order from an index: no sort of all of them.
        let claim = try await sqlite.executor.query(
            "EXPLAIN QUERY PLAN " + SQLRunStore.claimCandidates(runs: 2, dialect: .sqlite), [1, "r", "s"]
        ).compactMap { $0.text("detail") }
        #expect(claim.contains { $0.contains("INDEX units_claim ") } && !claim.contains { $0.contains("TEMP B-TREE") })
        // The review queue's page comes in the index's order: no sort of every open challenge.
        for openOnly in [true, false] {
            let queue = try await sqlite.executor.query(
                "EXPLAIN QUERY PLAN " + SQLRunStore.challengePage(openOnly: openOnly, after: false), [50]
            ).compactMap { $0.text("detail") }
            #expect(
                queue.contains { $0.contains("INDEX challenges_") } && !queue.contains { $0.contains("TEMP B-TREE") },
                "\(queue)")
        }
        for (statement, values, index) in plans {
            let plan = try await sqlite.executor.query("EXPLAIN QUERY PLAN " + statement, values)
                .compactMap { $0.text("detail") }
            #expect(plan.contains { $0.contains("INDEX \(index) ") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
        }
    }
}
