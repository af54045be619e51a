import Foundation

/// PostgreSQL through one libpq connection, shared by the process's callers one at a time.
final class PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    private let queue = DispatchQueue(label: "docket.postgres")
    var dialect: SQLDialect { .postgres }

    /// `url`: `postgresql://user@host:port/database`; the password from `PGPASSWORD` or a
    /// password file, never from the pipeline.
    init(url: String) throws {
        connection = try PostgresConnection(url: url)
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await onQueue { try self.connection.transaction { try body(Statements(connection: self.connection)) } }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await transaction(body)
    }

    /// libpq blocks while the server answers: its calls run on the executor's own thread, not on
    /// Swift's few cooperative ones, and one at a time, as a libpq connection requires.
    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// The statements of one transaction, on the connection.
    struct Statements: SQLConnection {
        let connection: PostgresConnection
        var dialect: SQLDialect { .postgres }

        func query(_ sql: String, _ values: [any SQLBindable]) throws -> [SQLRow] {
            try connection.execute(sql, values.map(\.sqlValue)).rows
        }

        func execute(_ sql: String, _ values: [any SQLBindable]) throws -> Int {
            try connection.execute(sql, values.map(\.sqlValue)).affected
        }
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
