import Foundation
import Testing

@testable import DocketCore

@Suite struct ProgressLineTests {
    @Test func theLineShowsCountsRateAndETA() async {
        let tally = Tally()
        await tally.add(documents: 3, pages: 7, ocrPages: 2)
        await tally.add(
            ResultRecord(
                unitKey: "u", endpoint: "local", model: "m", resultJSON: "{}", promptTokens: 500, completionTokens: 200,
                latencyMilliseconds: 10, finishedAt: Date()))
        var counts = RunCounts()
        counts.units = 40
        counts.done = 9
        counts.failed = 1
        counts.held = 2
        // 10 finished in 20 s, 28 pending: about 56 s to go.
        let line = await ProgressLine.render(counts: counts, tally: tally, elapsed: 20)
        #expect(line == "documents 3, pages 7 (2 OCR); units 9/40, 1 failed, 2 held; 10.0 tok/s; ETA 56s")
    }
}
