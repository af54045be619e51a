import DocketModel
import Foundation
import GRDB

/// SQLite through GRDB: one file in WAL mode, one queue per process. A transaction runs in one
/// GRDB access, which GRDB begins IMMEDIATE (it takes the file's write lock at BEGIN), so a
/// claim's read and update, or an audit append's read of the chain's end and its insert, are one
/// process's at a time, and the lock is held only while its statements run.
///
/// The access runs on the calling thread: a transaction here is local and takes microseconds, and
/// hopping to GRDB's queue and back cost 1.5 ms a request on the critical path (`make bench`,
/// overhead: +3.95 and +4.48 ms a request with the hop, +2.44 and +3.13 without, +2.33 and +3.18
/// before the store was async). Only a lock another process holds makes it wait, up to the busy
/// timeout. It does not look at cancellation, so a stopping worker still gives its units back.
final class SQLiteExecutor: SQLExecutor {
    let database: DatabaseQueue
    var dialect: SQLDialect { .sqlite }

    /// `durable: false` turns off fsync (synchronous=OFF): only for the checkpointing benchmark.
    init(path: String, durable: Bool) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: durable ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = OFF")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try writeNow(body)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try readNow(body)
    }

    private func writeNow<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try database.write { db in try body(Connection(db: db)) }
    }

    private func readNow<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try database.read { db in try body(Connection(db: db)) }
    }

    func migrate(_ migrations: [StoreMigration]) async throws {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql(.sqlite)) }
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            migrator.asyncMigrate(database) { result in continuation.resume(with: result.map { _ in () }) }
        }
    }

    /// The statements of one GRDB access.
    struct Connection: SQLConnection {
        let db: Database
        var dialect: SQLDialect { .sqlite }

        func run(_ sql: String, _ values: [SQLValue]) throws -> (rows: [SQLRow], changed: Int) {
            // Prepared once per connection and statement text (GRDB's cache), not parsed on every call.
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: SQLiteExecutor.numbered(sql)), arguments: SQLiteExecutor.arguments(values))
            return (SQLiteExecutor.rows(rows), db.changesCount)
        }
    }

    static func rows(_ rows: [Row]) -> [SQLRow] {
        guard let first = rows.first else { return [] }
        var columns: [String: Int] = [:]
        for (index, name) in first.columnNames.enumerated() where columns[name] == nil { columns[name] = index }
        return rows.map { row in SQLRow(columns: columns, values: row.databaseValues.map(value)) }
    }

    /// `$1` becomes SQLite's `?1`: the same numbered placeholder, so one statement text serves both.
    /// Quoted text is left alone.
    static func numbered(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "$")) else { return sql }
        // On bytes: `$`, digits and quotes are ASCII, so UTF-8 text around them is copied as it is.
        var bytes = Array(sql.utf8)
        var quoted = false
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "'") { quoted.toggle() }
            if !quoted, bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1])
            {
                bytes[index] = UInt8(ascii: "?")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Typed as optional existentials on purpose: GRDB's initialiser for a sequence of one concrete type maps
    /// it through a key path, which the runtime instantiated anew for every statement (with the date formatter
    /// below, 3.5% of a run's CPU in a profile).
    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .null: nil
                case .integer(let number): number
                case .real(let number): number
                case .text(let text): text
                case .boolean(let flag): flag
                case .date(let date): storageText(date)
                }
            })
    }

    /// A date as GRDB stores it, "2026-11-25 12:00:00.123" in UTC, rounded to the millisecond as its formatter
    /// rounds, but without that formatter, which went through ICU for every date bound. Stored times are compared
    /// as text, so the text must be GRDB's to the character.
    static func storageText(_ date: Date) -> String { Civil.timestamp(date, between: " ", after: "") }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
        }
    }
}
