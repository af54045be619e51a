import DocketAudit
import DocketInfer
import DocketIngest
import DocketRecords
import DocketReport
import DocketSpec
import DocketStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `docket worker`: takes work from a shared store — queued documents to ingest, pending units
/// to infer — under leases, for every active run (or those of the given pipelines). Any number of
/// workers on any number of machines share a run; one that dies loses its leases when they
/// expire and another takes its work over. The worker that finds a run finished completes it
/// and writes its results and reports.
public final class Worker: Service, Sendable {
    public struct Options: Sendable {
        public var owner = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
        /// Units in flight at once.
        public var jobs = 4
        /// Seconds a claim lasts without a heartbeat.
        public var lease: TimeInterval = 60
        /// Only runs of these pipelines (names); all when empty.
        public var pipelines: [String] = []
        /// Exit when no run is active (tests, batch jobs); otherwise wait for work.
        public var exitWhenIdle = false
        public var workerExecutable: String
        public var requestTimeout: TimeInterval = 120

        public init(workerExecutable: String) { self.workerExecutable = workerExecutable }
    }

    /// What a worker needs of a run, made once per run: the intake of its documents and the run of
    /// its units, which a local run uses too.
    struct RunContext {
        var intake: DocumentIntake
        var unitRun: UnitRun
        var records: DecisionRecords
        var engine: EmbeddedEngine?
        /// The run's output folder, where its documents' reports are written as they finish.
        var folder: String?
        /// What those reports need of the pipeline, read once.
        var outputs: RunOutputs
        /// Whether this worker's requests for the run have had no answer for the pipeline's `give_up_after`
        /// (`PipelineSpec.scheduledGiveUp` when it sets none: a worker is a service no one watches).
        var watch: GiveUpWatch
        /// The pipeline's name, for the metrics' labels.
        var pipeline: String
    }

    public let store: RunStore
    public let options: Options
    private let stopFlag = StopFlag()
    /// The runs' contexts; the slots, while `run` works (cancelled by `abandonUnitsInHand`); whether it was.
    private struct State {
        var contexts: [String: RunContext] = [:]
        var slots: Task<Void, Error>?
        var abandoned = false
    }
    private let state = Mutex(State())
    /// The extraction workers the slots borrow to read queued documents, shared by all runs.
    let extractionPool = ExtractionWorkerPool()
    /// What the worker did, with ids and counts: never document text.
    public let logger = Logger(label: "docket.worker")

    public init(store: RunStore, options: Options) {
        self.store = store
        self.options = options
    }

    /// Claims nothing new; the units in hand are finished.
    public func requestStop() { stopFlag.set() }

    /// Stops now: requests in flight are cancelled and their units given back to the store, so
    /// another worker takes them at once instead of when the lease expires (a second SIGTERM).
    public func abandonUnitsInHand() {
        stopFlag.set()
        state.withLock {
            $0.abandoned = true
            $0.slots?.cancel()
        }
    }

    /// Works until stopped: a service group's graceful shutdown (SIGTERM) finishes the units in
    /// hand and claims nothing new; cancellation gives them back.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await work()
        } onGracefulShutdown: {
            self.requestStop()
        }
    }

    private func work() async throws {
        let owner = options.owner, lease = options.lease, store = store
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(lease / 3 * 1e9))
                try? await store.renewLeases(owner: owner, lease: lease)
            }
        }
        let memory = FreeMemoryReturn.keep()
        defer {
            memory.cancel()
            heartbeat.cancel()
            state.withLock { $0.contexts.values.forEach { $0.engine?.stop() } }
            extractionPool.stopAll()
        }
        let jobs = max(1, options.jobs)
        let slots = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<jobs { group.addTask { try await self.slot() } }
                try await group.waitForAll()
            }
        }
        let cancelNow = state.withLock {
            $0.slots = slots
            return $0.abandoned
        }
        // Abandoned before the slots existed; a cancelled slot returns, it does not throw.
        if cancelNow { slots.cancel() }
        try await slots.value
    }

    /// One slot: claims a unit (or, with none, a document), works on it, and again. A failure
    /// (the store unreachable for a moment, a run whose pipeline file this machine lacks) is
    /// logged and the slot goes on after a pause: its claims expire and others take them.
    func slot() async throws {
        while !stopFlag.isSet && !Task.isCancelled {
            do {
                if try await step() == .idleAndDone { return }
            } catch {
                if Task.isCancelled { return }
                logger.warning("a slot failed; retrying in 5 s", metadata: ["error": "\(error)"])
                try await Task.sleep(nanoseconds: 5_000_000_000)
            }
        }
    }

    enum Step { case worked, waited, idleAndDone }

    func step() async throws -> Step {
        let runs = try await store.activeRuns().filter {
            options.pipelines.isEmpty || options.pipelines.contains($0.pipeline)
        }
        if runs.isEmpty {
            if options.exitWhenIdle, try await !othersAreCompleting() { return .idleAndDone }
            try await Task.sleep(nanoseconds: 1_000_000_000)
            return .waited
        }
        let ids = runs.map(\.id)
        // A queued run shows as running once a worker takes it up.
        for run in runs where run.status == .queued { try await store.markRunning(run.id) }
        if let (run, unit) = try await store.claimUnits(runs: ids, owner: options.owner, limit: 1, lease: options.lease)
            .first
        {
            let context = try await context(for: run)
            let stopFlag = self.stopFlag
            await context.unitRun.execute(unit, stopped: { stopFlag.isSet })
            if await context.watch.takeExpiry() { try await giveUp(run, context: context) }
            // Cancelled: the unit has no result and stays pending; it is given back for the next worker.
            if Task.isCancelled { try await store.releaseUnit(key: unit.key, owner: options.owner) }
            // The document's last unit: its report is written now, not when the whole run is done.
            if !stopFlag.isSet, let folder = context.folder,
                try await !store.hasPendingUnits(run: run, document: unit.documentSHA256)
            {
                try? await ReportWriter.writeDocument(
                    store: store, run: run, sha256: unit.documentSHA256, folder: folder, outputs: context.outputs)
            }
            return .worked
        }
        if let (run, path) = try await store.claimDocuments(
            runs: ids, owner: options.owner, limit: 1, lease: options.lease
        )
        .first {
            let context = try await context(for: run)
            try await context.intake.ingest(path: path, run: run, records: context.records)
            try await store.completeDocument(run: run, path: path, owner: options.owner)
            return .worked
        }
        for run in runs where try await store.isFinished(run: run.id) {
            try await complete(run)
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        return .waited
    }

    /// Whether another worker is writing a run's outputs under its lease. A worker told to exit
    /// when idle waits for it: were that worker killed on the way, the run would otherwise stay
    /// unfinished until some worker started again after its lease ran out.
    func othersAreCompleting() async throws -> Bool {
        try await store.runs().contains {
            $0.status == .completing && (options.pipelines.isEmpty || options.pipelines.contains($0.pipeline))
        }
    }

    func context(for runID: String) async throws -> RunContext {
        if let context = state.withLock({ $0.contexts[runID] }) { return context }
        guard let record = try await store.run(id: runID) else {
            throw StoreError(message: "run \(runID) is not in the store")
        }
        let pipeline = try PipelineLoader.load(path: record.pipelineFile)
        let engine = try await EngineHost.start(
            for: pipeline.endpoints.first(where: \.isEmbedded),
            logFile: (try RunFolder.path(pipeline: pipeline, run: runID) as NSString)
                .appendingPathComponent("engine-\(getpid()).log"))
        let records = DecisionRecords(run: runID, masker: Masker(taxonomy: pipeline.classification))
        let defaults = RunOptions(workerExecutable: options.workerExecutable)
        let planner = DecisionPlanner(pipeline: pipeline), factory = UnitFactory(pipeline: pipeline)
        let watch = GiveUpWatch(limit: pipeline.giveUpAfter ?? PipelineSpec.scheduledGiveUp)
        let events = RunEvents(observers: [MetricsObserver(pipeline: pipeline.name), watch])
        let context = RunContext(
            intake: DocumentIntake(
                pipeline: pipeline, store: store, planner: planner, factory: factory, submittedHashes: [:],
                workerExecutable: options.workerExecutable, events: events, extractionPool: extractionPool),
            unitRun: try UnitRun(
                pipeline: pipeline, planner: planner, endpoints: pipeline.endpoints, engine: engine, store: store,
                records: records, taskDigests: factory.taskDigests,
                lease: WorkerLease(owner: options.owner, seconds: options.lease),
                timeouts: (options.requestTimeout, defaults.connectTimeout), retry: defaults.retry, events: events),
            records: records, engine: engine, folder: try? RunFolder.path(pipeline: pipeline, run: runID),
            outputs: RunOutputs(pipeline: pipeline), watch: watch,
            pipeline: pipeline.name)
        return state.withLock {
            if let existing = $0.contexts[runID] {
                engine?.stop()
                return existing
            }
            $0.contexts[runID] = context
            return context
        }
    }

    /// No endpoint has answered this worker's requests for the run for its `give_up_after`: the run's pending
    /// units fail as `no-endpoint` (as a local run's do), so that the run completes with its reports instead of
    /// waiting for ever; `docket_runs_given_up_total` counts it. Units documents still to be read bring are tried
    /// again, and given up on after the same silence.
    func giveUp(_ run: String, context: RunContext) async throws {
        let limit = context.watch.limit
        try await GiveUpWatch.giveUp(run: run, pipeline: context.pipeline, limit: limit, store: store)
        logger.warning("gave up: no endpoint answered", metadata: ["run": "\(run)", "seconds": "\(Int(limit))"])
    }

    /// The one worker whose update marks the run completing writes its outputs, and only then marks
    /// it completed: a completer killed on the way loses its lease and another writes them.
    func complete(_ run: RunRecord) async throws {
        guard try await store.completeRun(run.id, owner: options.owner, lease: options.lease) else { return }
        do {
            try await writeOutputs(run)
        } catch {
            // Given back at once, for the next try (this worker's or another's): the heartbeat would
            // otherwise renew a completion this worker no longer attempts.
            _ = try? await store.completeRun(run.id, owner: options.owner, lease: -1)
            throw error
        }
    }

    func writeOutputs(_ run: RunRecord) async throws {
        let counts = try await store.counts(run: run.id)
        let folder = try RunFolder.path(pipeline: try PipelineLoader.load(path: run.pipelineFile), run: run.id)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Tokens of the results the run shows, by endpoint (stage timings are not known across workers).
        let tokens = try await store.tokens(run: run.id)
        var summary = RunSummary(
            runID: run.id, counts: counts, interrupted: false, outputFolder: folder,
            seconds: Date().timeIntervalSince(run.startedAt),
            promptTokens: tokens.values.map(\.prompt).reduce(0, +),
            completionTokens: tokens.values.map(\.completion).reduce(0, +),
            stageSeconds: StageSeconds(), tokensByEndpoint: tokens,
            auditHead: try await store.auditHeads().first { $0.run == run.id }?.hash)
        if counts.failed > 0 { summary.gaveUp = try await GiveUpWatch.gaveUp(run: run.id, store: store) }
        try await RunFinish.finish(run.id, status: .completed, summary: summary, folder: folder, store: store)
        logger.notice(
            "run completed",
            metadata: [
                "run": "\(run.id)", "done": "\(counts.done)", "units": "\(counts.units)", "failed": "\(counts.failed)",
                "held": "\(counts.held)",
            ])
    }
}
