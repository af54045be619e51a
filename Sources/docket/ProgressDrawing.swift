import DocketRecords
import DocketRun
import DocketStore
import Foundation

/// Draws a run's progress on standard error from its events: on a terminal a status line redrawn
/// every second, otherwise a plain line every 10 s; a document that failed gets a line of its own.
enum ProgressDrawing {
    static func draw(_ progress: ProgressObserver, store: RunStore) async {
        let terminal = isatty(STDERR_FILENO) == 1
        // A data room's counts take seconds to sum: the line is redrawn every second, its counts less often.
        let live = LiveCounts(store: store)
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: (terminal ? 1 : 10) * 1_000_000_000)
            await flushNotices(progress, terminal: terminal)
            guard !Task.isCancelled, let run = await progress.run,
                let counts = try? await live.counts(run: run, status: .running)
            else { continue }
            let line = await progress.line(counts: counts)
            write(terminal ? "\r\u{1B}[K" + line : "docket: \(line)\n")
        }
        await flushNotices(progress, terminal: terminal)
        if terminal { write("\n") }
    }

    private static func flushNotices(_ progress: ProgressObserver, terminal: Bool) async {
        for notice in await progress.takeNotices() { write((terminal ? "\r\u{1B}[K" : "") + "docket: \(notice)\n") }
    }

    private static func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
