import DocketTestSupport
import Foundation
import GRDB
import StoreTestSupport
import Testing

@testable import DocketAudit
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// Three `docket worker` processes share one queued run; one is killed with SIGKILL early on. The
/// run completes with every unit done exactly once, nothing lost, and no unit ever worked on by two
/// workers at once. The endpoint is a loopback server that answers after 0.3 s and logs every
/// request with its unit.
@Suite(.serialized) struct WorkerTests {
    static let lease = 3.0

    /// A pipeline `name` in `folder` with one task, clause-review, on each chunk, sent to `endpoint`.
    static func reviewPipeline(_ name: String, endpoint: String, in folder: URL) throws -> URL {
        let schema = folder.appendingPathComponent("answer.json")
        try #"{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}"#.write(
            to: schema, atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("\(name).yaml")
        try """
        name: \(name)
        output: \(folder.path)/out
        classification: { levels: [internal, restricted], default: internal }
        endpoints:
          gpu: { url: "\(endpoint)", model: m, sovereignty: self-hosted, clearance: restricted, context_tokens:\
         8192, max_concurrency: 8 }
        routing: [{ use: [gpu] }]
        tasks:
          - { name: review, prompt: \(TestPaths.repositoryRoot.path)/Pipelines/prompts/clause-review.md, schema:\
         \(schema.path), max_output_tokens: 20 }
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func docket(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(.timeLimit(.minutes(3)), arguments: StoreKind.available)
    func threeWorkersOneKilledEveryUnitDoneExactlyOnce(_ kind: StoreKind) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workers-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let location = try await kind.open().location
        let server = try FaultServer(mode: "ok", delay: 0.3)
        let pipeline = try Self.reviewPipeline("fleet", endpoint: server.url, in: folder)
        let inputs = [
            "mutual-nda.pdf", "it-services-agreement.pdf", "arbeitsvertrag.docx", "contrat-de-prestation.docx",
        ]
        let enqueue = try docket(
            ["run", pipeline.path, "--store", location, "--enqueue-only"]
                + inputs.flatMap { ["--input", TestPaths.sample($0)] })
        enqueue.waitUntilExit()
        #expect(enqueue.terminationStatus == 0)
        let store = try await StoreFactory.open(location)
        let run = try #require(try await store.runs().first)
        let queued = try await store.runDocuments(run: run.id).count
        #expect(run.status == .queued && queued == 4)

        let workers = try (0..<3).map { _ in
            try docket([
                "worker", "--store", location, "--jobs", "2", "--lease", String(Self.lease), "--exit-when-idle",
            ])
        }
        // Kill one once a dozen requests are answered: more than 20 units remain then. From a thread
        // of its own, not the test runner's pool, which once looked only when every unit was done.
        let answeredAtKill = LockedList<Int>()
        let killTimes = LockedList<Double>()
        let victim = workers[0].processIdentifier
        let deadline = Date().addingTimeInterval(90)
        Thread {
            while Date() < deadline {
                let answered = server.requests.count
                if answered >= 12 {
                    killTimes.append(Date().timeIntervalSince1970)
                    kill(victim, SIGKILL)
                    answeredAtKill.append(answered)
                    return
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }.start()
        while answeredAtKill.items.isEmpty && Date() < deadline {
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let killedAt = try #require(answeredAtKill.items.first, "no progress before the kill")
        for worker in workers.dropFirst() {
            while worker.isRunning && Date() < deadline.addingTimeInterval(60) {
                try await Task.sleep(nanoseconds: 200_000_000)
            }
            if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
            #expect(worker.terminationStatus == 0)
        }

        let counts = try await store.counts(run: run.id)
        #expect(try await store.run(id: run.id)?.status == .completed)
        #expect(counts.units > 20 && counts.done == counts.units && counts.failed == 0, "\(counts)")
        #expect(killedAt < counts.units, "the kill came after the last unit")
        let results = try await store.results(run: run.id)
        #expect(results.count == counts.units && Set(results.map(\.unitKey)).count == results.count)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/\(run.id)/reports/index.html"))
        let summary = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/\(run.id)/run.json"))) as? [String: Any]
        )
        #expect(
            ((summary["tokens_by_endpoint"] as? [String: Any])?["gpu"] as? [String: Any])?["requests"] as? Int
                == counts.units)

        // Nothing finished was asked again: every request for a unit came before its result was stored.
        let finished = Dictionary(
            uniqueKeysWithValues: results.map { ($0.unitKey, $0.finishedAt.timeIntervalSince1970) })
        let requests = server.requests
        #expect(requests.count >= counts.units)
        print("workers (\(kind)): \(counts.units) units, killed at \(killedAt) answers, \(requests.count) requests")
        for request in requests {
            let end = try #require(finished[request.unit], "a request for a unit with no result")
            #expect(request.time <= end + 0.01, "unit \(request.unit) requested again after its result")
        }
        // Never two workers on one unit at once: a unit's next attempt starts after the last one
        // ended, or, when that one's worker was killed, after the kill. (Not a lease's length after
        // the attempt started: the lease runs from the claim or the last heartbeat, both earlier.)
        let killedTime = try #require(killTimes.items.first)
        for unit in finished.keys {
            let attempts = try await attemptTimes(store, unit: unit)
            #expect(attempts.dropLast().allSatisfy { $0.end != nil || $0.start <= killedTime }, "\(unit)")
            for (previous, next) in zip(attempts, attempts.dropFirst()) {
                let free = previous.end ?? killedTime
                #expect(
                    next.start >= free - 0.01,
                    "unit \(unit): an attempt at \(next.start) while another held it until \(free)")
            }
        }
        #expect(try AuditVerifier.verify(await store.auditRecords(since: nil), heads: await store.auditHeads()).intact)
    }

    func attemptTimes(_ store: RunStore, unit: String) async throws -> [(start: Double, end: Double?)] {
        try await #require(store as? SQLRunStore).executor.query(
            "SELECT started_at, finished_at FROM attempts WHERE unit_key = $1 ORDER BY started_at", [unit]
        )
        .map { ($0.timestamp("started_at")!.timeIntervalSince1970, $0.timestamp("finished_at")?.timeIntervalSince1970) }
    }
}

/// A run this machine cannot work on (its pipeline file is missing here) does not stop the
/// worker: the other run is finished all the same.
@Suite struct WorkerResilienceTests {
    @Test(.timeLimit(.minutes(2))) func aBrokenRunDoesNotStopTheWorker() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resilient-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let storePath = folder.appendingPathComponent("store.sqlite").path
        let file = folder.appendingPathComponent("fine.yaml")
        try """
        name: fine
        output: \(folder.path)/out
        classification: { levels: [internal], default: internal }
        endpoints:
          local: { engine: embedded, sovereignty: self-hosted, clearance: internal, context_tokens: 8192 }
        routing: [{ use: [local] }]
        """.write(to: file, atomically: true, encoding: .utf8)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = storePath
        options.inputs = [TestPaths.sample("mutual-nda.pdf")]
        options.enqueueOnly = true
        let good = try await Runner(pipeline: try PipelineLoader.load(path: file.path), options: options).run().runID
        let store = try await SQLRunStore(sqlite: storePath)
        try await store.createRun(
            RunRecord(
                id: "broken", pipeline: "elsewhere", pipelineFile: "/nonexistent/pipeline.yaml", ruleSetVersion: "v",
                status: .queued, startedAt: Date()))
        try await store.enqueueDocuments(run: "broken", paths: [TestPaths.sample("arbeitsvertrag.docx")])

        var workerOptions = Worker.Options(workerExecutable: TestPaths.docketExecutable)
        workerOptions.jobs = 2
        workerOptions.lease = 2
        let worker = Worker(store: store, options: workerOptions)
        let working = Task { try await worker.run() }
        let deadline = Date().addingTimeInterval(60)
        while try await store.run(id: good)?.status != .completed && Date() < deadline {
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        worker.requestStop()
        try await working.value
        #expect(try await store.run(id: good)?.status == .completed)
        #expect(try await store.run(id: "broken")?.status == .running)  // still waiting for a worker that can read it
    }
}

/// A worker told to exit when idle does not leave a run that another worker was completing when
/// it died: it waits for that worker's lease to run out and completes the run itself.
@Suite struct WorkerIdleExitTests {
    @Test(.timeLimit(.minutes(2))) func aRunLeftCompletingByADeadWorkerIsCompletedBeforeExiting() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("completing-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let file = try WorkerTests.reviewPipeline("orphaned", endpoint: server.url, in: folder)
        let store = try await SQLRunStore(sqlite: folder.appendingPathComponent("docket.sqlite").path)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = store.location
        options.inputs = [TestPaths.sample("mutual-nda.pdf")]
        options.enqueueOnly = true
        let run = try await Runner(pipeline: try PipelineLoader.load(path: file.path), options: options).run().runID
        // As a worker killed while writing the run's outputs leaves it.
        #expect(try await store.completeRun(run, owner: "killed", lease: 3))

        var workerOptions = Worker.Options(workerExecutable: TestPaths.docketExecutable)
        workerOptions.jobs = 2
        workerOptions.lease = 5
        workerOptions.exitWhenIdle = true
        try await Worker(store: store, options: workerOptions).run()
        #expect(try await store.run(id: run)?.status == .completed)
    }
}

/// A second stop (a second SIGTERM) does not wait for a stalled endpoint: the requests in flight
/// are cancelled and their units given back, so the next worker takes them at once rather than
/// when their lease runs out, and none is marked failed.
@Suite struct WorkerStopTests {
    /// A queued run of one contract whose endpoint takes every request and never answers.
    func stalledRun(_ kind: StoreKind) async throws -> (store: RunStore, run: String, server: FaultServer) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("abandon-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let server = try FaultServer(mode: "stall", stall: 120)
        let file = try WorkerTests.reviewPipeline("stalled", endpoint: server.url, in: folder)
        let store = try await kind.open()
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = store.location
        options.inputs = [TestPaths.sample("mutual-nda.pdf")]
        options.enqueueOnly = true
        let run = try await Runner(pipeline: try PipelineLoader.load(path: file.path), options: options).run().runID
        return (store, run, server)
    }

    /// Waits until the endpoint holds two requests; their units.
    func twoInHand(_ server: FaultServer) async throws -> Set<String> {
        let deadline = Date().addingTimeInterval(90)
        while Set(server.requests.map(\.unit)).count < 2 && Date() < deadline {
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let inHand = Set(server.requests.map(\.unit))
        #expect(inHand.count == 2, "the worker never had two requests in flight")
        return inHand
    }

    func expectGivenBack(_ inHand: Set<String>, store: RunStore, run: String) async throws {
        let next = try await store.claimUnits(runs: [run], owner: "next", limit: 1000, lease: 60).map(\.unit.key)
        #expect(inHand.isSubset(of: Set(next)), "units in hand still held by the stopped worker")
        #expect(try await store.results(run: run).isEmpty)
        #expect(try await store.counts(run: run).failed == 0)
    }

    @Test(.timeLimit(.minutes(3)), arguments: StoreKind.available)
    func abandonedUnitsAreGivenBack(_ kind: StoreKind) async throws {
        let (store, run, server) = try await stalledRun(kind)
        var workerOptions = Worker.Options(workerExecutable: TestPaths.docketExecutable)
        workerOptions.jobs = 2
        workerOptions.lease = 60
        workerOptions.requestTimeout = 300
        let worker = Worker(store: store, options: workerOptions)
        let working = Task { try await worker.run() }
        let inHand = try await twoInHand(server)
        worker.requestStop()
        worker.abandonUnitsInHand()
        try await working.value
        try await expectGivenBack(inHand, store: store, run: run)
    }

    /// The same through `docket worker` and two SIGTERMs; it exits 0.
    @Test(.timeLimit(.minutes(3))) func aSecondSIGTERMGivesTheUnitsBack() async throws {
        let (store, run, server) = try await stalledRun(.sqlite)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = [
            "worker", "--store", store.location, "--jobs", "2", "--lease", "60", "--request-timeout", "300",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let inHand = try await twoInHand(server)
        kill(process.processIdentifier, SIGTERM)
        try await Task.sleep(nanoseconds: 300_000_000)
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(process.terminationStatus == 0)
        try await expectGivenBack(inHand, store: store, run: run)
    }
}

/// A worker killed while writing a finished run's outputs: the run was shown completed before its
/// reports existed, and no worker ever wrote them. Now the run stays completing under the dead
/// worker's lease; when it expires another worker writes the outputs and then completes the run.
@Suite struct WorkerCompletionTests {
    /// A queued run of one contract whose document was taken and finished by an ingester that
    /// planned nothing: no units, so the run is finished and waits for its completer.
    func finishedRun(_ kind: StoreKind) async throws -> (store: RunStore, run: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("completer-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = try WorkerTests.reviewPipeline("finished", endpoint: "http://127.0.0.1:9/v1", in: folder)
        let store = try await kind.open()
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = store.location
        options.inputs = [TestPaths.sample("mutual-nda.pdf")]
        options.enqueueOnly = true
        let run = try await Runner(pipeline: try PipelineLoader.load(path: file.path), options: options).run().runID
        #expect(try await store.claimDocuments(runs: [run], owner: "ingester", limit: 1, lease: 60).count == 1)
        try await store.completeDocument(run: run, path: TestPaths.sample("mutual-nda.pdf"), owner: "ingester")
        return (store, run, folder)
    }

    @Test(.timeLimit(.minutes(2)), arguments: StoreKind.available)
    func aDeadCompletersRunIsCompletedByAnother(_ kind: StoreKind) async throws {
        let (store, run, folder) = try await finishedRun(kind)
        // Its completer dies with an expired lease.
        try await store.markRunning(run)
        #expect(try await store.completeRun(run, owner: "dead", lease: -1))

        var workerOptions = Worker.Options(workerExecutable: TestPaths.docketExecutable)
        workerOptions.exitWhenIdle = true
        try await Worker(store: store, options: workerOptions).run()
        #expect(try await store.run(id: run)?.status == .completed)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/\(run)/reports/index.html"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/\(run)/run.json"))
    }

    /// A completer that fails to write the outputs (here a file stands where the run's folder
    /// goes) gives the completion back at once and tries again; it kept the lease alive for as long
    /// as it lived, and the run stayed completing.
    @Test(.timeLimit(.minutes(2))) func aCompleterThatCannotWriteTriesAgain() async throws {
        let (store, run, folder) = try await finishedRun(.sqlite)
        let blocker = folder.appendingPathComponent("out/\(run)")
        try? FileManager.default.removeItem(at: blocker)
        try FileManager.default.createDirectory(
            at: blocker.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: blocker)

        var workerOptions = Worker.Options(workerExecutable: TestPaths.docketExecutable)
        workerOptions.exitWhenIdle = true
        workerOptions.lease = 60
        let worker = Worker(store: store, options: workerOptions)
        let working = Task { try await worker.run() }
        // The first try fails; the completion is given back and the run is active again.
        let deadline = Date().addingTimeInterval(30)
        while try await !store.activeRuns().contains(where: { $0.id == run && $0.status == .completing })
            && Date() < deadline
        {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(try await store.run(id: run)?.status == .completing)
        try FileManager.default.removeItem(at: blocker)
        try await working.value
        #expect(try await store.run(id: run)?.status == .completed)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/\(run)/reports/index.html"))
    }
}
