import Foundation

/// A worker's output, read as JSON lines on a thread of its own and handed over one message at a
/// time, so that the parent can wait for the next one with a deadline.
final class WorkerMessageChannel: @unchecked Sendable {
    // @unchecked: `queue` and `closed` are read and written under `lock`.
    enum Next {
        case message(WorkerMessage)
        case timedOut
        /// The worker's output closed: it exited or was killed.
        case closed
    }

    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var queue: [WorkerMessage] = []
    private var closed = false

    init(reading handle: FileHandle) {
        let thread = Thread { [self] in
            let decoder = JSONDecoder()
            var lines = LineSplitter()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lines.append(chunk) { line in
                    // A line that is not a message is dropped: the job then ends by its deadline or the exit.
                    guard let message = try? decoder.decode(WorkerMessage.self, from: line) else { return }
                    lock.withLock { queue.append(message) }
                    available.signal()
                }
            }
            try? handle.close()
            lock.withLock { closed = true }
            available.signal()
            finished.signal()
        }
        thread.start()
    }

    /// The next message, or why there is none.
    func next(until deadline: DispatchTime) -> Next {
        while true {
            if available.wait(timeout: deadline) == .timedOut { return .timedOut }
            let next: Next? = lock.withLock {
                if !queue.isEmpty { return .message(queue.removeFirst()) }
                return closed ? .closed : nil
            }
            if case .closed = next { available.signal() }  // stays closed for every later call
            if let next { return next }
        }
    }

    func waitUntilClosed() {
        finished.wait()
        finished.signal()
    }
}
