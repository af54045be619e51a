/// A status as SQL writes it: its raw value, quoted. The statements name statuses through these, not
/// as strings of their own, so Swift and SQL spell a status once. A raw value is a lower-case word
/// (tested), never anything a user wrote, so quoting it is all it needs.
protocol SQLLiteral: RawRepresentable where RawValue == String {}

extension SQLLiteral {
    var sql: String { "'\(rawValue)'" }
}

extension RunStatus: SQLLiteral {}
extension UnitStatus: SQLLiteral {}
extension QueuedDocumentState: SQLLiteral {}
extension Submission.Status: SQLLiteral {}
extension Challenge.Status: SQLLiteral {}
