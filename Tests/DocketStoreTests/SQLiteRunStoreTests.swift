import Foundation
import GRDB
import StoreTestSupport
import Testing

@testable import DocketDecide
@testable import DocketRecords
@testable import DocketStore

@Suite struct SQLiteRunStoreTests {
    func store() async throws -> SQLRunStore {
        let store = try await SQLRunStore(
            sqlite: FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID()).sqlite").path)
        try await store.createRun(
            RunRecord(
                id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date()))
        return store
    }

    func unit(_ key: String, status: UnitStatus = .pending) -> UnitRecord {
        UnitRecord(
            key: key, documentSHA256: "sha", documentName: "d.pdf", chunkID: "c1", task: "t", status: status,
            route: RouteDecision(
                rule: "r", ruleSetVersion: "v", level: "internal", chain: ["local"], excluded: [], held: nil,
                neededTokens: [:]),
            reason: nil)
    }

    func result(_ key: String, _ json: String) -> ResultRecord {
        ResultRecord(
            unitKey: key, endpoint: "local", model: "m", weightsDigest: nil, resultJSON: json, promptTokens: 1,
            completionTokens: 1, latencyMilliseconds: 1, finishedAt: Date())
    }

    @Test func aUnitGetsExactlyOneResult() async throws {
        let store = try await store()
        try await store.addUnits(
            [unit("u1"), unit("u2")], chunkTexts: ["c1": ("clause text", "12 Termination > 12.2")], run: "r", audit: [])
        #expect(try await store.pendingUnits(run: "r").map(\.key) == ["u1", "u2"])
        #expect(try await store.pendingUnits(run: "r", document: "sha").count == 2)
        #expect(try await store.pendingUnits(run: "r", document: "another").isEmpty)
        #expect(try await store.saveResult(result("u1", #"{"a":1}"#), audit: nil))
        // A late second answer is refused.
        #expect(try await store.saveResult(result("u1", #"{"a":2}"#), audit: nil) == false)
        #expect(try await store.results(run: "r").map(\.resultJSON) == [#"{"a":1}"#])
        #expect(try await store.pendingUnits(run: "r").map(\.key) == ["u2"])
        let chunk = try #require(try await store.chunk(id: "c1"))
        #expect(chunk.text == "clause text" && chunk.heading == "12 Termination > 12.2")
    }

    @Test func unitsAreSharedBetweenRunsByKey() async throws {
        let store = try await store()
        try await store.addUnits([unit("u1")], chunks: [], run: "r", audit: [])
        try await store.saveResult(result("u1", "{}"), audit: nil)
        try await store.createRun(
            RunRecord(
                id: "r2", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date()))
        try await store.addUnits([unit("u1"), unit("u3")], chunks: [], run: "r2", audit: [])
        #expect(try await store.pendingUnits(run: "r2").map(\.key) == ["u3"])
        #expect(try await store.counts(run: "r2").done == 1)
    }

    @Test func failedUnitsGoBackToPendingOnResume() async throws {
        let store = try await store()
        try await store.addUnits([unit("u1")], chunks: [], run: "r", audit: [])
        try await store.markUnit(key: "u1", status: .failed, reason: "HTTP 503")
        #expect(try await store.pendingUnits(run: "r").isEmpty)
        try await store.resetFailed(run: "r")
        #expect(try await store.pendingUnits(run: "r").map(\.key) == ["u1"])
    }

    /// A status written by a newer Docket (or by hand) is an error naming it, not a run whose state
    /// is guessed.
    @Test func anUnknownStatusIsAnError() async throws {
        let store = try await store()
        try await store.executor.execute("UPDATE runs SET status = 'paused' WHERE id = 'r'")
        await #expect(throws: StoreError.self) { try await store.run(id: "r") }
        // The words existing stores hold: renaming a case would strand their runs.
        #expect(
            RunStatus.allCases.map(\.rawValue) == [
                "queued", "running", "completing", "completed", "interrupted", "failed",
            ])
    }
}

/// One statement text for every backend: SQLite reads PostgreSQL's `$1` as its own `?1`.
@Suite struct SQLiteExecutorTests {
    @Test func numberedPlaceholdersBecomeSQLitesAndQuotedTextStays() {
        #expect(
            SQLiteExecutor.numbered("SELECT * FROM t WHERE a = $1 AND b IN ($2, $12) AND c = '$3'")
                == "SELECT * FROM t WHERE a = ?1 AND b IN (?2, ?12) AND c = '$3'")
        #expect(SQLiteExecutor.numbered("SELECT 1") == "SELECT 1")
    }

    /// A placeholder used twice binds one value twice, as in PostgreSQL.
    @Test func aRepeatedPlaceholderBindsOneValue() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ex-\(UUID()).sqlite").path
        let executor = try SQLiteExecutor(path: path, durable: true)
        let row = try #require(try await executor.query("SELECT $1 AS a, $1 || $2 AS b", ["x", "y"]).first)
        #expect(row.text("a") == "x" && row.text("b") == "xy")
    }

    /// Values are bound as GRDB binds them itself: a date as the text its formatter writes (milliseconds rounded to
    /// the nearest, not cut), every other kind as its own database value.
    @Test func valuesAreBoundAsGRDBBindsThem() {
        // Whole seconds, milliseconds and fractions of one across a day's, a year's and a century's turns.
        let instants: [Double] = [
            0, 0.0004, 0.0009, 0.9995, 0.99999, 59.5, 86_399.9994, 951_782_400.1234, 1_764_633_600.5678,
            1_798_761_599.9996, 4_102_444_799.999, 4_102_444_800.0005,
        ]
        let generated = (0..<2_000).map { (index: Int) -> Double in
            let seconds = Double(index * 2_654_435_761 % 4_102_444_800)
            return seconds + Double(index % 997) / 997
        }
        var differing: [Double] = []
        for instant in instants + generated {
            let date = Date(timeIntervalSince1970: instant)
            if SQLiteExecutor.storageText(date).databaseValue != date.databaseValue { differing.append(instant) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        let date = Date(timeIntervalSince1970: 1_764_633_600.25)
        let bound = SQLiteExecutor.arguments([.null, .integer(-7), .real(2.5), .text("é"), .boolean(true), .date(date)])
        let expected: StatementArguments = [nil, Int64(-7), 2.5, "é", true, date]
        #expect(bound == expected)
    }
}
