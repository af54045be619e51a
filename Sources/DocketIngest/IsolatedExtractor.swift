import DocketModel
import Foundation

/// Extracts documents in child processes, as Apache Tika's pipes do: a crash, a hang or a memory
/// blow-up in poppler or tesseract ends that child and the document it was on, and the run goes
/// on. The child is `executable` started with `workerArguments` (see `beside(_:)`); it speaks
/// `WorkerJob` and `WorkerMessage` over its standard input and output (`ExtractionWorkerProcess`).
public struct IsolatedExtractor: Sendable {
    public var executable: String
    public var workerArguments: [String]
    public var memoryLimitMB: Int
    /// A worker is replaced after this many documents or page ranges...
    public var jobsPerWorker: Int
    /// ...or once its resident memory, as the kernel counts it, passes this (poppler's and
    /// tesseract's caches grow; a fresh process gives the memory back).
    public var recycleAboveMB: Int

    public init(
        executable: String, workerArguments: [String], memoryLimitMB: Int = 6144, jobsPerWorker: Int = 200,
        recycleAboveMB: Int = 1024
    ) {
        _ = Self.brokenPipesAreErrors
        self.executable = executable
        self.workerArguments = workerArguments
        self.memoryLimitMB = memoryLimitMB
        self.jobsPerWorker = jobsPerWorker
        self.recycleAboveMB = recycleAboveMB
    }

    /// The small worker executable, built beside `docket`.
    public static let workerExecutableName = "docket-extract-worker"

    /// Workers for the `docket` at `executable`: the `docket-extract-worker` beside it, which links
    /// only this room and starts in about half the time the whole command line takes (measured
    /// 41 ms against 84 ms); `docket extract-worker` when a build left it out.
    public static func beside(_ executable: String, memoryLimitMB: Int = 6144) -> IsolatedExtractor {
        let small = URL(fileURLWithPath: executable).deletingLastPathComponent()
            .appendingPathComponent(workerExecutableName).path
        return FileManager.default.isExecutableFile(atPath: small)
            ? IsolatedExtractor(executable: small, workerArguments: [], memoryLimitMB: memoryLimitMB)
            : IsolatedExtractor(
                executable: executable, workerArguments: ["extract-worker"], memoryLimitMB: memoryLimitMB)
    }

    /// Extracts one document in a worker of its own, or in one borrowed from `pool` and given back
    /// after (unless it ended or is due for replacement). Returns the document with its pages sorted,
    /// or with the error that stopped it. Never throws: every failure is a typed `IngestError`.
    public func extract(
        path: String, options: ExtractionOptions, passwords: [String], pool: ExtractionWorkerPool? = nil
    ) -> ExtractedDocument {
        let collector = CollectingSink()
        var worker = pool?.take()
        let outcome = run(
            WorkerJob(path: path, options: options, passwords: passwords, memoryLimitMB: memoryLimitMB),
            worker: &worker, into: collector, deadline: .now() + options.timeoutSeconds,
            started: { pool?.countStart() })
        if let worker {
            if let pool { pool.give(worker) } else { worker.stop() }
        }
        return ExtractedDocument(collected: collector, path: path, error: outcome)
    }

    /// Runs `job` on `worker`, starting one when there is none (then calls `started`), and drops the
    /// worker when it ended or is due for replacement. Returns the job's error, if any.
    func run(
        _ job: WorkerJob, worker: inout ExtractionWorkerProcess?, into sink: ExtractionSink, deadline: DispatchTime,
        started: () -> Void = {}
    ) -> IngestError? {
        if worker == nil {
            do {
                worker = try ExtractionWorkerProcess(executable: executable, arguments: workerArguments)
                started()
            } catch {
                return IngestError(
                    .extractionFailed, path: job.path, detail: "the extraction worker could not be started (\(error))")
            }
        }
        guard let current = worker else { return nil }
        switch current.run(job, into: sink, deadline: deadline, timeout: job.options.timeoutSeconds) {
        case .ended(let error):
            worker = nil
            return error
        case .finished(let error):
            if current.jobsDone >= jobsPerWorker || current.residentMB > recycleAboveMB {
                current.stop()
                worker = nil
            }
            return error
        }
    }

    /// A worker that dies before reading its job closes the pipe the job is written to; without
    /// this, the write would kill the whole process with SIGPIPE instead of failing (seen in CI).
    static let brokenPipesAreErrors: Void = { signal(SIGPIPE, SIG_IGN) }()
}

extension ExtractedDocument {
    /// A failed document still gets its hash, so that the failure can be traced to the bytes.
    init(collected sink: CollectingSink, path: String, error: IngestError?) {
        self.init(
            path: path, sha256: sink.header?.sha256 ?? (try? ContentHash.sha256(ofFile: path)) ?? "",
            kind: sink.header?.kind,
            pageCount: sink.header?.pageCount ?? 0, metadata: sink.header?.metadata ?? .init(),
            pages: sink.pages.sorted { $0.number < $1.number },
            partial: !sink.warnings.isEmpty, warnings: sink.warnings, error: error)
    }
}
