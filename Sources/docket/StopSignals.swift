import Foundation

/// SIGINT and SIGTERM handled on a dispatch queue instead of killing docket: `onStop` asks the
/// work to stop and record its state. Keep the returned sources alive; cancel them when done.
enum StopSignals {
    static func install(message: String, onStop: @escaping @Sendable () -> Void) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                FileHandle.standardError.write(Data("docket: stopping: \(message)\n".utf8))
                onStop()
            }
            source.resume()
            return source
        }
    }
}
