import Foundation

/// What the parent sends a worker on its standard input: one document to extract.
/// Passwords travel this way, never on a command line where `ps` would show them.
public struct WorkerJob: Codable, Sendable {
    public var path: String
    public var options: ExtractionOptions
    public var passwords: [String]
    /// Address-space limit for the worker in MiB (0: none), so a memory blow-up ends one worker.
    public var memoryLimitMB: Int
}

/// One line of a worker's standard output. Exactly one field is set.
public struct WorkerMessage: Codable, Sendable {
    public var header: DocumentHeader?
    public var page: ExtractedPage?
    public var warning: String?
    public var error: IngestError?
    public var done: Bool?

    init(
        header: DocumentHeader? = nil, page: ExtractedPage? = nil, warning: String? = nil,
        error: IngestError? = nil, done: Bool? = nil
    ) {
        self.header = header
        self.page = page
        self.warning = warning
        self.error = error
        self.done = done
    }
}

/// The worker side: reads a `WorkerJob`, extracts, and writes `WorkerMessage` lines.
public enum ExtractionWorker {
    public static func run(input: FileHandle = .standardInput, output: FileHandle = .standardOutput) -> Int32 {
        WorkerHygiene.apply()
        let writer = MessageWriter(output)
        guard let data = try? input.readToEnd(), let job = try? JSONDecoder().decode(WorkerJob.self, from: data) else {
            writer.send(
                WorkerMessage(
                    error: IngestError(
                        .extractionFailed, path: "-", detail: "the worker got no valid job on its standard input")))
            return 2
        }
        if job.memoryLimitMB > 0 {
            let bytes = rlim_t(job.memoryLimitMB) << 20
            var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
            setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        }
        do {
            try DocumentExtractor(options: job.options, passwords: job.passwords).extract(path: job.path, into: writer)
            writer.send(WorkerMessage(done: true))
            return 0
        } catch let error as IngestError {
            writer.send(WorkerMessage(error: error))
            return error.kind.exitCode
        } catch {
            writer.send(WorkerMessage(error: IngestError(.extractionFailed, path: job.path, detail: "\(error)")))
            return IngestErrorKind.extractionFailed.exitCode
        }
    }
}

/// Writes each message as one JSON line; the parent reads them as they come.
private final class MessageWriter: ExtractionSink {
    private let output: FileHandle
    private let encoder = JSONEncoder()

    init(_ output: FileHandle) { self.output = output }

    func send(_ message: WorkerMessage) {
        guard var line = try? encoder.encode(message) else { return }
        line.append(0x0A)
        output.write(line)
    }

    func begin(_ header: DocumentHeader) { send(WorkerMessage(header: header)) }
    func page(_ page: ExtractedPage) { send(WorkerMessage(page: page)) }
    func warning(_ message: String) { send(WorkerMessage(warning: message)) }
}
