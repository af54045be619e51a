import DocketAudit
import DocketRecords
import Testing

@testable import DocketStore

@Suite struct SQLLiteralTests {
    /// Statements quote a status's raw value as it is: each must stay a plain lower-case word.
    @Test func everyStatusIsAWordSQLMayQuote() {
        let values =
            RunStatus.allCases.map(\.rawValue) + UnitStatus.allCases.map(\.rawValue)
            + QueuedDocumentState.allCases.map(\.rawValue)
            + [Submission.Status.pending, .running, .done].map(\.rawValue)
            + [Challenge.Status.open, .upheld, .overturned].map(\.rawValue)
        for value in values {
            #expect(!value.isEmpty && value.allSatisfy { ("a"..."z").contains($0) }, "\(value)")
        }
        #expect(RunStatus.completing.sql == "'completing'")
        #expect(QueuedDocumentState.claimed.sql == "'claimed'")
    }
}
