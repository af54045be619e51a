import Foundation

/// Statements on one backend, inside or outside a transaction. Placeholders are written `$1`,
/// `$2`, … in every backend's statements (a number may repeat); values are always bound, never
/// spliced into the text.
public protocol SQLConnection {
    var dialect: SQLDialect { get }
    func query(_ sql: String, _ values: [any SQLBindable]) throws -> [SQLRow]
    /// Returns how many rows the statement changed.
    @discardableResult func execute(_ sql: String, _ values: [any SQLBindable]) throws -> Int
}

/// What the one SQL store needs of a backend: transactions, consistent reads, and applying the
/// schema's migrations with its own bookkeeping. Every call is `async` and none blocks Swift's
/// cooperative threads: GRDB runs SQLite on its own queue, libpq calls run on the executor's.
/// The statements of one transaction run together, without a suspension between them.
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in a transaction that holds the write lock from its start (SQLite) or uses
    /// row locks (PostgreSQL): committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// Runs `body`'s reads on one consistent view of the store, writing nothing.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// Applies the migrations not yet applied, in order, each once, one migrating process at a time.
    /// Synchronous: it runs once, as the store opens, before anything else uses it.
    func migrate(_ migrations: [StoreMigration]) throws
}

extension SQLConnection {
    func query(_ sql: String) throws -> [SQLRow] { try query(sql, []) }
    @discardableResult func execute(_ sql: String) throws -> Int { try execute(sql, []) }
    func first(_ sql: String, _ values: [any SQLBindable] = []) throws -> SQLRow? { try query(sql, values).first }
    func count(_ sql: String, _ values: [any SQLBindable] = []) throws -> Int {
        Int(try first(sql, values)?.integer("n") ?? 0)
    }
}

/// One statement on its own: a read, or a write in a transaction of its own.
extension SQLExecutor {
    func query(_ sql: String, _ values: [any SQLBindable] = []) async throws -> [SQLRow] {
        let values = values.map(\.sqlValue)
        return try await read { try $0.query(sql, values) }
    }

    func first(_ sql: String, _ values: [any SQLBindable] = []) async throws -> SQLRow? {
        try await query(sql, values).first
    }

    func count(_ sql: String, _ values: [any SQLBindable] = []) async throws -> Int {
        Int(try await first(sql, values)?.integer("n") ?? 0)
    }

    @discardableResult
    func execute(_ sql: String, _ values: [any SQLBindable] = []) async throws -> Int {
        let values = values.map(\.sqlValue)
        return try await transaction { try $0.execute(sql, values) }
    }
}

/// One step of the schema, named as it is recorded; its statements written once for every
/// backend, with the backend's types from the dialect.
public struct StoreMigration: Sendable {
    public let name: String
    public let sql: @Sendable (SQLDialect) -> String
}
