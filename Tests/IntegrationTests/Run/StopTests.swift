import DocketTestSupport
import Foundation
import Testing

@testable import DocketInfer

/// SIGTERM stops a `docket run` within its drain time, whatever its endpoint does: gone (connections refused),
/// hanging (a request never answered), or while a second run of the same pipeline tries the same store. A run
/// that does not stop is killed after the drain and a margin, and the test fails.
@Suite struct StopTests {
    static let drain = 3.0

    /// A `docket run` of a one-task review pipeline against `endpoint`, on its own store unless `store` is given.
    static func run(
        _ name: String, endpoint: String, folder: URL, store: String? = nil
    ) throws -> Process {
        let file = try WorkerTests.reviewPipeline(name, endpoint: endpoint, in: folder)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = [
            "run", file.path, "--store", store ?? folder.appendingPathComponent("docket.sqlite").path, "--drain",
            String(drain), "--input", TestPaths.sample("mutual-nda.pdf"),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Sends SIGTERM once a request is under way (`started` says so), and whether the process then ended within
    /// the drain and a margin for the run's end (reports, the store).
    static func stopsInTime(_ process: Process, started: () -> Bool) async throws -> Bool {
        let ready = Date().addingTimeInterval(60)
        while !started() && Date() < ready { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(started(), "no request was sent before the stop")
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(drain + 20)
        while process.isRunning && Date() < deadline { try await Task.sleep(nanoseconds: 100_000_000) }
        let stopped = !process.isRunning
        if !stopped { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return stopped
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stop-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(.timeLimit(.minutes(2))) func aRunStopsWhileARequestHangs() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "stall", stall: 600)
        let process = try Self.run("hanging", endpoint: server.url, folder: folder)
        #expect(try await Self.stopsInTime(process) { !server.requests.isEmpty })
        #expect(process.terminationStatus == 130)
    }

    @Test(.timeLimit(.minutes(2))) func aRunStopsWhenItsEndpointIsGone() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try EmbeddedEngine.freePort()
        let process = try Self.run("gone", endpoint: "http://127.0.0.1:\(port)/v1", folder: folder)
        // Nothing answers, so "a request is under way" is the progress line's first unit sent: give it time.
        let since = Date()
        #expect(try await Self.stopsInTime(process) { Date().timeIntervalSince(since) > 5 })
        #expect(process.terminationStatus == 130)
    }

    @Test(.timeLimit(.minutes(2))) func aRunStopsWhileASecondRunOfItsPipelineTriesTheStore() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "stall", stall: 600)
        let store = folder.appendingPathComponent("shared.sqlite").path
        let first = try Self.run("shared", endpoint: server.url, folder: folder, store: store)
        let ready = Date().addingTimeInterval(60)
        while server.requests.isEmpty && Date() < ready { try await Task.sleep(nanoseconds: 100_000_000) }
        // The second run of the pipeline is refused at once: the first holds the pipeline's lock.
        let second = try Self.run("shared", endpoint: server.url, folder: folder, store: store)
        second.waitUntilExit()
        #expect(second.terminationStatus != 0)
        #expect(try await Self.stopsInTime(first) { !server.requests.isEmpty })
        #expect(first.terminationStatus == 130)
    }
}
