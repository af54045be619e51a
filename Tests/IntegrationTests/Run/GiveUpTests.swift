import DocketTestSupport
import Foundation
import Testing

@testable import DocketInfer
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// A run whose only endpoint refuses connections gives up after `give_up_after`: it stops, fails its pending
/// units as `no-endpoint`, writes its reports and says so; `docket resume` finishes it once the endpoint is back.
@Suite struct GiveUpTests {
    /// A review pipeline `name` with `give_up_after`, whose one endpoint is a port nothing listens on yet: every
    /// connection is refused.
    static func deadEndpoint(_ name: String, giveUpAfter: String) throws -> (folder: URL, port: Int, file: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try EmbeddedEngine.freePort()
        let file = try WorkerTests.reviewPipeline(name, endpoint: "http://127.0.0.1:\(port)/v1", in: folder)
        try (try String(contentsOf: file, encoding: .utf8) + "\ngive_up_after: \(giveUpAfter)\n").write(
            to: file, atomically: true, encoding: .utf8)
        return (folder, port, file)
    }

    @Test(.timeLimit(.minutes(3))) func aRunGivesUpOnADeadEndpointAndResumeFinishesIt() async throws {
        let (folder, port, file) = try Self.deadEndpoint("giving-up", giveUpAfter: "3s")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = try PipelineLoader.load(path: file.path)
        #expect(pipeline.giveUpAfter == 3)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = folder.appendingPathComponent("docket.sqlite").path
        options.inputs = [TestPaths.sample("mutual-nda.pdf")]

        let summary = try await Runner(pipeline: pipeline, options: options).run()
        #expect(summary.gaveUp && !summary.interrupted)
        let counts = summary.counts
        #expect(counts.units > 0 && counts.failed == counts.units && counts.pending == 0 && counts.done == 0)
        let store = try await StoreFactory.open(options.storePath!)
        #expect(try await store.run(id: summary.runID)?.status == .completed)
        let units = try await store.units(run: summary.runID, documents: nil)
        #expect(units.allSatisfy { $0.reason?.hasPrefix("no-endpoint") == true }, "\(units.map(\.reason))")
        #expect(FileManager.default.fileExists(atPath: summary.outputFolder + "/reports/index.html"))

        // The endpoint is back on its address: resume sends the units again and the run is finished.
        let server = try FaultServer(mode: "ok", port: port)
        options.runID = summary.runID
        let resumed = try await Runner(pipeline: pipeline, options: options).run(resume: true)
        #expect(!resumed.gaveUp && resumed.counts.done == counts.units && resumed.counts.failed == 0)
        #expect(server.requests.count >= counts.units)
    }

    /// `docket run` says it gave up and exits 75 (EX_TEMPFAIL: try again later), not 0 nor 130.
    @Test(.timeLimit(.minutes(2))) func theCommandExits75() async throws {
        let (folder, _, file) = try Self.deadEndpoint("giving-up-cli", giveUpAfter: "2s")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = [
            "run", file.path, "--store", folder.appendingPathComponent("docket.sqlite").path, "--input",
            TestPaths.sample("mutual-nda.pdf"),
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 75)
        #expect(printed.contains("gave up: no endpoint answered for 2 s"), "\(printed)")
    }
}
