import DocketModel
import Foundation

/// Extracts each document in a child process of its own, as Apache Tika's pipes do: a crash,
/// a hang or a memory blow-up in poppler or tesseract ends that child, and the run goes on.
/// The child is this same executable started with `workerArguments`; it speaks `WorkerJob`
/// and `WorkerMessage` over its standard input and output.
public struct IsolatedExtractor: Sendable {
    public var executable: String
    public var workerArguments: [String]
    public var memoryLimitMB: Int

    public init(executable: String, workerArguments: [String], memoryLimitMB: Int = 6144) {
        _ = Self.brokenPipesAreErrors
        self.executable = executable
        self.workerArguments = workerArguments
        self.memoryLimitMB = memoryLimitMB
    }

    /// Extracts `path`, streaming pages into `sink`. Returns the document with its pages sorted,
    /// or with the error that stopped it. Never throws: every failure is a typed `IngestError`.
    public func extract(path: String, options: ExtractionOptions, passwords: [String]) -> ExtractedDocument {
        let collector = CollectingSink()
        let outcome = runWorker(
            job: WorkerJob(path: path, options: options, passwords: passwords, memoryLimitMB: memoryLimitMB),
            sink: collector, timeout: options.timeoutSeconds)
        return ExtractedDocument(collected: collector, path: path, error: outcome)
    }

    /// A worker that dies before reading its job closes the pipe the job is written to; without
    /// this, the write would kill the whole process with SIGPIPE instead of failing (seen in CI).
    static let brokenPipesAreErrors: Void = { signal(SIGPIPE, SIG_IGN) }()

    private func runWorker(job: WorkerJob, sink: CollectingSink, timeout: Double) -> IngestError? {
        let path = job.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = workerArguments
        var environment = ProcessInfo.processInfo.environment
        // Tesseract's OpenMP threads make OCR about 5x slower on few cores; it reads this at start.
        environment["OMP_THREAD_LIMIT"] = "1"
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        // Discarded: tesseract's and a crash's messages could quote the document.
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return IngestError(
                .extractionFailed, path: path, detail: "the extraction worker could not be started (\(error))")
        }
        let reader = MessageReader(handle: output.fileHandleForReading, sink: sink)
        if let data = try? JSONEncoder().encode(job) {
            try? input.fileHandleForWriting.write(contentsOf: data)
        }
        try? input.fileHandleForWriting.close()

        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        reader.wait()

        if timedOut {
            return IngestError(.timedOut, path: path, detail: "extraction did not finish within \(Int(timeout)) s")
        }
        if let error = reader.error { return error }
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            let hint = signal == SIGABRT || signal == SIGKILL ? " (possibly out of memory)" : ""
            return IngestError(
                .extractionFailed, path: path, detail: "the extraction worker crashed with signal \(signal)\(hint)")
        }
        if !reader.done {
            return IngestError(
                .extractionFailed, path: path,
                detail: "the extraction worker exited with status \(process.terminationStatus) before finishing")
        }
        return nil
    }
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

/// Reads the worker's JSON lines on a thread of its own until the pipe closes.
private final class MessageReader: @unchecked Sendable {
    // @unchecked: written by its reader thread, read only after `finished` is signalled.
    private let finished = DispatchSemaphore(value: 0)
    private(set) var error: IngestError?
    private(set) var done = false

    init(handle: FileHandle, sink: CollectingSink) {
        // Only this thread touches the sink until `wait()` returns; the semaphore orders the rest.
        nonisolated(unsafe) let sink = sink
        let thread = Thread { [self] in
            defer { finished.signal() }
            let decoder = JSONDecoder()
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer.removeSubrange(buffer.startIndex...newline)
                    guard let message = try? decoder.decode(WorkerMessage.self, from: line) else { continue }
                    if let header = message.header { sink.begin(header) }
                    if let page = message.page { sink.page(page) }
                    if let warning = message.warning { sink.warning(warning) }
                    if let error = message.error { self.error = error }
                    if message.done == true { done = true }
                }
            }
        }
        thread.start()
    }

    func wait() { finished.wait() }
}
