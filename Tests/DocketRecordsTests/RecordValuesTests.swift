import Foundation
import Testing

@testable import DocketRecords

/// The small rules the records carry, on which the store, the workers and the workspace rely.
@Suite struct RecordValuesTests {
    /// Workers take work only from runs that are queued or running; a completing, finished or stopped
    /// run gets no new claims.
    @Test func onlyQueuedAndRunningRunsAreActive() {
        #expect(RunStatus.allCases.filter(\.isActive) == [.queued, .running])
    }

    /// Pending is what is left: never stored, so it cannot disagree with the other counts.
    @Test func pendingUnitsAreTheUnitsNotYetSettled() {
        let counts = RunCounts(documents: 3, failedDocuments: 1, units: 20, done: 12, held: 3, failed: 2)
        #expect(counts.pending == 3)
        #expect(RunCounts(units: 5, done: 5).pending == 0)
    }

    /// `run.json` carries the counts as named fields, and reads back the same.
    @Test func countsRoundTripThroughJSON() throws {
        let counts = RunCounts(documents: 2, units: 7, done: 4, held: 1, failed: 1)
        let data = try JSONEncoder().encode(counts)
        let fields = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
        #expect(fields["done"] == 4 && fields["held"] == 1 && fields["units"] == 7)
        #expect(try JSONDecoder().decode(RunCounts.self, from: data) == counts)
    }

    /// An account's roles (a set, without order of its own) are shown in one order everywhere: from
    /// submitter to administrator.
    @Test func rolesAreOrderedFromSubmitterToAdministrator() {
        #expect(Set(Account.Role.allCases).sorted() == [.submitter, .reviewer, .auditor, .admin])
        #expect(Account.Role.reviewer < .admin)
    }
}
