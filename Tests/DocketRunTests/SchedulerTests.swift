import DocketTestSupport
import Foundation
import GRDB
import Testing

@testable import DocketAudit
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// A clock the test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date
    init(_ start: Date) { now = start }
    func read() -> Date { lock.withLock { now } }
    func advance(_ seconds: TimeInterval) { lock.withLock { now = now.addingTimeInterval(seconds) } }
    func set(_ date: Date) { lock.withLock { now = date } }
}

/// Launches recorded by the scheduler: when, and over which files.
final class LaunchLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var entries: [(at: Date, files: [String], resume: String?)] = []
    private var running = 0
    private(set) var mostAtOnce = 0
    func add(_ at: Date, _ files: [String], _ resume: String?) { lock.withLock { entries.append((at, files, resume)) } }
    func enter() {
        lock.withLock {
            running += 1; mostAtOnce = max(mostAtOnce, running)
        }
    }
    func leave() { lock.withLock { running -= 1 } }
    var count: Int { lock.withLock { entries.count } }
}

@Suite struct SchedulerTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID())")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        return url
    }

    func pipeline(_ folder: URL, schedule: String) throws -> PipelineSpec {
        try PipelineLoader.parse(
            """
            name: nightly
            inputs: [{ folder: \(folder.path)/inbox }]
            output: \(folder.path)/out
            schedule: \(schedule)
            classification: { levels: [internal, restricted], default: internal }
            endpoints:
              local: { engine: embedded, sovereignty: self-hosted, clearance: restricted, context_tokens: 8192 }
            routing: [{ use: [local] }]
            """, file: folder.appendingPathComponent("pipeline.yaml").path)
    }

    func drop(_ name: String, into folder: URL) throws {
        try FileManager.default.copyItem(
            atPath: TestPaths.sample(name), toPath: folder.appendingPathComponent("inbox/\(name)").path)
    }

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A scheduler whose runs are only recorded.
    func recording(_ spec: PipelineSpec, clock: TestClock, log: LaunchLog, store: RunStore) -> Scheduler {
        Scheduler(entries: [.init(pipeline: spec, store: store)], clock: { clock.read() }) { _, _, files, _, start in
            log.add(clock.read(), files, start.resumes ? start.id : nil)
            return "run-\(log.count)"
        }
    }

    @Test func theLoopRunsExactlyTheRunsThatAreDue() async throws {
        let folder = try folder()
        try drop("mutual-nda.pdf", into: folder)
        let spec = try pipeline(folder, schedule: "{ cron: \"0 2 * * *\", time_zone: Europe/Berlin }")
        let clock = TestClock(date("2026-11-25T12:00:00Z")), log = LaunchLog()
        let scheduler = recording(
            spec, clock: clock, log: log, store: try await SQLRunStore(sqlite: folder.path + "/store.sqlite"))
        for _ in 0..<(3 * 24 * 6) {  // three days, a tick every 10 minutes
            _ = await scheduler.tick()
            clock.advance(600)
        }
        // 02:00 in Berlin is 01:00 UTC in November: one run each night, at the first tick at or after it.
        #expect(
            log.entries.map { AuditRecord.timestamp($0.at) } == [
                "2026-11-26T01:00:00.000Z", "2026-11-27T01:00:00.000Z", "2026-11-28T01:00:00.000Z",
            ])
    }

    @Test func afterDowntimeAMissedRunIsCaughtUpOnceNotOncePerSlot() async throws {
        let folder = try folder()
        try drop("mutual-nda.pdf", into: folder)
        let spec = try pipeline(folder, schedule: "\"0 * * * *\"")  // hourly
        let clock = TestClock(date("2026-11-25T12:30:00Z")), log = LaunchLog()
        let scheduler = recording(
            spec, clock: clock, log: log, store: try await SQLRunStore(sqlite: folder.path + "/store.sqlite"))
        #expect(await scheduler.tick()["nightly"] == .notDue)  // a new schedule waits for its first slot
        clock.set(date("2026-11-28T09:10:00Z"))  // down for 69 slots
        #expect(await scheduler.tick()["nightly"] == .ran(runID: "run-1", files: 1))
        clock.advance(60)
        #expect(await scheduler.tick()["nightly"] == .notDue)
        clock.set(date("2026-11-28T10:00:00Z"))
        _ = await scheduler.tick()
        #expect(log.count == 2)
    }

    @Test(.timeLimit(.minutes(2))) func aFileAddedToAWatchedFolderIsPickedUpOnce() async throws {
        let folder = try folder()
        try drop("mutual-nda.pdf", into: folder)
        let spec = try pipeline(folder, schedule: "\"* * * * *\"")
        let store = try await SQLRunStore(sqlite: folder.path + "/store.sqlite")
        let clock = TestClock(Date())
        // Real runs (extraction and planning; nothing to send: the pipeline has no tasks).
        let scheduler = Scheduler(entries: [.init(pipeline: spec, store: store)], clock: { clock.read() }) {
            pipeline, store, files, _, start in
            var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
            options.storePath = (store as! SQLRunStore).location
            options.inputs = files
            options.runID = start.id
            return try await Runner(pipeline: pipeline, options: options).run(resume: start.resumes).runID
        }
        var outcomes: [Scheduler.Outcome] = []
        for step in 0..<5 {
            if step == 3 { try drop("arbeitsvertrag.docx", into: folder) }
            outcomes.append(await scheduler.tick()["nightly"]!)
            clock.advance(61)
        }
        let ran = outcomes.compactMap { outcome -> Int? in
            if case .ran(_, let files) = outcome { return files } else { return nil }
        }
        #expect(outcomes[0] == .notDue)
        #expect(ran == [1, 1], "\(outcomes)")  // the first file once, the added one once
        #expect(outcomes[2] == .nothingNew && outcomes[4] == .nothingNew)
        var documents: [String] = []
        for run in try await store.runs() { documents += try await store.runDocuments(run: run.id).map(\.path) }
        #expect(
            documents.map { ($0 as NSString).lastPathComponent }.sorted() == ["arbeitsvertrag.docx", "mutual-nda.pdf"])
    }

    /// Submission "s-1" of the sample NDA to the pipeline "nightly"; the file's path.
    static func submitSample(to store: SQLRunStore, by person: String) async throws -> String {
        let path = TestPaths.sample("mutual-nda.pdf")
        try await store.addSubmission(
            Submission(
                id: "s-1", pipeline: "nightly", folder: TestPaths.sampleDocuments.path, submittedBy: person,
                note: nil, submittedAt: Date(), files: [(path, try ContentHash.sha256(ofFile: path))]))
        return path
    }

    @Test func aSubmissionMakesThePipelineDueAndIsMarkedWithItsRun() async throws {
        let folder = try folder()
        let spec = try pipeline(folder, schedule: "\"0 2 * * *\"")
        let store = try await SQLRunStore(sqlite: folder.path + "/store.sqlite")
        let path = try await Self.submitSample(to: store, by: "Anna")
        let clock = TestClock(date("2026-11-25T12:00:00Z")), log = LaunchLog()
        let outcome = await recording(spec, clock: clock, log: log, store: store).tick()["nightly"]
        #expect(outcome == .ran(runID: "run-1", files: 1))
        #expect(log.entries.first?.files == [path])
        let submission = try #require(try await store.submissions(pipeline: "nightly").first)
        #expect(submission.status == .done && submission.runID == "run-1")
    }

    /// While its run runs, a submission already names it: the submitter's list and progress find their run
    /// then, not only once it has ended.
    @Test func aSubmissionNamesItsRunWhileItRuns() async throws {
        let folder = try folder()
        let spec = try pipeline(folder, schedule: "\"0 2 * * *\"")
        let store = try await SQLRunStore(sqlite: folder.path + "/store.sqlite")
        _ = try await Self.submitSample(to: store, by: "account:a1 anna")
        let seen = LaunchLog()
        let scheduler = Scheduler(entries: [.init(pipeline: spec, store: store)]) { _, store, _, _, start in
            // What the workspace reads while the run runs.
            let submission = try await store.submission(id: "s-1")
            let own = try await store.runs(handedInBy: "a1")
            seen.add(Date(), [submission?.status.rawValue ?? "", submission?.runID ?? ""] + own.sorted(), start.id)
            return start.id
        }
        guard case .ran(let run, _) = await scheduler.tick()["nightly"] else {
            Issue.record("the submission did not start a run")
            return
        }
        #expect(seen.entries.first?.files == ["running", run, run])
        #expect(try await store.submission(id: "s-1")?.runID == run)
    }

    /// A submission that need not start at once waits for the pipeline's next scheduled run and joins it.
    @Test func aSubmissionThatMayWaitJoinsTheNextScheduledRun() async throws {
        let folder = try folder()
        let spec = try pipeline(folder, schedule: "\"0 2 * * *\"")
        let store = try await SQLRunStore(sqlite: folder.path + "/store.sqlite")
        let path = TestPaths.sample("mutual-nda.pdf")
        var submission = Submission(
            id: "s-1", pipeline: "nightly", folder: TestPaths.sampleDocuments.path, submittedBy: "Anna",
            note: nil, submittedAt: Date(), files: [(path, try ContentHash.sha256(ofFile: path))])
        submission.startNow = false
        try await store.addSubmission(submission)
        #expect(try await store.submissions(pipeline: "nightly").first?.startNow == false)
        let clock = TestClock(date("2026-11-25T12:00:00Z")), log = LaunchLog()
        let scheduler = recording(spec, clock: clock, log: log, store: store)
        #expect(await scheduler.tick()["nightly"] == .notDue)  // the first look sets the next slot, 02:00
        clock.set(date("2026-11-25T18:00:00Z"))
        #expect(await scheduler.tick()["nightly"] == .notDue)
        #expect(log.count == 0)
        clock.set(date("2026-11-26T02:00:30Z"))
        #expect(await scheduler.tick()["nightly"] == .ran(runID: "run-1", files: 1))
        #expect(log.entries.first?.files == [path])
    }

    @Test func interruptedRunsAreResumedOnStart() async throws {
        let folder = try folder()
        let spec = try pipeline(folder, schedule: "\"0 2 * * *\"")
        let store = try await SQLRunStore(sqlite: folder.path + "/store.sqlite")
        try await store.createRun(
            RunRecord(
                id: "r-old", pipeline: "nightly", pipelineFile: spec.file, ruleSetVersion: "v", status: .interrupted,
                startedAt: Date()))
        try await store.createRun(
            RunRecord(
                id: "r-done", pipeline: "nightly", pipelineFile: spec.file, ruleSetVersion: "v", status: .completed,
                startedAt: Date()))
        let log = LaunchLog()
        _ = await recording(spec, clock: TestClock(Date()), log: log, store: store).resumeInterrupted()
        #expect(log.entries.map(\.resume) == ["r-old"])
    }

    @Test func aHeldLockBlocksOthersUntilItsHolderIsGoneOrStale() async throws {
        let folder = try folder()
        let store = try await SQLRunStore(sqlite: folder.path + "/store.sqlite")
        let first = LockHolder(id: "a", host: "h1", pid: getpid()), second = LockHolder(id: "b", host: "h2", pid: 1)
        #expect(try await store.acquireLock(pipeline: "p", holder: first, staleAfter: 120))
        await #expect(try !store.acquireLock(pipeline: "p", holder: second, staleAfter: 120))
        // A heartbeat older than staleAfter: its holder crashed or hangs.
        try await DatabaseQueue(path: store.location).write {
            try $0.execute(sql: "UPDATE locks SET heartbeat = ?", arguments: [Date().addingTimeInterval(-600)])
        }
        #expect(try await store.acquireLock(pipeline: "p", holder: second, staleAfter: 120))
        // A holder on this host whose process is gone: taken over at once.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let dead = LockHolder(id: "c", host: ProcessInfo.processInfo.hostName, pid: process.processIdentifier)
        try await store.releaseLock(pipeline: "p", holder: second)
        #expect(try await store.acquireLock(pipeline: "p", holder: dead, staleAfter: 120))
        #expect(
            try await store.acquireLock(
                pipeline: "p", holder: LockHolder(id: "d", host: dead.host, pid: getpid()), staleAfter: 120))
    }

    // The limit guards against a hang only: under CI's parallel load the cooperative pool's two threads are
    // shared with heavier suites, and this test's four ticks took 112-138 s there (one run over 60 s failed).
    @Test(.timeLimit(.minutes(5))) func twoSchedulersOnOneStoreNeverRunAPipelineAtOnce() async throws {
        let folder = try folder()
        try drop("mutual-nda.pdf", into: folder)
        let spec = try pipeline(folder, schedule: "\"* * * * *\"")
        let clock = TestClock(date("2026-11-25T12:00:30Z")), log = LaunchLog()
        func scheduler(_ id: String) async throws -> Scheduler {
            Scheduler(
                entries: [.init(pipeline: spec, store: try await SQLRunStore(sqlite: folder.path + "/store.sqlite"))],
                holder: LockHolder(id: id, host: "h-\(id)", pid: 1), clock: { clock.read() }
            ) { _, _, files, _, _ in
                log.enter()
                defer { log.leave() }
                log.add(clock.read(), files, nil)
                try await Task.sleep(nanoseconds: 1_000_000_000)
                return "run"
            }
        }
        let a = try await scheduler("a"), b = try await scheduler("b")
        _ = await a.tick()  // registers the schedule
        var locked = 0
        for _ in 0..<4 {
            clock.advance(60)
            async let first = a.tick()
            async let second = b.tick()
            let outcomes = await [first["nightly"], second["nightly"]]
            locked += outcomes.filter { $0 == .locked }.count
        }
        #expect(log.mostAtOnce == 1)
        #expect(log.count >= 4 && locked >= 1)
    }
}
