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

/// What the one SQL store needs of a backend: statements, transactions, and applying the
/// schema's migrations with its own bookkeeping.
public protocol SQLExecutor: SQLConnection, Sendable {
    /// Runs `body` in a transaction that holds the write lock from its start (SQLite) or uses
    /// row locks (PostgreSQL): committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body`'s reads on one consistent view of the store, writing nothing.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Applies the migrations not yet applied, in order, each once, one migrating process at a time.
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

/// One step of the schema, named as it is recorded; its statements written once for every
/// backend, with the backend's types from the dialect.
public struct StoreMigration: Sendable {
    public let name: String
    public let sql: @Sendable (SQLDialect) -> String
}
