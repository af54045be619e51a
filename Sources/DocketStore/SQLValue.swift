import DocketAudit
import Foundation

/// A value bound to a statement's placeholder. Each executor turns it into its backend's form:
/// dates as GRDB's text in SQLite, as ISO 8601 text that PostgreSQL casts to `timestamptz`.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
    case date(Date)

    /// The value as text (nil for NULL): how PostgreSQL receives parameters, which it casts to
    /// each column's type, and how a row's value reads as text.
    public var text: String? {
        switch self {
        case .null: nil
        case .text(let text): text
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .date(let date): AuditRecord.timestamp(date)
        }
    }
}

/// A Swift value that binds to a placeholder; optionals bind `nil` as NULL.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int32: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .boolean(self) } }
extension Date: SQLBindable { public var sqlValue: SQLValue { .date(self) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
