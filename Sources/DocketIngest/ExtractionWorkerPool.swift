import Foundation

/// Idle extraction workers kept between documents that are read one at a time (a `docket worker`'s
/// slots): each document borrows one and gives it back, so that a data room does not start a process
/// per document: each start costs 41 ms and tesseract's models loaded again (and, while workers were
/// Foundation `Process`es, memory never freed: swift-corelibs-foundation #3260). Holds at most as many
/// workers as documents were read at once.
public final class ExtractionWorkerPool: @unchecked Sendable {
    // A worker process is used by one thread at a time: taken out under the lock, given back under it.
    private let lock = NSLock()
    private var idle: [ExtractionWorkerProcess] = []
    private var started = 0

    public init() {}

    /// Worker processes started for this pool's borrowers (those that failed to start not counted), for
    /// those who measure it.
    public var workersStarted: Int { lock.withLock { started } }

    /// Workers waiting for a document.
    public var idleCount: Int { lock.withLock { idle.count } }

    func take() -> ExtractionWorkerProcess? { lock.withLock { idle.popLast() } }

    func give(_ worker: ExtractionWorkerProcess) { lock.withLock { idle.append(worker) } }

    func countStart() { lock.withLock { started += 1 } }

    /// Ends every idle worker (a stopping `docket worker`); the pool may be used again after.
    public func stopAll() {
        let workers = lock.withLock {
            defer { idle = [] }
            return idle
        }
        for worker in workers { worker.stop() }
    }

    deinit { for worker in idle { worker.stop() } }
}
