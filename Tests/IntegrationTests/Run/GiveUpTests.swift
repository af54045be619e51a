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
        #expect(try Self.runJSON(summary.outputFolder)["gave_up"] as? Bool == true)

        // The endpoint is back on its address: resume sends the units again and the run is finished. With a
        // give-up of a minute: what is tested is that the run finishes, and on a loaded machine three seconds
        // can pass between two answers of a live endpoint.
        let server = try FaultServer(mode: "ok", port: port)
        options.runID = summary.runID
        var patient = pipeline
        patient.giveUpAfter = 60
        let resumed = try await Runner(pipeline: patient, options: options).run(resume: true)
        #expect(!resumed.gaveUp && resumed.counts.done == counts.units && resumed.counts.failed == 0)
        #expect(server.requests.count >= counts.units)
        #expect(try Self.runJSON(summary.outputFolder)["gave_up"] as? Bool == false)
    }

    /// A `docket worker` gives up on a shared run the same way: its pending units fail as `no-endpoint` (those in
    /// its hands at that moment end with their own error), the run is completed with its reports, and the worker,
    /// told to exit when idle, exits instead of waiting for ever.
    @Test(.timeLimit(.minutes(3))) func aWorkerGivesUpOnADeadEndpoint() async throws {
        let (folder, _, file) = try Self.deadEndpoint("giving-up-worker", giveUpAfter: "3s")
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = folder.appendingPathComponent("docket.sqlite").path
        options.inputs = [TestPaths.sample("mutual-nda.pdf")]
        options.enqueueOnly = true
        let run = try await Runner(pipeline: try PipelineLoader.load(path: file.path), options: options).run().runID
        let store = try await StoreFactory.open(options.storePath!)

        var workerOptions = Worker.Options(workerExecutable: TestPaths.docketExecutable)
        workerOptions.jobs = 2
        workerOptions.exitWhenIdle = true
        try await Worker(store: store, options: workerOptions).run()
        let record = try #require(try await store.run(id: run))
        #expect(record.status == .completed)
        let counts = try await store.counts(run: run)
        #expect(counts.units > 0 && counts.failed == counts.units && counts.pending == 0 && counts.done == 0)
        let units = try await store.units(run: run, documents: nil)
        // The units in the worker's hands when it gave up failed on their own, with their last error.
        let givenUp = units.filter { $0.reason?.hasPrefix("no-endpoint") == true }
        #expect(givenUp.count >= units.count - workerOptions.jobs && !givenUp.isEmpty, "\(units.map(\.reason))")
        #expect(
            units.allSatisfy { $0.reason?.hasPrefix("no-endpoint") == true || $0.reason?.contains("refused") == true })
        #expect(FileManager.default.fileExists(atPath: (record.outputFolder ?? "") + "/reports/index.html"))
        // The worker that completes the run (any worker) says in run.json that it gave up.
        #expect(try Self.runJSON(record.outputFolder ?? "")["gave_up"] as? Bool == true)
    }

    static func runJSON(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/run.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
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
