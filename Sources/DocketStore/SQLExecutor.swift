import Foundation

/// Statements on one backend, within a transaction or a consistent read, run synchronously. Placeholders are
/// written `$1`, `$2`, … in every backend's statements (a number may repeat); values are always
/// bound, never spliced into the text.
public protocol SQLConnection {
    var dialect: SQLDialect { get }
    /// Runs one statement: its rows, and how many rows it changed.
    func run(_ sql: String, _ values: [SQLValue]) throws -> (rows: [SQLRow], changed: Int)
}

/// What the one SQL store needs of a backend: transactions, consistent reads, and applying the
/// schema's migrations with its own bookkeeping. Calls are `async`; a transaction's statements
/// run together, synchronously, and never suspend while they hold locks (SQLite's is the whole
/// file's): SQLite's on the calling thread (local, microseconds), PostgreSQL's on a thread that
/// waits on postgres-nio's event loop, off Swift's cooperative threads. A call started by a
/// cancelled task still runs to its end: a stopping worker gives its units back.
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in a transaction that holds the write lock from its start (SQLite) or uses
    /// row locks (PostgreSQL): committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// Runs `body`'s reads on one consistent view of the store, writing nothing.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// Applies the migrations not yet applied, in order, each once, one migrating process at a time.
    func migrate(_ migrations: [StoreMigration]) async throws
    /// One statement on its own: a read, or a write in a transaction of its own.
    func single(_ sql: String, _ values: [SQLValue], writes: Bool) async throws -> (rows: [SQLRow], changed: Int)
}

extension SQLConnection {
    func query(_ sql: String, _ values: [any SQLBindable] = []) throws -> [SQLRow] {
        try run(sql, values.map(\.sqlValue)).rows
    }

    @discardableResult
    func execute(_ sql: String, _ values: [any SQLBindable] = []) throws -> Int {
        try run(sql, values.map(\.sqlValue)).changed
    }

    func first(_ sql: String, _ values: [any SQLBindable] = []) throws -> SQLRow? { try query(sql, values).first }

    func count(_ sql: String, _ values: [any SQLBindable] = []) throws -> Int {
        Int(try first(sql, values)?.integer("n") ?? 0)
    }
}

extension SQLExecutor {
    func single(_ sql: String, _ values: [SQLValue], writes: Bool) async throws -> (rows: [SQLRow], changed: Int) {
        writes ? try await transaction { try $0.run(sql, values) } : try await read { try $0.run(sql, values) }
    }

    func query(_ sql: String, _ values: [any SQLBindable] = []) async throws -> [SQLRow] {
        try await single(sql, values.map(\.sqlValue), writes: false).rows
    }

    func first(_ sql: String, _ values: [any SQLBindable] = []) async throws -> SQLRow? {
        try await query(sql, values).first
    }

    func count(_ sql: String, _ values: [any SQLBindable] = []) async throws -> Int {
        Int(try await first(sql, values)?.integer("n") ?? 0)
    }

    @discardableResult
    func execute(_ sql: String, _ values: [any SQLBindable] = []) async throws -> Int {
        try await single(sql, values.map(\.sqlValue), writes: true).changed
    }
}

/// One step of the schema, named as it is recorded; its statements written once for every
/// backend, with the backend's types from the dialect.
public struct StoreMigration: Sendable {
    public let name: String
    public let sql: @Sendable (SQLDialect) -> String
}
