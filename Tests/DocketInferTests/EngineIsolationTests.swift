import AsyncHTTPClient
import DocketTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import DocketInfer

/// The embedded engine is Docket's alone, and nothing a run id, a path or a store holds becomes
/// code. Real llama-server and model (scripts/setup.sh), real `docket` processes.
@Suite(.serialized) struct EngineIsolationTests {
    func engine(in folder: URL, logName: String = "engine.log", port: Int? = nil) async throws -> EmbeddedEngine {
        let installation = EmbeddedEngine.Installation.find()
        try #require(installation.problems.isEmpty, "run scripts/setup.sh: \(installation.problems)")
        return try await EmbeddedEngine(
            installation: installation, parallel: 1, threads: 1, contextPerSlot: 1024,
            logFile: folder.appendingPathComponent(logName).path, port: port)
    }

    func status(_ method: String, _ url: String, key: String?) async throws -> UInt {
        var request = HTTPClientRequest(url: url)
        request.method = method == "POST" ? .POST : .GET
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if method == "POST" {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(.init(string: #"{"content": "The Supplier shall provide the Services."}"#))
        }
        return try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status.code
    }

    @Test(.timeLimit(.minutes(2))) func theEngineAnswersOnlyDocketsKeyAndOffersNothingElse() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = try await engine(in: folder)
        defer { engine.stop() }
        let root = "http://127.0.0.1:\(engine.port)"
        #expect(try await status("POST", root + "/tokenize", key: nil) == 401)
        #expect(try await status("POST", root + "/tokenize", key: "guess") == 401)
        #expect(try await status("POST", root + "/tokenize", key: engine.apiKey) == 200)
        #expect(try await status("GET", root + "/slots", key: engine.apiKey) != 200)
        #expect(try await status("GET", root + "/", key: engine.apiKey) != 200)
        let log = try String(contentsOf: folder.appendingPathComponent("engine.log"), encoding: .utf8)
        #expect(!log.contains(engine.apiKey), "the key is in the engine's log")
    }

    /// Another local process took the port first: Docket finds the port is not its server's and
    /// sends it nothing.
    @Test(.timeLimit(.minutes(2))) func aProcessThatTookThePortFirstReceivesNoPrompt() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let squatter = try FaultServer(mode: "ok")
        await #expect(throws: EngineError.self) { _ = try await engine(in: folder, port: squatter.port) }
        #expect(squatter.requests.isEmpty)
    }

    /// A free port chosen by Docket was taken by another process before llama-server bound it
    /// (seen in CI, with another test's server starting at the same moment): Docket sends that
    /// process nothing and starts its engine on another port.
    @Test(.timeLimit(.minutes(2))) func aChosenPortTakenBeforeTheEngineBindsItCostsOnlyAnAttempt() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let squatter = try FaultServer(mode: "ok")
        let installation = EmbeddedEngine.Installation.find()
        try #require(installation.problems.isEmpty, "run scripts/setup.sh: \(installation.problems)")
        let engine = try await EmbeddedEngine(
            installation: installation, parallel: 1, threads: 1, contextPerSlot: 1024,
            logFile: folder.appendingPathComponent("engine.log").path, readyTimeout: 120, attempts: 3,
            choosePort: { attempt in attempt == 0 ? squatter.port : try EmbeddedEngine.freePort() })
        defer { engine.stop() }
        #expect(engine.port != squatter.port)
        #expect(squatter.requests.isEmpty)
        let root = "http://127.0.0.1:\(engine.port)"
        #expect(try await status("POST", root + "/tokenize", key: engine.apiKey) == 200)
    }

    /// The check behind it: who holds a listening loopback port, read from /proc.
    @Test func theListenerOfAPortIsFoundByProcess() async throws {
        let server = try FaultServer(mode: "ok")
        #expect(LoopbackListener.isHeld(port: server.port, by: [server.process.processIdentifier]))
        #expect(!LoopbackListener.isHeld(port: server.port, by: [getpid()]))
        #expect(!LoopbackListener.isHeld(port: try EmbeddedEngine.freePort(), by: [server.process.processIdentifier]))
    }

    /// Paths reach the engine's watchdog as arguments: quotes and `$(…)` in them stay text.
    @Test(.timeLimit(.minutes(2))) func aHostileLogPathRunsNoCode() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = folder.appendingPathComponent("pwned")
        let hostile = folder.appendingPathComponent("x'$(touch \(marker.path))'\"`touch \(marker.path)`\"")
        // Not made beforehand: the engine makes its log folder (a worker on another machine has none).
        let engine = try await engine(in: hostile)
        defer { engine.stop() }
        let client = EngineClient(baseURL: engine.baseURL, model: "m", apiKey: engine.apiKey)
        #expect(try await client.countTokens("The Supplier shall provide the Services.") > 3)
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func aRunIDThatIsNotANameIsRefusedBeforeAnythingRuns() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = try CLIFixtures.pipeline("ids", endpoint: "http://127.0.0.1:9/v1", in: folder)
        let marker = folder.appendingPathComponent("pwned")
        for id in ["x'$(touch \(marker.path))'", "../../escape", ".hidden", String(repeating: "a", count: 65), "a b"] {
            let run = try CLIFixtures.docket(
                ["run", pipeline.path, "--run-id", id, "--input", TestPaths.sample("mutual-nda.pdf")],
                in: folder)
            #expect(run.status != 0 && run.error.contains("is not a valid run id"), "\(id): \(run.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        let made =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)) ?? []
        #expect(made.allSatisfy { !$0.contains("escape") && !$0.contains("'") }, "\(made)")
        #expect(
            !FileManager.default.fileExists(
                atPath: folder.deletingLastPathComponent().appendingPathComponent("escape").path))
    }

    /// kill -9 of docket ends its engine; the engine does not inherit docket's ignored SIGTERM.
    @Test(.timeLimit(.minutes(3))) func theEngineEndsWithDocketAndIgnoresNoSignal() async throws {
        let installation = EmbeddedEngine.Installation.find()
        try #require(installation.problems.isEmpty, "run scripts/setup.sh: \(installation.problems)")
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let task = try CLIFixtures.task(in: folder)
        let pipeline = folder.appendingPathComponent("p.yaml")
        try """
        name: engine
        output: \(folder.path)/out
        classification: { levels: [internal], default: internal }
        endpoints:
          local: { engine: embedded, sovereignty: self-hosted, clearance: internal, context_tokens: 2048,\
         max_concurrency: 1 }
        routing: [{ use: [local] }]
        tasks:
        \(task)
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let docket = Process()
        docket.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        docket.arguments = ["run", pipeline.path, "--input", TestPaths.sample("it-services-agreement.docx")]
        docket.standardOutput = FileHandle.nullDevice
        docket.standardError = FileHandle.nullDevice
        try docket.run()
        var server: pid_t?
        for _ in 0..<300 where server == nil {
            try await Task.sleep(nanoseconds: 100_000_000)
            server = Self.processes(named: "llama-server").first {
                Self.ancestors(of: $0).contains(docket.processIdentifier)
            }
        }
        let engine = try #require(server, "docket started no llama-server")
        let ignored = try #require(Self.ignoredSignals(engine))
        #expect(ignored & (1 << (UInt64(SIGTERM) - 1)) == 0, "the engine ignores SIGTERM")
        kill(docket.processIdentifier, SIGKILL)
        docket.waitUntilExit()
        var gone = false
        for _ in 0..<100 where !gone {
            try await Task.sleep(nanoseconds: 100_000_000)
            gone =
                kill(engine, 0) != 0
                || (try? String(contentsOfFile: "/proc/\(engine)/stat", encoding: .utf8))?.contains(") Z") == true
        }
        #expect(gone, "the engine outlived docket's kill -9")
    }

    static func processes(named name: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = pid_t(entry),
                let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                comm.trimmingCharacters(in: .whitespacesAndNewlines) == name
            else { return nil }
            return pid
        }
    }

    static func ancestors(of pid: pid_t) -> [pid_t] {
        var chain: [pid_t] = [], current = pid
        while current > 1, let stat = try? String(contentsOfFile: "/proc/\(current)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = pid_t(fields[1]) else { break }
            chain.append(parent)
            current = parent
        }
        return chain
    }

    static func ignoredSignals(_ pid: pid_t) -> UInt64? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigIgn:") })
        else { return nil }
        return UInt64(line.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16)
    }
}

/// An extraction worker started by a parent that ignores SIGTERM (as docket does while it drains
/// a run) takes the default back, and can leave no core dump.
@Suite struct WorkerHygieneTests {
    @Test func aWorkerHasNoCoreDumpAndIgnoresNoStopSignal() async throws {
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/bin/sh")
        worker.arguments = [
            "-c", "ulimit -c unlimited; trap '' TERM INT; exec \"$0\" extract-worker", TestPaths.docketExecutable,
        ]
        worker.environment = ProcessInfo.processInfo.environment.merging(["OMP_THREAD_LIMIT": "1"]) { $1 }
        let input = Pipe()
        worker.standardInput = input
        worker.standardOutput = FileHandle.nullDevice
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        defer {
            kill(worker.processIdentifier, SIGKILL)
            worker.waitUntilExit()
        }
        // The worker waits for its job on standard input: look at it then.
        var coreLimit: String?, ignored: UInt64?
        for _ in 0..<100 {
            try await Task.sleep(nanoseconds: 50_000_000)
            let limits =
                (try? String(contentsOfFile: "/proc/\(worker.processIdentifier)/limits", encoding: .utf8)) ?? ""
            coreLimit = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }
                .map {
                    $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).first.map(String.init) ?? ""
                }
            ignored = EngineIsolationTests.ignoredSignals(worker.processIdentifier)
            if coreLimit == "0", let ignored, ignored & (1 << (UInt64(SIGTERM) - 1)) == 0 { break }
        }
        #expect(coreLimit == "0", "core file size limit \(coreLimit ?? "?")")
        #expect((ignored ?? .max) & (1 << (UInt64(SIGTERM) - 1)) == 0, "SIGTERM still ignored")
        try input.fileHandleForWriting.close()
    }
}
