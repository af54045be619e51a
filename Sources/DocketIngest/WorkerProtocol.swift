import DocketModel
import Foundation

/// What the parent sends a worker on its standard input: one document (or a range of its pages)
/// to extract, as one JSON line. A worker takes job after job until its input closes.
/// Passwords travel this way, never on a command line where `ps` would show them.
public struct WorkerJob: Codable, Sendable {
    public var path: String
    public var options: ExtractionOptions
    public var passwords: [String]
    /// Address-space limit for the worker in MiB (0: none), so a memory blow-up ends one worker.
    /// Set by the worker's first job, for its whole life.
    public var memoryLimitMB: Int
    /// The 0-based pages of a PDF to extract; nil for all of them. Other kinds ignore it.
    public var pages: Range<Int>?

    public init(
        path: String, options: ExtractionOptions, passwords: [String], memoryLimitMB: Int, pages: Range<Int>? = nil
    ) {
        self.path = path
        self.options = options
        self.passwords = passwords
        self.memoryLimitMB = memoryLimitMB
        self.pages = pages
    }
}

/// One line of a worker's standard output. Exactly one field is set. A job ends with `done` or
/// with `error`; everything before belongs to that job.
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

    var endsJob: Bool { done == true || error != nil }
}

/// The worker side: reads `WorkerJob` lines, extracts each, and writes `WorkerMessage` lines.
public enum ExtractionWorker {
    /// Returns when the input closes (0), or at once on a line that is not a job (2).
    public static func run() -> Int32 {
        WorkerHygiene.apply()
        let writer = MessageWriter(.standardOutput)
        var limited = false
        while let line = readLine(strippingNewline: true) {
            guard let job = try? JSONDecoder().decode(WorkerJob.self, from: Data(line.utf8)) else {
                writer.send(
                    WorkerMessage(
                        error: IngestError(
                            .extractionFailed, path: "-", detail: "the worker got no valid job on its standard input")))
                return 2
            }
            if !limited && job.memoryLimitMB > 0 {
                let bytes = rlim_t(job.memoryLimitMB) << 20
                var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
                setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
            }
            limited = true
            do {
                try DocumentExtractor(options: job.options, passwords: job.passwords, pages: job.pages)
                    .extract(path: job.path, into: writer)
                writer.send(WorkerMessage(done: true))
            } catch let error as IngestError {
                writer.send(WorkerMessage(error: error))
            } catch {
                writer.send(WorkerMessage(error: IngestError(.extractionFailed, path: job.path, detail: "\(error)")))
            }
        }
        OCREngineShelf.shared.empty()
        return 0
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
