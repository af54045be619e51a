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

    /// Rows of text values (nil for NULL) with their column names.
    struct Rows: Sequence {
        let columns: [String: Int]
        let values: [[String?]]
        let affected: Int
        func makeIterator() -> IndexingIterator<[Row]> {
            values.map { Row(columns: columns, values: $0) }.makeIterator()
        }
        var first: Row? { values.first.map { Row(columns: columns, values: $0) } }
        var count: Int { values.count }
    }

    struct Row {
        let columns: [String: Int]
        let values: [String?]
        subscript(_ name: String) -> String? { columns[name].flatMap { values[$0] } }
        func string(_ name: String) -> String { self[name] ?? "" }
        func int(_ name: String) -> Int { self[name].flatMap { Int($0) } ?? 0 }
        func int64(_ name: String) -> Int64 { self[name].flatMap { Int64($0) } ?? 0 }
        func date(_ name: String) -> Date? { self[name].flatMap(PostgresConnection.parseTimestamp) }
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

    @discardableResult
    func execute(_ sql: String, _ parameters: [Any?] = []) throws -> Rows {
        try lock.withLock {
            let texts: [String?] = parameters.map(Self.text)
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
            var values: [[String?]] = []
            for row in 0..<PQntuples(result) {
                values.append(
                    (0..<PQnfields(result)).map { column in
                        PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
                    })
            }
            return Rows(columns: columns, values: values, affected: Int(String(cString: PQcmdTuples(result))) ?? 0)
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

    static func text(_ value: Any?) -> String? {
        switch value {
        case nil: return nil
        case let value as String: return value
        case let value as Bool: return value ? "true" : "false"
        case let value as Int: return String(value)
        case let value as Int32: return String(value)
        case let value as Int64: return String(value)
        case let value as Double: return String(value)
        case let value as Date: return AuditRecord.timestamp(value)
        case let value?:
            // An optional inside the Any: unwrap it.
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional { return mirror.children.first.flatMap { text($0.value) } }
            return "\(value)"
        }
    }

    /// "2026-11-25 12:00:00.123456+00" (ISO date style, UTC session), read without a formatter
    /// object: it runs for every date of every row.
    static func parseTimestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20, bytes[19] == UInt8(ascii: ".") {
            var scale = 0.1, index = 20
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        let wall = Civil.wall(year: year, month: month, day: day) + Int64(hour * 3_600 + minute * 60 + second)
        return Date(timeIntervalSince1970: Double(wall) + fraction)
    }
}
