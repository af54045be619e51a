import DocketTestSupport
import Foundation
import GRDB
import Testing

@testable import DocketInfer
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// `docket run` against the real llama-server and the real model on loopback (installed by
/// scripts/setup.sh): the happy path, and crash-and-resume with kill -9 at several points.
@Suite(.serialized) struct RunnerIntegrationTests {
    static let pipelines = TestPaths.repositoryRoot.appendingPathComponent("Pipelines")

    /// A pipeline file in a fresh folder: the sample review, with the endpoint given.
    func pipeline(endpoint: String, folder: URL) throws -> URL {
        let text = """
            name: it
            output: \(folder.path)/out
            classification:
              levels: [public, internal, confidential, restricted]
              default: internal
              rules:
                - { if: { detectors: [email, phone, person, postal_address, iban] }, level: confidential }
            endpoints:
              local:
            \(endpoint)
                model: gemma-3-270m-q4_k_m
                sovereignty: self-hosted
                clearance: restricted
                context_tokens: 8192
                max_concurrency: 4
            routing:
              - { use: [local] }
            tasks:
              - { name: clause-review, prompt: \(Self.pipelines.path)/prompts/clause-review.md, schema:\
             \(Self.pipelines.path)/schemas/clause-review.json, max_output_tokens: 200 }
              - { name: key-terms, scope: document, prompt: \(Self.pipelines.path)/prompts/key-terms.md, schema:\
             \(Self.pipelines.path)/schemas/key-terms.json, max_output_tokens: 600 }
            """
        let url = folder.appendingPathComponent("pipeline.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts `docket` with the arguments; the caller waits or kills.
    func docket(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func schemas() throws -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for task in ["clause-review", "key-terms"] {
            let data = try Data(contentsOf: Self.pipelines.appendingPathComponent("schemas/\(task).json"))
            result[task] = try JSONValue(data: data)
        }
        return result
    }

    // Ten minutes, not five: a limit against a hang, not a timing. Two runs of the real engine on two cores shared
    // with the whole suite took 327–379 s in clean-clone CIs (2026-12-07), and 379 crossed five minutes.
    @Test(.timeLimit(.minutes(10))) func aRunOverTheSamplesCompletesWithSchemaValidResults() async throws {
        let installation = EmbeddedEngine.Installation.find()
        try #require(installation.problems.isEmpty, "run scripts/setup.sh: \(installation.problems)")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try PipelineLoader.load(path: pipeline(endpoint: "    engine: embedded", folder: folder).path)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.inputs = [TestPaths.sample("mutual-nda.pdf"), TestPaths.sample("arbeitsvertrag.docx")]
        let recorder = EventRecorder()
        let summary = try await Runner(pipeline: spec, options: options, observers: [recorder]).run()
        #expect(!summary.interrupted)
        // An observer sees the run from outside: its start, each document read and planned, each answer.
        let events = await recorder.names
        #expect(events.first == "started \(summary.runID)")
        #expect(events.filter { $0 == "read" }.count == 2 && events.filter { $0 == "planned" }.count == 2)
        #expect(events.filter { $0 == "answered" }.count == summary.counts.done)
        #expect(await recorder.completionTokens == summary.completionTokens)
        #expect(summary.counts.documents == 2)
        #expect(summary.counts.units > 10)
        #expect(summary.counts.done + summary.counts.failed == summary.counts.units)
        #expect(Double(summary.counts.done) >= 0.9 * Double(summary.counts.units), "\(summary.counts)")

        let store = try await SQLRunStore(sqlite: folder.appendingPathComponent("out/docket.sqlite").path)
        let units = Dictionary(uniqueKeysWithValues: try await store.units(run: summary.runID).map { ($0.key, $0) })
        let schemas = try schemas()
        for result in try await store.results(run: summary.runID) {
            let task = try #require(units[result.unitKey]?.task)
            #expect(UnitExecutor.problem(with: result.resultJSON, schema: schemas[task]!) == nil)
            #expect(result.model == "gemma-3-270m-q4_k_m" && result.weightsDigest?.count == 64)
        }
        let lines = try String(
            contentsOf: URL(fileURLWithPath: summary.outputFolder).appendingPathComponent("results.jsonl"),
            encoding: .utf8)
        #expect(lines.split(separator: "\n").filter { !$0.contains(#""task":"clauses""#) }.count == summary.counts.done)
        #expect(FileManager.default.fileExists(atPath: summary.outputFolder + "/engine.log"))

        // The same folder again: every unit's key is unchanged, so nothing is sent.
        let again = try await Runner(pipeline: spec, options: options).run()
        #expect(again.runID != summary.runID)
        #expect(again.promptTokens == 0 && again.completionTokens == 0)
        #expect(again.counts.done == summary.counts.done)
    }

    @Test(.timeLimit(.minutes(2))) func theEmbeddedEngineCountsTokensExactly() async throws {
        let installation = EmbeddedEngine.Installation.find()
        try #require(installation.problems.isEmpty, "run scripts/setup.sh: \(installation.problems)")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = try await EmbeddedEngine(
            installation: installation, parallel: 1, threads: 2, contextPerSlot: 2048,
            logFile: folder.appendingPathComponent("engine.log").path)
        defer { engine.stop() }
        let client = EngineClient(baseURL: engine.baseURL, model: "m", apiKey: engine.apiKey)
        let short = try await client.countTokens("The Supplier shall provide the Services.")
        let long = try await client.countTokens(
            String(repeating: "The Supplier shall provide the Services. ", count: 20))
        #expect((5...20).contains(short))
        #expect(long > 15 * short && long < 25 * short)
    }

    @Test(.timeLimit(.minutes(6))) func killNineAtSeveralPointsThenResumeLosesNothingAndRedoesNothing() async throws {
        let installation = EmbeddedEngine.Installation.find()
        try #require(installation.problems.isEmpty, "run scripts/setup.sh: \(installation.problems)")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The test runs the engine itself, behind a counting proxy, so every request is seen.
        let engine = try await EmbeddedEngine(
            installation: installation, parallel: 4, threads: 2, contextPerSlot: 8192,
            logFile: folder.appendingPathComponent("engine.log").path)
        defer { engine.stop() }
        let proxy = try FaultServer(mode: "ok", upstream: "http://127.0.0.1:\(engine.port)", upstreamKey: engine.apiKey)
        let pipelineFile = try pipeline(endpoint: "    url: \(proxy.url)", folder: folder)
        let store = folder.appendingPathComponent("out/docket.sqlite").path
        let inputs = [
            "--input", TestPaths.sample("mutual-nda.pdf"), "--input", TestPaths.sample("it-services-agreement.docx"),
        ]

        var snapshots: [(time: Double, done: Set<String>)] = []
        // Units answered so far, read without writing to the store that docket holds open.
        func doneCount() -> Int {
            var configuration = Configuration()
            configuration.readonly = true
            guard FileManager.default.fileExists(atPath: store),
                let queue = try? DatabaseQueue(path: store, configuration: configuration)
            else { return 0 }
            return (try? queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM results") }) ?? 0
        }
        // Kills once more units are done than `before` (two minutes at most): mid-run on a fast machine or a
        // slow one, where a kill after a fixed time came before the first answer on a loaded CI machine.
        func kill9(whenMoreDoneThan before: Int, _ process: Process) async throws {
            let deadline = Date().addingTimeInterval(120)
            while doneCount() <= before && process.isRunning && Date() < deadline {
                try await Task.sleep(nanoseconds: 250_000_000)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let done = Set(try await SQLRunStore(sqlite: store).results(run: "crash").map(\.unitKey))
            snapshots.append((Date().timeIntervalSince1970, done))
        }
        try await kill9(
            whenMoreDoneThan: 0,
            try docket(["run", pipelineFile.path, "--run-id", "crash", "--store", store] + inputs))
        try await kill9(whenMoreDoneThan: snapshots[0].done.count, try docket(["resume", "crash", "--store", store]))
        // A polite stop this time: SIGTERM stops new work and exits 130.
        let polite = try docket(["resume", "crash", "--store", store, "--drain", "20"])
        try await Task.sleep(nanoseconds: 10_000_000_000)
        kill(polite.processIdentifier, SIGTERM)
        polite.waitUntilExit()
        #expect(polite.terminationStatus == 130)
        #expect(try await SQLRunStore(sqlite: store).run(id: "crash")?.status == .interrupted)
        snapshots.append(
            (
                Date().timeIntervalSince1970,
                Set(try await SQLRunStore(sqlite: store).results(run: "crash").map(\.unitKey))
            ))
        let last = try docket(["resume", "crash", "--store", store])
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)

        let final = try await SQLRunStore(sqlite: store)
        let units = try await final.units(run: "crash")
        let counts = try await final.counts(run: "crash")
        #expect(counts.pending == 0, "\(counts)")
        #expect(counts.done + counts.failed == units.count)
        #expect(Set(try await final.results(run: "crash").map(\.unitKey)).count == counts.done)
        #expect(
            snapshots.first!.done.count < counts.done,
            "the first kill came after everything was done; nothing was tested")
        #expect(snapshots.contains { !$0.done.isEmpty }, "no unit finished before a kill; nothing was tested")
        // No unit finished before a stop was ever requested again after it.
        let requests = proxy.requests
        print(
            "crash test: units done at the three stops \(snapshots.map(\.done.count)), finally \(counts.done) done and "
                + "\(counts.failed) failed of \(units.count); \(requests.count) requests for "
                + "\(Set(requests.map(\.unit)).count) units"
        )
        for snapshot in snapshots {
            let resent = requests.filter { $0.time > snapshot.time && snapshot.done.contains($0.unit) }
            #expect(resent.isEmpty, "\(resent.count) finished units were sent again")
        }
        // And every unit was requested at least once: none went missing.
        #expect(Set(requests.map(\.unit)).isSuperset(of: units.filter { $0.status == .done }.map(\.key)))
    }
}

/// Records the events a runner publishes, by name (RunnerIntegrationTests).
actor EventRecorder: RunObserver {
    var names: [String] = []
    var completionTokens = 0

    func observe(_ event: RunEvent) {
        switch event {
        case .started(let run): names.append("started \(run)")
        case .documentFailed: names.append("failed")
        case .documentRead: names.append("read")
        case .planned: names.append("planned")
        case .extractionEnded: names.append("extraction ended")
        case .requestStarted: names.append("request")
        case .answered(_, _, let completion):
            names.append("answered")
            completionTokens += completion
        case .unitFailed: names.append("unit failed")
        case .unitHeld: names.append("unit held")
        case .gateExcluded: names.append("gate excluded")
        }
    }
}
