import AsyncHTTPClient
import Foundation

/// llama.cpp's server, started by Docket for an `engine: embedded` endpoint: on a free loopback
/// port, with parallel slots and few threads (OCR needs the cores too), its log in the run folder.
/// A watchdog shell ends the server when Docket dies, even by `kill -9`.
public final class EmbeddedEngine: @unchecked Sendable {
    public struct Installation: Sendable {
        public var server: String
        public var model: String

        /// `DOCKET_LLAMA_SERVER` and `DOCKET_MODEL`, else what `scripts/setup.sh` installs.
        public static func find() -> Installation {
            let environment = ProcessInfo.processInfo.environment
            let cache = environment["DOCKET_CACHE"]
                ?? ((environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")) + "/docket")
            return Installation(server: environment["DOCKET_LLAMA_SERVER"] ?? cache + "/llama-server-0.3.36/llama-server",
                                model: environment["DOCKET_MODEL"] ?? cache + "/models/gemma-3-270m-q4_k_m.gguf")
        }

        public var problems: [String] {
            var problems: [String] = []
            if !FileManager.default.isExecutableFile(atPath: server) { problems.append("llama-server not found at \(server); run scripts/setup.sh") }
            if !FileManager.default.fileExists(atPath: model) { problems.append("model not found at \(model); run scripts/setup.sh") }
            return problems
        }
    }

    public let installation: Installation
    public let port: Int
    public let weightsDigest: String
    private let process: Process
    private let stopFile: String

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/v1")! }

    /// Starts the server and waits until `/health` says it is ready.
    public init(installation: Installation = .find(), parallel: Int, threads: Int, contextPerSlot: Int,
                logFile: String, readyTimeout: TimeInterval = 120) async throws {
        if let problem = installation.problems.first { throw EngineError(message: problem) }
        self.installation = installation
        self.weightsDigest = try Self.digest(of: installation.model)
        self.port = try Self.freePort()
        FileManager.default.createFile(atPath: logFile, contents: nil)
        let log = FileHandle(forWritingAtPath: logFile)
        let arguments = [
            installation.server, "-m", installation.model, "--host", "127.0.0.1", "--port", String(port),
            "--parallel", String(parallel), "-t", String(threads), "-c", String(contextPerSlot * parallel),
            // The model has no chat template of its own; without --no-jinja the name is read as template text.
            "--no-jinja", "--chat-template", "gemma",
        ]
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        // The watchdog ends the server when Docket is gone (even after kill -9) or asks it to stop
        // by creating the stop file. SIGTERM is no use here: a Docket that handles Ctrl-C itself
        // passes on an ignored SIGTERM, which neither the shell nor the server would act on; the
        // server keeps no state worth a graceful shutdown, so it gets SIGKILL.
        stopFile = logFile + ".stop"
        try? FileManager.default.removeItem(atPath: stopFile)
        let script = "\(quoted) & server=$!; "
            + "while kill -0 \(ProcessInfo.processInfo.processIdentifier) 2>/dev/null && kill -0 $server 2>/dev/null && [ ! -e '\(stopFile)' ]; do sleep 0.2; done; "
            + "kill -9 $server 2>/dev/null; wait $server"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try await waitUntilHealthy(timeout: readyTimeout)
    }

    private func waitUntilHealthy(timeout: TimeInterval) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health")
        while Date() < deadline {
            if !process.isRunning { throw EngineError(message: "llama-server exited during start; see its log in the run folder") }
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)), response.status.code == 200 {
                return
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        stop()
        throw EngineError(message: "llama-server was not ready within \(Int(timeout)) s; see its log in the run folder")
    }

    /// Ends the server through its watchdog and waits for both.
    public func stop() {
        guard process.isRunning else { return }
        FileManager.default.createFile(atPath: stopFile, contents: nil)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: stopFile)
    }

    deinit { stop() }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw EngineError(message: "no socket for a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw EngineError(message: "could not find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The model file's SHA-256, cached beside it keyed by size and modification time.
    static func digest(of model: String) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: model)
        let stamp = "\(attributes[.size] ?? 0)-\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        let cache = model + ".sha256"
        if let cached = try? String(contentsOfFile: cache, encoding: .utf8), cached.hasPrefix(stamp + " ") {
            return String(cached.dropFirst(stamp.count + 1)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let digest = try ContentHash.sha256(ofFile: model)
        try? (stamp + " " + digest + "\n").write(toFile: cache, atomically: true, encoding: .utf8)
        return digest
    }
}

public struct EngineError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
