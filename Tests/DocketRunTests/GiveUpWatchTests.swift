import Foundation
import Testing

@testable import DocketRun

/// The give-up watch counts silence only while a request waits, and says "give up" once per silence, so that
/// of a worker's slots that find it expired, one fails the run's pending units.
@Suite struct GiveUpWatchTests {
    @Test func itExpiresOnlyWhileARequestWaitsAndOncePerSilence() async throws {
        let watch = GiveUpWatch(limit: 0.2)
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(await !watch.expired, "nothing waited: no silence")
        await watch.observe(.requestStarted)
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(await watch.expired)
        #expect(await watch.takeExpiry())
        #expect(await !watch.takeExpiry(), "a second slot does not give up again at once")
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(await watch.takeExpiry(), "a new silence as long gives up again")
        await watch.observe(.answered(endpoint: "e", promptTokens: 1, completionTokens: 1))
        #expect(await !watch.expired, "an answer ends the silence")
    }
}
