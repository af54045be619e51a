import DocketProcess
import Foundation
import Synchronization

/// Starts `docket page-worker` for one page and waits for it without holding a thread: the web
/// process never opens a document itself. A worker that runs longer than `timeout` is killed; at
/// most `slots` run at once, so a burst of page views cannot start unbounded processes.
enum PageWorker {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let slots = 4
    static let running = Mutex(0)
    /// Larger output than this is refused (a PNG at the page view's resolution is well under 1 MB).
    static let largestOutput = 32 << 20

    static func run(executable: String, arguments: [String], timeout: Duration = .seconds(30)) async throws -> Data {
        let admitted = running.withLock { count in
            guard count < slots else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Failure(description: "too many pages are being rendered; try again") }
        defer { running.withLock { $0 -= 1 } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-page-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out"), errors = folder.appendingPathComponent("err")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw Failure(description: "cannot create a file in the temporary folder; check its space") }
        let child = try start(
            [executable, "page-worker"] + arguments + ["--output", output.path], errors: errors.path)
        // Polled, not waited on: no thread is held, and a view waits at most 20 ms more.
        let deadline = ContinuousClock.now + timeout
        var pause = Duration.milliseconds(1)
        while child.isRunning {
            if ContinuousClock.now >= deadline || Task.isCancelled { child.killGroup() }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(20))
        }
        guard child.termination == .exited(status: 0) else {
            let said = (try? Data(contentsOf: errors)).map { String(decoding: $0.prefix(200), as: UTF8.self) } ?? ""
            throw Failure(description: said.isEmpty ? "the page worker stopped (it may have run out of time)" : said)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? nil
        guard let size, size <= largestOutput else {
            throw Failure(description: "the page worker wrote no usable output")
        }
        return try Data(contentsOf: output)
    }

    /// The worker, inheriting nothing but its standard descriptors (`ChildProcess`): the web process's
    /// sockets and files stay its own. Standard error goes to `errors`, what the page view shows on failure.
    private static func start(_ arguments: [String], errors: String) throws -> ChildProcess {
        let discard = open("/dev/null", O_WRONLY | O_CLOEXEC), said = open(errors, O_WRONLY | O_CLOEXEC)
        defer {
            close(discard)
            close(said)
        }
        guard discard >= 0, said >= 0 else { throw Failure(description: "cannot open the page worker's output") }
        return try ChildProcess(
            arguments: arguments, environment: ProcessInfo.processInfo.environment, output: discard, errors: said)
    }
}
