import Foundation

/// PostgreSQL through one libpq connection, shared by the process's callers one at a time.
final class PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    var dialect: SQLDialect { .postgres }

    /// `url`: `postgresql://user@host:port/database`; the password from `PGPASSWORD` or a
    /// password file, never from the pipeline.
    init(url: String) throws {
        connection = try PostgresConnection(url: url)
    }

    func query(_ sql: String, _ values: [any SQLBindable]) throws -> [SQLRow] {
        try connection.execute(sql, values.map(\.sqlValue)).rows
    }

    @discardableResult
    func execute(_ sql: String, _ values: [any SQLBindable]) throws -> Int {
        try connection.execute(sql, values.map(\.sqlValue)).affected
    }

    func transaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        // The connection's lock is held for the whole transaction: no other caller's statement
        // lands inside it.
        try connection.transaction { try body(self) }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try connection.transaction { try body(self) }
    }

    func migrate(_ migrations: [StoreMigration]) throws {
        try connection.transaction {
            // One migrator at a time, across processes.
            try connection.execute("SELECT pg_advisory_xact_lock(7348001)")
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS docket_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)")
            let applied = Set(try connection.execute("SELECT name FROM docket_migrations").rows.map { $0.text("name") })
            for migration in migrations where !applied.contains(migration.name) {
                try connection.execute(migration.sql(.postgres))
                try connection.execute(
                    "INSERT INTO docket_migrations (name, applied_at) VALUES ($1, now())", [.text(migration.name)])
            }
        }
    }
}
