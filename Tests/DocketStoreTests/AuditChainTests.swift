import DocketTestSupport
import Foundation
import GRDB
import Testing

@testable import DocketAudit
@testable import DocketRecords
@testable import DocketStore

/// The hash chain catches every edited, deleted or reordered record, with the SQLite file edited
/// directly, as someone with access to it would (dropping the append-only triggers first).
@Suite struct AuditChainTests {
    func store() async throws -> (SQLRunStore, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID()).sqlite").path
        return (try await SQLRunStore(sqlite: path), path)
    }

    func record(_ n: Int, run: String = "r", at date: Date = Date()) -> AuditRecord {
        var record = AuditRecord(
            id: "d-\(n)", kind: .classification, run: run, outcome: n % 2 == 0 ? "restricted" : "internal", at: date)
        record.documentSHA256 = String(repeating: "a", count: 64)
        record.chunkID = "chunk-\(n)"
        record.reasoning = "rule \(n) matched"
        record.confidence = 0.9
        return record
    }

    /// A trail of six records written by run "r", which ended after them.
    func trail() async throws -> (SQLRunStore, String) {
        let (store, path) = try await store()
        try await store.createRun(
            RunRecord(
                id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date()))
        try await store.appendAudit((1...6).map { record($0) })
        try await store.finishRun(id: "r", status: .completed)
        return (store, path)
    }

    /// Raw SQL on the file, past the triggers.
    func tamper(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete")
            try db.execute(sql: sql)
        }
    }

    /// The trail checked read whole and read from the store two records at a time: both say the same.
    func verify(_ store: SQLRunStore) async throws -> AuditVerifier.Report {
        let whole = AuditVerifier.verify(try await store.auditRecords(since: nil), heads: try await store.auditHeads())
        let paged = try await AuditVerifier.verify(store: store, pageSize: 2)
        #expect(
            paged.intact == whole.intact && paged.firstBroken == whole.firstBroken && paged.problem == whole.problem)
        #expect(paged.checked == whole.checked || !whole.intact)
        return paged
    }

    @Test func anUntouchedTrailVerifiesAndLinksEachRecordToTheOneBefore() async throws {
        let (store, _) = try await trail()
        let records = try await store.auditRecords(since: nil)
        #expect(records.map(\.sequence) == [1, 2, 3, 4, 5, 6])
        #expect(records[0].previousHash == AuditRecord.genesis)
        for (earlier, later) in zip(records, records.dropFirst()) { #expect(later.previousHash == earlier.hash) }
        let report = try await verify(store)
        #expect(report.intact && report.checked == 6 && report.head == records.last!.hash)
    }

    @Test func theSameDecisionRecordedAgainIsNotAppendedTwice() async throws {
        let (store, _) = try await trail()
        #expect(try await store.appendAudit([record(3), record(7)]).map(\.id) == ["d-7"])
        #expect(try await store.auditRecords(since: nil).count == 7)
    }

    @Test func updatesAndDeletesThroughSQLAreRefused() async throws {
        let (_, path) = try await trail()
        let queue = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "UPDATE audit_records SET outcome = 'public' WHERE sequence = 2") }
        }
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "DELETE FROM audit_records WHERE sequence = 2") }
        }
    }

    @Test(arguments: [
        "outcome = 'public'", "reasoning = 'nothing matched'", "confidence = 0.1", "actor = 'someone'",
        "at = '2020-01-01T00:00:00.000Z'",
    ])
    func anEditedFieldIsCaughtAtItsRecord(_ change: String) async throws {
        let (store, path) = try await trail()
        try tamper(path, "UPDATE audit_records SET \(change) WHERE sequence = 3")
        let report = try await verify(store)
        #expect(report.firstBroken == 3)
        #expect(report.problem?.contains("changed") == true)
    }

    @Test func anEditWhoseHashIsRecomputedIsCaughtAtTheNextRecord() async throws {
        let (store, path) = try await trail()
        var edited = try #require(try await store.auditRecords(since: nil).first { $0.sequence == 3 })
        edited.outcome = "public"
        try tamper(
            path, "UPDATE audit_records SET outcome = 'public', hash = '\(edited.computedHash())' WHERE sequence = 3")
        await #expect(try verify(store).firstBroken == 4)
    }

    @Test func aDeletedRecordIsCaughtAtTheOneAfterIt() async throws {
        let (store, path) = try await trail()
        try tamper(path, "DELETE FROM audit_records WHERE sequence = 4")
        let report = try await verify(store)
        #expect(report.firstBroken == 5)
        #expect(report.problem?.contains("deleted") == true)
    }

    @Test func reorderedRecordsAreCaught() async throws {
        let (store, path) = try await trail()
        try tamper(
            path,
            "UPDATE audit_records SET sequence = 100 WHERE sequence = 2; UPDATE audit_records SET sequence = 2 WHERE "
                + "sequence = 3; UPDATE audit_records SET sequence = 3 WHERE sequence = 100"
        )
        await #expect(try verify(store).firstBroken == 2)
    }

    @Test func recordsDeletedFromTheEndAreCaughtByTheRunsRecordedHead() async throws {
        let (store, path) = try await trail()
        try tamper(path, "DELETE FROM audit_records WHERE sequence >= 5")
        let report = try await verify(store)
        #expect(report.firstBroken == 6)
        #expect(report.problem?.contains("end of the trail") == true)
    }

    @Test func recordsDeletedFromTheStartAreCaught() async throws {
        let (store, path) = try await trail()
        try tamper(path, "DELETE FROM audit_records WHERE sequence <= 2")
        await #expect(try verify(store).firstBroken == 3)
    }

    @Test func aHeadKeptElsewhereMustStillBeInTheTrail() async throws {
        let (store, path) = try await trail()
        let head = try await verify(store).head
        #expect(AuditVerifier.verify(try await store.auditRecords(since: nil), expectedHead: head).intact)
        // Rewrite the whole trail consistently: only the outside head notices.
        try tamper(path, "DELETE FROM audit_records; UPDATE runs SET audit_head_hash = NULL")
        try await store.appendAudit([record(9)])
        let rebuilt = try await store.auditRecords(since: nil)
        #expect(AuditVerifier.verify(rebuilt).intact)
        #expect(!AuditVerifier.verify(rebuilt, expectedHead: head).intact)
    }

    @Test func retentionRemovesOldRecordsAndLeavesAVerifiableTrail() async throws {
        let (store, _) = try await store()
        let old = Date().addingTimeInterval(-400 * 86_400)
        try await store.appendAudit((1...4).map { record($0, at: old) } + (5...6).map { record($0) })
        #expect(try await store.pruneAudit(before: Date().addingTimeInterval(-365 * 86_400)) == 4)
        let records = try await store.auditRecords(since: nil)
        #expect(records.map(\.sequence) == [5, 6, 7])
        #expect(records.last?.kind == .retention)
        #expect(AuditVerifier.verify(records).intact)
        #expect(try await store.pruneAudit(before: Date().addingTimeInterval(-365 * 86_400)) == 0)
    }

    @Test func docketAuditVerifyExitsNonZeroAndNamesTheBrokenRecord() async throws {
        let (_, path) = try await trail()
        func verify() throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
            process.arguments = ["audit", "verify", "--store", path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let (intact, text) = try verify()
        #expect(intact == 0 && text.contains("intact, 6 records"))
        try tamper(path, "UPDATE audit_records SET outcome = 'public' WHERE sequence = 5")
        let (broken, problem) = try verify()
        #expect(broken == 1 && problem.contains("BROKEN at record 5"))
    }
}

@Suite struct TimestampTests {
    /// The arithmetic formatting and parsing agree with Foundation's formatters.
    @Test func timestampsMatchFoundationsAndParseBack() async throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        let samples =
            [0.0, 951_782_400.5, 1_709_164_800.007, 4_107_542_399.999]
            + (0..<500).map { _ in
                Double(Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator)) / 1000
            }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(AuditRecord.timestamp(date) == formatter.string(from: date), "\(seconds)")
            let postgres = AuditRecord.timestamp(date).replacingOccurrences(of: "T", with: " ").replacingOccurrences(
                of: "Z", with: "+00")
            let parsed = try #require(SQLRow.parseTimestamp(postgres))
            #expect(abs(parsed.timeIntervalSince1970 - (seconds * 1000).rounded() / 1000) < 1e-6, "\(postgres)")
        }
        #expect(SQLRow.parseTimestamp("2026-11-25 12:00:00+00")?.timeIntervalSince1970 == 1_795_608_000)
        #expect(SQLRow.parseTimestamp("not a date") == nil)
    }
}
