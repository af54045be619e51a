import Foundation

/// Tesseract handles kept between the documents a reused worker extracts: loading a language's
/// models costs a tenth of a second or more, paid once per worker instead of once per document.
/// A handle is used by one thread at a time: taken off the shelf, put back when its document ends.
final class OCREngineShelf: @unchecked Sendable {
    // @unchecked: `idle` is read and written under `lock`; a handle on the shelf is used by nobody.
    static let shared = OCREngineShelf()

    /// Idle handles kept at most (each holds its models, tens of MiB).
    let capacity = 4
    private let lock = NSLock()
    private var idle: [(languages: [String], engine: OCREngine)] = []
    private var emptiesAtExit = false

    func take(_ languages: [String]) throws -> OCREngine {
        let kept = lock.withLock { () -> OCREngine? in
            guard let index = idle.lastIndex(where: { $0.languages == languages }) else { return nil }
            return idle.remove(at: index).engine
        }
        return try kept ?? OCREngine(languages: languages)
    }

    /// Ends every idle handle (a worker about to exit: tesseract complains of handles left open).
    func empty() { lock.withLock { idle.removeAll() } }

    func put(_ engine: OCREngine, languages: [String]) {
        lock.withLock {
            // Idle handles end before the process does, however it exits. Tesseract's model cache is a
            // C++ static, built with the first handle, that complains of handles still open when it is
            // destroyed ("ObjectCache … LEAK!"); a handler registered after it was built runs before.
            if !emptiesAtExit {
                emptiesAtExit = true
                atexit { OCREngineShelf.shared.empty() }
            }
            if idle.count == capacity { idle.removeFirst() }
            idle.append((languages, engine))
        }
    }
}
