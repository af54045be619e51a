import DocketRun
import Foundation
import Logging

/// SIGINT and SIGTERM handled on a dispatch queue instead of killing docket: `onStop` asks the
/// work to stop and record its state; a second signal calls `onAgain` where given (stop now).
/// Keep the returned sources alive; cancel them when done. What it does is logged ("docket signals: stopping:
/// …"), as a JSON line with `--log-format json`.
enum StopSignals {
    static let logger = Logger(label: "docket.signals")

    static func install(
        message: String, again: (message: String, action: @Sendable () -> Void)? = nil,
        onStop: @escaping @Sendable () -> Void
    ) -> [DispatchSourceSignal] {
        // One queue for both signals: they are handled one at a time, so the second sees the first.
        let queue = DispatchQueue(label: "docket.stop-signals")
        let stopping = StopFlag()
        return [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if stopping.isSet, let again {
                    logger.notice("stopping now: \(again.message)")
                    again.action()
                    return
                }
                stopping.set()
                logger.notice("stopping: \(message)")
                onStop()
            }
            source.resume()
            return source
        }
    }
}
