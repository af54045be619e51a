import Foundation

/// Extracts many documents, `jobs` worker processes at a time, and hands each result over as
/// soon as it is ready, in input order. Cores are shared between documents and OCR threads:
/// with more documents than jobs each worker OCRs on one thread; towards the end of the batch,
/// or with a single long scan, a worker gets the cores that documents no longer use.
public struct BatchExtractor: Sendable {
    public var extractor: IsolatedExtractor
    public var options: ExtractionOptions
    public var passwords: PasswordFile
    public var jobs: Int

    public init(extractor: IsolatedExtractor, options: ExtractionOptions, passwords: PasswordFile, jobs: Int) {
        self.extractor = extractor
        self.options = options
        self.passwords = passwords
        self.jobs = max(1, jobs)
    }

    /// Calls `handle` once per path, in the order of `paths`, from one thread at a time.
    public func run(paths: [String], handle: @escaping @Sendable (Int, ExtractedDocument) -> Void) {
        let state = BatchState(count: paths.count, handle: handle)
        let group = DispatchGroup()
        for _ in 0..<min(jobs, paths.count) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while let index = state.next() {
                    var options = self.options
                    options.ocrThreads = max(1, jobs / max(1, min(jobs, paths.count - index)))
                    let document = extractor.extract(
                        path: paths[index], options: options,
                        passwords: passwords.passwords(forFile: paths[index]))
                    state.finish(index, document)
                }
            }
            thread.start()
        }
        group.wait()
    }
}

/// Hands out indexes and releases finished documents in input order.
private final class BatchState: @unchecked Sendable {
    // @unchecked: every field is read and written under `lock`.
    private let lock = NSLock()
    private var nextIndex = 0
    private var nextToRelease = 0
    private var finished: [Int: ExtractedDocument] = [:]
    private let count: Int
    private let handle: @Sendable (Int, ExtractedDocument) -> Void

    init(count: Int, handle: @escaping @Sendable (Int, ExtractedDocument) -> Void) {
        self.count = count
        self.handle = handle
    }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finish(_ index: Int, _ document: ExtractedDocument) {
        lock.withLock {
            finished[index] = document
            while let ready = finished.removeValue(forKey: nextToRelease) {
                handle(nextToRelease, ready)
                nextToRelease += 1
            }
        }
    }
}
