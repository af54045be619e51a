import Foundation
import Testing

@testable import DocketRun

/// The stop a run waits on: resumed by `set`, from any thread, without polling; a waiter whose
/// task is cancelled leaves at once.
@Suite struct StopFlagTests {
    @Test func waitersResumeWhenTheFlagIsSet() async {
        let flag = StopFlag()
        let waiters = (0..<3).map { _ in Task { await flag.wait() } }
        #expect(!flag.isSet)
        DispatchQueue.global().async { flag.set() }
        for waiter in waiters { await waiter.value }
        #expect(flag.isSet)
        // Set already: returns at once.
        await flag.wait()
    }

    @Test func aCancelledWaiterLeavesAndTheFlagStaysClear() async {
        let flag = StopFlag()
        let waiter = Task { await flag.wait() }
        waiter.cancel()
        await waiter.value
        #expect(!flag.isSet)
    }
}
