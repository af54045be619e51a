import DocketModel
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// PostgreSQL through postgres-nio: a pool of connections (`PostgresClient`), so a worker's
/// slots and a web server's requests each take their own, on NIO's event loops. The store is
/// checked and migrated on one connection first, so an unreachable server or a refused login is
/// a clear error when the store opens.
final class PostgresExecutor: SQLExecutor {
    let client: PostgresClient
    private let running: Task<Void, Never>
    /// postgres-nio's own messages are not Docket's to show: they may hold statement text.
    static let logger = Logger(label: "docket.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    var dialect: SQLDialect { .postgres }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(
        url: String, environment: [String: String] = ProcessInfo.processInfo.environment, connections: Int = 8
    ) async throws {
        let settings = try PostgresSettings(url: url, environment: environment)
        // Connecting once first: a pool that cannot connect keeps trying, and its callers wait.
        let probe = try await Self.connect(url: url, settings: settings)
        try await probe.close()
        client = PostgresClient(
            configuration: try settings.clientConfiguration(connections: connections), backgroundLogger: Self.logger)
        running = Task { [client] in await client.run() }
    }

    deinit { running.cancel() }

    static func connect(url: String, settings: PostgresSettings) async throws -> PostgresConnection {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
            _ = try await connection.query("SET client_min_messages = warning", logger: logger)
            return connection
        } catch {
            throw Failure(
                description: "cannot connect to the PostgreSQL store \(StoreURL.redacted(url)): "
                    + "\(StoreURL.redacted(Self.message(error))). Check that it runs, that the URL is right, and "
                    + "the password (PGPASSWORD or a password file)")
        }
    }

    /// The server's own words for an error (String(reflecting:) of PSQLError holds the query).
    static func message(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await inTransaction("BEGIN", body)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await inTransaction("BEGIN READ ONLY", body)
    }

    /// Without BEGIN and COMMIT: one round trip, where a transaction of one statement takes three.
    func single(_ sql: String, _ values: [SQLValue], writes: Bool) async throws -> (rows: [SQLRow], changed: Int) {
        try await onStatementThread { try $0.run(sql, values) }
    }

    /// Threads that wait on postgres-nio's event loops while a transaction's statements run, so
    /// that a transaction runs whole without suspending, off Swift's cooperative threads: as many
    /// as a pool has connections (a concurrent dispatch queue would allow only one per core).
    private static let statementThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 8)
        pool.start()
        return pool
    }()

    private func inTransaction<T: Sendable>(
        _ begin: String, _ body: @escaping @Sendable (any SQLConnection) throws -> T
    ) async throws -> T {
        try await onStatementThread { statements in
            _ = try statements.run(begin, [])
            do {
                let value = try body(statements)
                _ = try statements.run("COMMIT", [])
                return value
            } catch {
                _ = try? statements.run("ROLLBACK", [])
                throw error
            }
        }
    }

    /// Runs `work` on a pooled connection, on `statementThreads`, in a task of its own: a store call
    /// that a cancelled task started still runs to its end.
    private func onStatementThread<T: Sendable>(_ work: @escaping @Sendable (Statements) throws -> T) async throws -> T
    {
        try await Task { [client] in
            try await client.withConnection { connection in
                try await Self.statementThreads.runIfActive { try work(Statements(connection: connection)) }
            }
        }.value
    }

    func migrate(_ migrations: [StoreMigration]) async throws {
        try await transaction { connection in
            // One migrator at a time, across processes.
            try connection.execute("SELECT pg_advisory_xact_lock(7348001)")
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS docket_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)")
            let applied = Set(try connection.query("SELECT name FROM docket_migrations").map { $0.text("name") })
            for migration in migrations where !applied.contains(migration.name) {
                for statement in Self.statements(in: migration.sql(.postgres)) { try connection.execute(statement) }
                try connection.execute(
                    "INSERT INTO docket_migrations (name, applied_at) VALUES ($1, now())", [migration.name])
            }
        }
    }

    /// A script's statements, split on the semicolons outside quotes, `$$` bodies and comments
    /// (postgres-nio sends one statement at a time).
    static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var quoted = false
        var dollar = false
        var comment = false
        var previous: Character = " "
        for character in script {
            if comment {
                if character == "\n" { comment = false }
            } else if !quoted && !dollar && previous == "-" && character == "-" {
                current.removeLast()
                comment = true
            } else if character == "'" && !dollar {
                quoted.toggle()
            } else if character == "$" && previous == "$" && !quoted {
                dollar.toggle()
            } else if character == ";" && !quoted && !dollar {
                statements.append(current)
                current = ""
                previous = " "
                continue
            }
            if !comment { current.append(character) }
            previous = character
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Runs one statement outside any transaction (`CREATE DATABASE` cannot run in one).
    static func administer(url: String, _ statement: String) async throws {
        let connection = try await connect(url: url, settings: try PostgresSettings(url: url))
        let query: PostgresQuery = "\(unescaped: statement)"
        _ = try await connection.query(query, logger: logger)
        try await connection.close()
    }

    /// The statements of one transaction, on its connection.
    struct Statements: SQLConnection {
        let connection: PostgresConnection
        var dialect: SQLDialect { .postgres }

        /// Waits for the answer: called only on `statementThreads`, never on an event loop.
        func run(_ sql: String, _ values: [SQLValue]) throws -> (rows: [SQLRow], changed: Int) {
            var bindings = PostgresBindings(capacity: values.count)
            for value in values {
                switch value {
                case .null: bindings.appendNull()
                case .integer(let number): bindings.append(number)
                case .real(let number): bindings.append(number)
                case .text(let text): bindings.append(text)
                case .boolean(let flag): bindings.append(flag)
                case .date(let date): bindings.append(date)
                }
            }
            let future: EventLoopFuture<PostgresQueryResult> = connection.query(
                PostgresQuery(unsafeSQL: sql, binds: bindings), logger: PostgresExecutor.logger)
            let result: PostgresQueryResult
            do { result = try future.wait() } catch {
                throw Failure(
                    description: "the PostgreSQL store refused a statement: \(PostgresExecutor.message(error))")
            }
            return (try result.rows.map(Self.row), result.metadata.rows ?? 0)
        }

        static func row(_ row: PostgresRow) throws -> SQLRow {
            var columns: [String: Int] = [:]
            var values: [SQLValue] = []
            for cell in row {
                if columns[cell.columnName] == nil { columns[cell.columnName] = values.count }
                values.append(try value(cell))
            }
            return SQLRow(columns: columns, values: values)
        }

        static func value(_ cell: PostgresCell) throws -> SQLValue {
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .float4, .float8: return .real(try cell.decode(Double.self))
            case .bool: return .boolean(try cell.decode(Bool.self))
            case .timestamptz, .timestamp: return .date(try cell.decode(Date.self))
            case .numeric:
                let number = try cell.decode(Decimal.self)
                return .real(NSDecimalNumber(decimal: number).doubleValue)
            default: return .text(try cell.decode(String.self))
            }
        }
    }
}
