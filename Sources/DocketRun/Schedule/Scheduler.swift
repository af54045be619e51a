import DocketModel
import DocketRecords
import DocketSpec
import DocketStore
import Foundation

/// `docket serve`: runs each pipeline when its schedule is due or a submission waits for it,
/// over the new or changed files of its watched inboxes (its `inputs`) and the submitted files.
/// One run per pipeline at a time, across processes and machines sharing the store (a lock with
/// a heartbeat; a crashed holder's lock goes stale). After downtime a missed slot is caught up
/// once, not once per slot missed. The clock and the run are injected, for tests.
public final class Scheduler: @unchecked Sendable {
    // @unchecked: `staleAfter` is set once, before the first tick; the rest is immutable.
    public struct Entry: Sendable {
        public var pipeline: PipelineSpec
        public var store: RunStore

        public init(pipeline: PipelineSpec, store: RunStore) {
            self.pipeline = pipeline
            self.store = store
        }
    }

    /// What one pipeline did in one tick.
    public enum Outcome: Sendable, Equatable {
        case notDue
        /// Another process holds the pipeline's lock.
        case locked
        /// Due, but no file is new or changed and no submission waits.
        case nothingNew
        case ran(runID: String, files: Int)
        case resumed(runID: String)
        case failed(String)
    }

    /// The run a launch starts: a new one under the id the scheduler chose, which its submissions carry from
    /// the start (their submitters follow it while it runs), or an unfinished one to resume.
    public enum RunStart: Sendable, Equatable {
        case new(id: String)
        case resume(id: String)

        public var id: String {
            switch self {
            case .new(let id), .resume(let id): id
            }
        }

        public var resumes: Bool { if case .resume = self { true } else { false } }
    }

    /// Starts (or resumes) a run of `pipeline` over `files`; returns its id. `submitted` holds the hash each
    /// submitted file had when it was submitted, which the run checks against the bytes it reads.
    public typealias Launch =
        @Sendable (
            _ pipeline: PipelineSpec, _ store: RunStore, _ files: [String],
            _ submitted: [String: String], _ start: RunStart
        ) async throws -> String

    public let entries: [Entry]
    /// Each store the pipelines use, once (for the gauges of what waits in it).
    public var distinctStores: [RunStore] {
        var seen: Set<String> = []
        return entries.map(\.store).filter { seen.insert($0.location).inserted }
    }
    public let holder: LockHolder
    public var staleAfter: TimeInterval = 120
    private let clock: @Sendable () -> Date
    private let launch: Launch

    public init(
        entries: [Entry], holder: LockHolder = .current(), clock: @escaping @Sendable () -> Date = { Date() },
        launch: @escaping Launch
    ) {
        self.entries = entries
        self.holder = holder
        self.clock = clock
        self.launch = launch
    }

    /// The reruns reviewers asked for in the workspace, on each store once (pipelines may share one).
    public func performReruns() async -> [(id: String, problem: String?)] {
        var seen = Set<String>()
        var outcomes: [(id: String, problem: String?)] = []
        for entry in entries where seen.insert(entry.store.location).inserted {
            outcomes += await QueuedRerun.performQueued(store: entry.store)
        }
        return outcomes
    }

    /// Resumes the runs a stop or a crash left unfinished, each under its pipeline's lock.
    public func resumeInterrupted() async -> [String: Outcome] {
        var outcomes: [String: Outcome] = [:]
        for entry in entries {
            let name = entry.pipeline.name
            guard
                let runs = try? await entry.store.runs().filter({
                    $0.pipeline == name && ($0.status == .running || $0.status == .interrupted)
                }),
                !runs.isEmpty
            else { continue }
            outcomes[name] = await locked(entry) {
                var last = Outcome.notDue
                for run in runs {
                    do {
                        last = .resumed(
                            runID: try await self.launch(entry.pipeline, entry.store, [], [:], .resume(id: run.id)))
                    } catch { last = .failed("\(error)") }
                }
                return last
            }
        }
        return outcomes
    }

    /// Looks at every pipeline once and runs those that are due.
    public func tick() async -> [String: Outcome] {
        var outcomes: [String: Outcome] = [:]
        for entry in entries { outcomes[entry.pipeline.name] = await tick(entry) }
        return outcomes
    }

    func tick(_ entry: Entry) async -> Outcome {
        let name = entry.pipeline.name, store = entry.store, now = clock()
        do {
            let pending = try await store.submissions(pipeline: name, statuses: [.pending], withFiles: true)
            var scheduleDue = false
            if let cron = entry.pipeline.schedule {
                if let due = try await store.nextDue(pipeline: name) {
                    scheduleDue = now >= due
                } else {
                    // A new schedule waits for its first slot.
                    try await store.setNextDue(pipeline: name, cron.next(after: now))
                }
            }
            // A submission that may wait joins the next scheduled run; without a schedule none would come.
            let startsNow = pending.contains { $0.startNow } || (entry.pipeline.schedule == nil && !pending.isEmpty)
            guard scheduleDue || startsNow else { return .notDue }
            let wasDue = scheduleDue
            return await locked(entry) {
                let outcome = await self.run(entry, pending: pending)
                // Due again at the next slot however the run ended.
                if wasDue, let cron = entry.pipeline.schedule {
                    try? await store.setNextDue(pipeline: name, cron.next(after: self.clock()))
                }
                return outcome
            }
        } catch {
            return .failed("\(error)")
        }
    }

    /// Runs the pipeline over its new files and submissions, holding its lock.
    func run(_ entry: Entry, pending: [Submission]) async -> Outcome {
        let store = entry.store
        do {
            let files = try await newFiles(entry, submissions: pending)
            guard !files.isEmpty else {
                try await store.markSubmissions(pending.map(\.id), status: .done, run: nil)
                return .nothingNew
            }
            // The run's id is on its submissions before it starts: a submitter sees their run while it runs.
            let id = Runner.newRunID()
            try await store.markSubmissions(pending.map(\.id), status: .running, run: id)
            var submitted: [String: String] = [:]
            for file in pending.flatMap(\.files) { submitted[file.path] = file.sha256 }
            let run = try await launch(entry.pipeline, store, files, submitted, .new(id: id))
            try await store.markSubmissions(pending.map(\.id), status: .done, run: run)
            return .ran(runID: run, files: files.count)
        } catch {
            try? await store.markSubmissions(pending.map(\.id), status: .pending, run: nil)
            return .failed("\(error)")
        }
    }

    /// The watched inboxes' files whose content no completed run of the pipeline has read, and
    /// every submitted file (a submission asks for its files, read before or not).
    func newFiles(_ entry: Entry, submissions: [Submission]) async throws -> [String] {
        let seen = try await entry.store.processedHashes(pipeline: entry.pipeline.name)
        var files: [String] = [], hashes = Set<String>()
        for submission in submissions {
            for file in submission.files where hashes.insert(file.sha256).inserted { files.append(file.path) }
        }
        for path in try InputCollector.files(pipeline: entry.pipeline, overrides: []) {
            // A file that cannot be hashed goes to the run, which reports why.
            guard let sha = try? ContentHash.sha256(ofFile: path) else { files.append(path); continue }
            if !seen.contains(sha) && hashes.insert(sha).inserted { files.append(path) }
        }
        return files
    }

    /// Runs `body` holding the pipeline's lock; `.locked` when another process holds it.
    func locked(_ entry: Entry, _ body: @escaping @Sendable () async -> Outcome) async -> Outcome {
        do {
            return try await PipelineLock.with(
                entry.pipeline.name, store: entry.store, holder: holder, staleAfter: staleAfter, body) ?? .locked
        } catch {
            return .failed("the lock could not be taken: \(error)")
        }
    }
}
