import DocketModel
import Foundation

/// One row of a result, read by column name, the same for every backend: SQLite's storage
/// classes, or the values postgres-nio decodes from PostgreSQL's types (dates as dates).
public struct SQLRow: Sendable {
    let columns: [String: Int]
    let values: [SQLValue]

    init(columns: [String: Int], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ column: String) -> SQLValue { columns[column].map { values[$0] } ?? .null }

    public func text(_ column: String) -> String? { self[column].text }

    public func integer(_ column: String) -> Int64? {
        switch self[column] {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value.rounded(.towardZero))
        case .text(let text): Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded(.towardZero)) }
        case .boolean(let value): value ? 1 : 0
        case .null, .date: nil
        }
    }

    public func real(_ column: String) -> Double? {
        switch self[column] {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .text(let text): Double(text)
        case .null, .boolean, .date: nil
        }
    }

    public func timestamp(_ column: String) -> Date? {
        switch self[column] {
        case .date(let date): date
        case .text(let text): Self.parseTimestamp(text)
        case .null, .integer, .real, .boolean: nil
        }
    }

    /// "2026-11-25 12:00:00.123" (GRDB's text in SQLite) or "2026-11-25 12:00:00.123456+00"
    /// (PostgreSQL's text form), both UTC; read without a formatter object: it runs for every
    /// SQLite date of every row.
    public static func parseTimestamp(_ text: String) -> Date? {
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
            var scale = 0.1
            var index = 20
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
