import Foundation
import Testing

@testable import DocketRecords
@testable import DocketRun

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
