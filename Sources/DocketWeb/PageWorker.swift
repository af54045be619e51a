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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["page-worker"] + arguments + ["--output", output.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        let (ended, ending) = AsyncStream<Void>.makeStream()
        let exited = Mutex(false)
        process.terminationHandler = { _ in
            exited.withLock { $0 = true }
            ending.finish()
        }
        try process.run()
        let pid = process.processIdentifier
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            exited.withLock { if !$0 { kill(pid, SIGKILL) } }
        }
        for await _ in ended {}
        watchdog.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = (try? Data(contentsOf: errors)).map { String(decoding: $0.prefix(200), as: UTF8.self) } ?? ""
            throw Failure(description: said.isEmpty ? "the page worker stopped (it may have run out of time)" : said)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? nil
        guard let size, size <= largestOutput else {
            throw Failure(description: "the page worker wrote no usable output")
        }
        return try Data(contentsOf: output)
    }
}
