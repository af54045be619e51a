import Foundation

/// Per-thread state an OCR job may keep between pages (its own poppler document).
final class OCRThreadState {
    var pdf: PDFFile?
}

/// OCR threads for one document. Each thread is a plain `Thread`, not a Swift task: tesseract
/// blocks for a second or more a page, and the concurrency pool has only as many threads as cores.
/// Each thread creates its own tesseract handle on its first page, so a document that needs no
/// OCR never loads a model.
final class OCRPool<Job>: @unchecked Sendable {
    // @unchecked: OS threads that own tesseract handles (blocking C calls, off Swift's pool); the
    // shared state is under locks.
    typealias Work = @Sendable (OCREngine, Job, OCRThreadState) -> ExtractedPage

    private let queue: OCRWorkQueue<Job>
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var failure: String?

    init(threads: Int, languages: [String], work: @escaping Work, emit: @escaping @Sendable (ExtractedPage) -> Void) {
        let threads = max(1, threads)
        queue = OCRWorkQueue(capacity: threads * 2)
        for _ in 0..<threads {
            group.enter()
            let thread = Thread { [queue, group] in
                defer { group.leave() }
                var engine: OCREngine?
                let state = OCRThreadState()
                while let job = queue.pop() {
                    if engine == nil {
                        do { engine = try OCREngine(languages: languages) } catch {
                            self.recordFailure("\(error)")
                            while queue.pop() != nil {}  // drain, so the producer never blocks
                            return
                        }
                    }
                    emit(work(engine!, job, state))
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    func submit(_ job: Job) { queue.push(job) }

    /// Waits for every submitted page; throws if OCR could not run at all.
    func finish(path: String) throws {
        queue.close()
        group.wait()
        if let failure = lock.withLock({ failure }) {
            throw IngestError(.extractionFailed, path: path, detail: failure)
        }
    }

    private func recordFailure(_ message: String) {
        lock.withLock { if failure == nil { failure = message } }
    }
}
