import Foundation
import Testing

@testable import DocketCore

@Suite struct RunObserverTests {
    @Test func theProgressLineShowsCountsRateAndETAFromEvents() async {
        let progress = ProgressObserver()
        for event: RunEvent in [
            .started(run: "r1"), .documentRead(pages: 4, ocrPages: 2), .documentRead(pages: 3, ocrPages: 0),
            .documentFailed(sha256Prefix: "0123456789ab", kind: "encrypted"),
            .answered(endpoint: "local", promptTokens: 500, completionTokens: 200),
        ] {
            await progress.observe(event)
        }
        var counts = RunCounts()
        counts.units = 40
        counts.done = 9
        counts.failed = 1
        counts.held = 2
        // 10 finished in 20 s, 28 pending: about 56 s to go.
        let line = await progress.render(counts: counts, elapsed: 20)
        #expect(line == "documents 3, pages 7 (2 OCR); units 9/40, 1 failed, 2 held; 10.0 tok/s; ETA 56s")
        #expect(await progress.run == "r1")
        #expect(await progress.takeNotices() == ["document 0123456789ab failed: encrypted"])
        #expect(await progress.takeNotices().isEmpty)
    }
}

/// Records the events a runner publishes, by name (RunnerIntegrationTests).
actor EventRecorder: RunObserver {
    var names: [String] = []
    var completionTokens = 0

    func observe(_ event: RunEvent) {
        switch event {
        case .started(let run): names.append("started \(run)")
        case .documentFailed: names.append("failed")
        case .documentRead: names.append("read")
        case .planned: names.append("planned")
        case .extractionEnded: names.append("extraction ended")
        case .requestStarted: names.append("request")
        case .answered(_, _, let completion):
            names.append("answered")
            completionTokens += completion
        }
    }
}
