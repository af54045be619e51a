import DocketModel
import Foundation

/// Extracts many documents on `jobs` reused worker processes and hands each result over as soon
/// as it is ready, in input order. A long PDF is split into page ranges when workers would
/// otherwise wait (the batch's last documents, or a single long contract): each worker opens the
/// document itself and the ranges are put back together in page order. Cores are shared between
/// documents and OCR threads: with more work than jobs each worker OCRs on one thread; towards
/// the end of the batch, or with a single long scan, a worker gets the cores nothing else uses.
public struct BatchExtractor: Sendable {
    public var extractor: IsolatedExtractor
    public var options: ExtractionOptions
    public var passwords: PasswordFile
    public var jobs: Int
    /// The pages of each range of a split document.
    public var rangePages: Int

    public init(
        extractor: IsolatedExtractor, options: ExtractionOptions, passwords: PasswordFile, jobs: Int,
        rangePages: Int = 16
    ) {
        self.extractor = extractor
        self.options = options
        self.passwords = passwords
        self.jobs = max(1, jobs)
        self.rangePages = max(1, rangePages)
    }

    /// Calls `handle` once per path, in the order of `paths`, from one thread at a time.
    @discardableResult
    public func run(paths: [String], handle: @escaping @Sendable (Int, ExtractedDocument) -> Void) -> BatchStatistics {
        run(paths: PathList(paths), handle: handle)
    }

    /// As `run(paths:handle:)`, for a list as long as a data room's.
    @discardableResult
    public func run(paths: PathList, handle: @escaping @Sendable (Int, ExtractedDocument) -> Void) -> BatchStatistics {
        let schedule = BatchSchedule(
            paths: paths, jobs: jobs, rangePages: rangePages, timeout: options.timeoutSeconds,
            maxPages: options.maxPages, handle: handle)
        let group = DispatchGroup()
        // A thread per job even for fewer documents: a long one may be split. A worker process
        // starts only with a thread's first job.
        for _ in 0..<(paths.isEmpty ? 0 : jobs) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                var worker: ExtractionWorkerProcess?
                while let slice = schedule.take() {
                    if worker == nil { schedule.count(\.workersStarted) }
                    var options = self.options
                    options.ocrThreads = slice.ocrThreads
                    let path = paths[slice.document]
                    let job = WorkerJob(
                        path: path, options: options, passwords: passwords.passwords(forFile: path),
                        memoryLimitMB: extractor.memoryLimitMB, pages: slice.pages)
                    let sink = SliceSink { header in schedule.opened(slice, header) }
                    let error = extractor.run(job, worker: &worker, into: sink, deadline: slice.deadline)
                    schedule.finish(slice, sink.collected, error: error)
                }
                worker?.stop()
            }
            thread.start()
        }
        group.wait()
        return schedule.statistics
    }
}

/// What a batch did, for tests and for those who measure it.
public struct BatchStatistics: Sendable, Equatable {
    /// Worker processes started, the first of each job and every replacement.
    public var workersStarted = 0
    /// Jobs sent to workers: one per document, plus one per extra page range of a split one.
    public var jobsRun = 0
    /// Documents that were split into page ranges.
    public var documentsSplit = 0
}

/// Collects one job's output and says when its header arrives, so that the rest of a long
/// document can be handed to other workers while this one reads its first pages.
final class SliceSink: ExtractionSink {
    let collected = CollectingSink()
    private let opened: (DocumentHeader) -> Void

    init(opened: @escaping (DocumentHeader) -> Void) { self.opened = opened }

    func begin(_ header: DocumentHeader) {
        collected.begin(header)
        opened(header)
    }
    func page(_ page: ExtractedPage) { collected.page(page) }
    func warning(_ message: String) { collected.warning(message) }
}
