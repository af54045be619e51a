import DocketAudit
import DocketRecords

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
extension RerunRequest.Status: SQLLiteral {}

/// The statuses as the statements write them.
enum Literal {
    static let openChallenge = Challenge.Status.open.sql
    static let overturnedChallenge = Challenge.Status.overturned.sql
    static let claimedDocument = QueuedDocumentState.claimed.sql
    static let doneDocument = QueuedDocumentState.done.sql
    static let queuedDocument = QueuedDocumentState.queued.sql
    static let completedRun = RunStatus.completed.sql
    static let completingRun = RunStatus.completing.sql
    static let queuedRun = RunStatus.queued.sql
    static let runningRun = RunStatus.running.sql
    static let doneUnit = UnitStatus.done.sql
    static let failedUnit = UnitStatus.failed.sql
    static let pendingUnit = UnitStatus.pending.sql
    static let queuedRerun = RerunRequest.Status.queued.sql
    static let runningRerun = RerunRequest.Status.running.sql
}
