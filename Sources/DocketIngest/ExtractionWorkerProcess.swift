import DocketModel
import DocketProcess
import Foundation

/// One extraction worker: a child process (`docket-extract-worker`, or `docket extract-worker`) that takes
/// job after job on its standard input, as Apache Tika's pipes do. Reusing it spares the start-up
/// of a process per document; a crash, a hang or a memory blow-up still ends only this worker and
/// the job it was on. Used by one thread at a time.
final class ExtractionWorkerProcess {
    /// How a job ended.
    enum Outcome {
        /// The worker finished the job (with the document's own error, if it had one) and may take another.
        case finished(IngestError?)
        /// The worker is gone (crashed, killed after the deadline, or it broke the protocol).
        case ended(IngestError)
    }

    private let child: ChildProcess
    private let input: FileHandle
    private let channel: WorkerMessageChannel
    /// Jobs this worker has finished.
    private(set) var jobsDone = 0

    /// Starts the worker; throws when it cannot be started.
    init(executable: String, arguments: [String]) throws {
        var environment = ProcessInfo.processInfo.environment
        // Tesseract's OpenMP threads make OCR about 5x slower on few cores; it reads this at start.
        environment["OMP_THREAD_LIMIT"] = "1"
        let jobs = try ProcessPipe(), messages = try ProcessPipe()
        // Standard error is discarded: tesseract's and a crash's messages could quote the document.
        let discard = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(discard) }
        child = try ChildProcess(
            arguments: [executable] + arguments, environment: environment,
            input: jobs.reading.fileDescriptor, output: messages.writing.fileDescriptor, errors: discard)
        // The child's ends, closed here once it has them: the worker's exit is then the messages' end of file.
        try jobs.reading.close()
        try messages.writing.close()
        input = jobs.writing
        channel = WorkerMessageChannel(reading: messages.reading)
    }

    var processIdentifier: Int32 { child.pid }

    /// Sends `job` and feeds what comes back into `sink` until the job ends or `deadline` passes.
    func run(_ job: WorkerJob, into sink: ExtractionSink, deadline: DispatchTime, timeout: Double) -> Outcome {
        let path = job.path
        guard var line = try? JSONEncoder().encode(job) else {
            return .finished(IngestError(.extractionFailed, path: path, detail: "the job could not be encoded"))
        }
        line.append(0x0A)
        // A worker that died before reading fails the write (SIGPIPE is ignored: `brokenPipesAreErrors`).
        let sent = (try? input.write(contentsOf: line)) != nil
        while sent {
            switch channel.next(until: deadline) {
            case .message(let message):
                if let header = message.header { sink.begin(header) }
                if let page = message.page { sink.page(page) }
                if let warning = message.warning { sink.warning(warning) }
                if message.endsJob {
                    jobsDone += 1
                    return .finished(message.error)
                }
            case .timedOut:
                stop()
                return .ended(
                    IngestError(.timedOut, path: path, detail: "extraction did not finish within \(Int(timeout)) s"))
            case .closed:
                return .ended(deathReport(path: path))
            }
        }
        return .ended(deathReport(path: path))
    }

    /// The worker's resident memory in MiB, read from the kernel (never from the worker).
    var residentMB: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(child.pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }

    /// Ends the worker: closes its input (it exits when idle) and kills it if it has not.
    func stop() {
        try? input.close()
        if child.isRunning { child.killGroup() }
        _ = child.waitForExit()
        channel.waitUntilClosed()
    }

    private func deathReport(path: String) -> IngestError {
        let termination = child.waitForExit()
        channel.waitUntilClosed()
        switch termination {
        case .signalled(let signal):
            let hint = signal == SIGABRT || signal == SIGKILL ? " (possibly out of memory)" : ""
            return IngestError(
                .extractionFailed, path: path, detail: "the extraction worker crashed with signal \(signal)\(hint)")
        case .exited(let status):
            return IngestError(
                .extractionFailed, path: path,
                detail: "the extraction worker exited with status \(status) before finishing")
        }
    }
}
