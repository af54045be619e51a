import CLibPQ
import Foundation

/// One libpq connection, used by one caller at a time (libpq connections are not thread-safe):
/// parameterised statements in text format, transactions. The password comes from the URL's
/// environment (`PGPASSWORD`) or `~/.pgpass` / `PGPASSFILE`, which libpq reads itself; the
/// pipeline file never holds one.
final class PostgresConnection: @unchecked Sendable {
    private let connection: OpaquePointer
    private let lock = NSRecursiveLock()

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var sqlState: String?
        var description: String { message }
    }

    init(url: String) throws {
        guard let handle = PQconnectdb(url) else { throw Failure(message: "libpq could not allocate a connection") }
        // Assigned only once connected: a class whose stored properties are all set runs `deinit`
        // when its init throws, and `deinit` would call PQfinish a second time.
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            throw Failure(
                message: "cannot connect to the PostgreSQL store \(Self.redacted(url)): "
                    + "\(Self.redacted(message)). Check that it runs and that the URL is right")
        }
        self.connection = handle
        _ = try execute("SET TimeZone = 'UTC'")
        _ = try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(connection) }

    static func redacted(_ location: String) -> String { StoreURL.redacted(location) }

    /// Runs one statement; returns its rows (text values, nil for NULL) and how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue] = []) throws -> (rows: [SQLRow], affected: Int) {
        try lock.withLock {
            let texts: [String?] = parameters.map(\.text)
            var cStrings = texts.map { $0.map { strdup($0) } ?? nil }
            defer { cStrings.forEach { free($0) } }
            // Without parameters, PQexec: it also runs several statements (the migrations).
            let result =
                texts.isEmpty
                ? PQexec(connection, sql)
                : cStrings.withUnsafeMutableBufferPointer { buffer -> OpaquePointer? in
                    buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: texts.count) {
                        pointer in
                        PQexecParams(connection, sql, Int32(texts.count), nil, pointer, nil, nil, 0)
                    }
                }
            guard let result else { throw Failure(message: String(cString: PQerrorMessage(connection))) }
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
                let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
                throw Failure(
                    message: String(cString: PQresultErrorMessage(result)).trimmingCharacters(
                        in: .whitespacesAndNewlines), sqlState: state)
            }
            var columns: [String: Int] = [:]
            for column in 0..<PQnfields(result) { columns[String(cString: PQfname(result, column))] = Int(column) }
            var rows: [SQLRow] = []
            for row in 0..<PQntuples(result) {
                let values = (0..<PQnfields(result)).map { column -> SQLValue in
                    PQgetisnull(result, row, column) == 1
                        ? .null : .text(String(cString: PQgetvalue(result, row, column)))
                }
                rows.append(SQLRow(columns: columns, values: values))
            }
            return (rows, Int(String(cString: PQcmdTuples(result))) ?? 0)
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            try execute("BEGIN")
            do {
                let value = try body()
                try execute("COMMIT")
                return value
            } catch {
                _ = try? execute("ROLLBACK")
                throw error
            }
        }
    }
}
