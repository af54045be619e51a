import AsyncHTTPClient
import DocketModel
import DocketProcess
import Foundation
import NIOCore
import NIOHTTP1

/// llama.cpp's server, started by Docket for an `engine: embedded` endpoint: on a free loopback
/// port, with parallel slots and few threads (OCR needs the cores too), its log in the run folder.
/// A watchdog shell ends the server when Docket dies, even by `kill -9`. The server takes requests
/// only with a key Docket made for it, and only the server Docket started is talked to.
public final class EmbeddedEngine: Sendable {
    public struct Installation: Sendable {
        public var server: String
        public var model: String

        /// `DOCKET_LLAMA_SERVER` and `DOCKET_MODEL`, else what `scripts/setup.sh` installs.
        public static func find() -> Installation {
            let environment = ProcessInfo.processInfo.environment
            let cache =
                environment["DOCKET_CACHE"]
                ?? ((environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")) + "/docket")
            return Installation(
                server: environment["DOCKET_LLAMA_SERVER"] ?? cache + "/llama-server-0.3.36/llama-server",
                model: environment["DOCKET_MODEL"] ?? cache + "/models/gemma-3-270m-q4_k_m.gguf")
        }

        public var problems: [String] {
            var problems: [String] = []
            if !FileManager.default.isExecutableFile(atPath: server) {
                problems.append("llama-server not found at \(server); run scripts/setup.sh")
            }
            if !FileManager.default.fileExists(atPath: model) {
                problems.append("model not found at \(model); run scripts/setup.sh")
            }
            return problems
        }
    }

    public let installation: Installation
    public let port: Int
    public let weightsDigest: String
    /// Random, made for this start; the server refuses requests without it.
    public let apiKey: String
    private let child: ChildProcess
    /// The write end of the watchdog's standard input, held by Docket alone: however Docket ends,
    /// the kernel closes it, and the watchdog reads end-of-file and ends the engine.
    private let lifeline: FileHandle

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/v1")! }

    /// Starts the server and waits until `/health` says it is ready and the port is held by it.
    /// `port` is for tests that put another server on it first; by default a free one is chosen,
    /// and another one if a process took it between the choice and the server's start.
    public convenience init(
        installation: Installation = .find(), parallel: Int, threads: Int, contextPerSlot: Int,
        logFile: String, readyTimeout: TimeInterval = 120, port: Int? = nil
    ) async throws {
        try await self.init(
            installation: installation, parallel: parallel, threads: threads, contextPerSlot: contextPerSlot,
            logFile: logFile, readyTimeout: readyTimeout, attempts: port == nil ? 3 : 1,
            choosePort: { _ in try port ?? Self.freePort() })
    }

    /// `choosePort` is asked once per attempt: a chosen port is free only until someone binds it,
    /// and llama-server binds it a moment later, so a port taken in between costs an attempt.
    init(
        installation: Installation, parallel: Int, threads: Int, contextPerSlot: Int,
        logFile: String, readyTimeout: TimeInterval, attempts: Int, choosePort: (Int) throws -> Int
    ) async throws {
        if let problem = installation.problems.first { throw EngineError(message: problem) }
        self.installation = installation
        self.weightsDigest = try Self.digest(of: installation.model)
        let apiKey = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        self.apiKey = apiKey
        // A worker on another machine starts its engine for a run whose folder it has not made yet.
        try FileManager.default.createDirectory(
            atPath: (logFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var attempt = 0
        while true {
            let port = try choosePort(attempt)
            let (child, lifeline) = try Self.launch(
                installation: installation, port: port, parallel: parallel, threads: threads,
                contextPerSlot: contextPerSlot, logFile: logFile, apiKey: apiKey)
            do {
                try await Self.waitUntilReady(child: child, port: port, timeout: readyTimeout)
                (self.port, self.child, self.lifeline) = (port, child, lifeline)
                return
            } catch is PortTaken where attempt + 1 < attempts {
                try? lifeline.close()
                attempt += 1
            } catch {
                Self.stop(child)
                try? lifeline.close()
                throw (error as? PortTaken)?.engineError ?? error
            }
        }
    }

    /// Starts llama-server under its watchdog on `port`; returns the child and the lifeline.
    private static func launch(
        installation: Installation, port: Int, parallel: Int, threads: Int, contextPerSlot: Int,
        logFile: String, apiKey: String
    ) throws -> (ChildProcess, FileHandle) {
        let log = open(logFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard log >= 0 else { throw EngineError(message: "the engine log \(logFile) cannot be written") }
        defer { close(log) }
        let server = [
            installation.server, "-m", installation.model, "--host", "127.0.0.1", "--port", String(port),
            "--parallel", String(parallel), "-t", String(threads), "-c", String(contextPerSlot * parallel),
            // The model has no chat template of its own; without --no-jinja the name is read as template text.
            "--no-jinja", "--chat-template", "gemma",
            // Only what Docket uses: no slot monitor, no web page.
            "--no-slots", "--no-webui",
        ]
        // The watchdog leads the server's process group and kills the whole group when Docket is
        // gone (its standard input, a pipe only Docket writes to, reads end-of-file: after kill -9
        // too, and even while a dead Docket is not yet reaped) or when the server exits. The server
        // is its argument list ("$@"): no value is ever part of the script. The environment is
        // the key and an allow-list (`engineEnvironment`): no LLAMA_ARG_* (LLAMA_ARG_HOST would
        // open the port to the network), no other endpoint's API key, no store password.
        let watchdog = """
            exec 3<&0
            "$@" </dev/null 3<&- & server=$!
            { read -r _ <&3; kill -9 0; } &
            wait "$server"
            kill -9 0
            """
        // Closed on exec from the start: no other child may inherit the write end, it would keep the lifeline open.
        do {
            let lifeline = try ProcessPipe()
            let child = try ChildProcess(
                arguments: ["/bin/sh", "-c", watchdog, "docket-engine"] + server,
                environment: Self.engineEnvironment(key: apiKey), input: lifeline.reading.fileDescriptor, output: log)
            try? lifeline.reading.close()
            return (child, lifeline.writing)
        } catch {
            throw EngineError(message: "\(error)")
        }
    }

    /// Another process holds the port chosen for the engine: worth another port, when one is chosen.
    private struct PortTaken: Error {
        var port: Int
        var engineError: EngineError {
            EngineError(
                message: "another process listens on port \(port), which Docket chose for its engine; "
                    + "nothing was sent to it. Start the run again")
        }
    }

    /// What the server is started with. The OpenMP settings are passed on: llama.cpp's OpenMP
    /// threads follow them, and Docket runs with OMP_THREAD_LIMIT=1 (measured: without it, two
    /// engines on two cores spin against each other and a run takes several times as long).
    static func engineEnvironment(key: String) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "LLAMA_API_KEY": key]
        for (name, value) in ProcessInfo.processInfo.environment
        where name.hasPrefix("OMP_") || ["HOME", "LANG", "LC_ALL", "TMPDIR"].contains(name) {
            environment[name] = value
        }
        return environment
    }

    private static func waitUntilReady(child: ChildProcess, port: Int, timeout: TimeInterval) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health")
        while Date() < deadline {
            if !child.isRunning {
                // The server could not bind: the port is someone else's now.
                if !isFree(port: port) { throw PortTaken(port: port) }
                throw EngineError(message: "llama-server exited during start; see its log in the run folder")
            }
            if let response = try? await EngineHTTP.client(connectTimeout: 2).execute(request, timeout: .seconds(2)),
                response.status.code == 200
            {
                // Whoever answered, the port must be held by the server Docket started.
                guard LoopbackListener.isHeld(port: port, by: child.groupMembers) else {
                    stop(child)
                    throw PortTaken(port: port)
                }
                return
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        stop(child)
        throw EngineError(message: "llama-server was not ready within \(Int(timeout)) s; see its log in the run folder")
    }

    /// Ends the server and its watchdog (the whole process group) and waits for them.
    public func stop() { Self.stop(child) }

    private static func stop(_ child: ChildProcess) {
        guard child.isRunning else { return }
        child.killGroup()
        _ = child.wait(seconds: 15)
    }

    deinit {
        stop()
        try? lifeline.close()
    }

    static func freePort() throws -> Int {
        guard let port = bindLoopback(port: 0) else {
            throw EngineError(message: "could not find a free loopback port")
        }
        return port
    }

    /// Whether nothing holds `port` on loopback now.
    static func isFree(port: Int) -> Bool { bindLoopback(port: port) != nil }

    /// Binds a socket to `port` on 127.0.0.1 (0: any) and releases it; the bound port, or nil.
    private static func bindLoopback(port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
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
