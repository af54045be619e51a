import DocketAudit
import DocketDecide
import DocketInfer
import DocketIngest
import DocketModel
import DocketRecords
import DocketReport
import DocketSpec
import DocketStore
import Foundation

/// Runs a pipeline: ingest → chunk, classify, route → infer → record, as a pipeline of stages
/// with bounded hand-overs, so OCR of the next document overlaps inference on the previous one.
/// Every stage writes to the store before the next relies on it: a `kill -9` at any moment loses
/// nothing, and `docket resume` (or a new run over the same folder) redoes only unfinished work.
public final class Runner: Sendable {
    public let pipeline: PipelineSpec
    public let options: RunOptions
    public let store: RunStore
    private let planner: DecisionPlanner
    private let stopFlag = StopFlag()
    /// Set when no endpoint answered for `give_up_after`.
    private let gaveUp = StopFlag()
    /// Observers of the run's events (the CLI's progress line); the run's own tallies come first.
    private let observers: [any RunObserver]

    public init(pipeline: PipelineSpec, options: RunOptions, observers: [any RunObserver] = []) async throws {
        self.pipeline = pipeline
        self.options = options
        self.store = try await StoreFactory.open(
            options.storePath ?? StoreFactory.location(explicit: nil, pipeline: pipeline)!, durable: options.durable)
        self.planner = DecisionPlanner(pipeline: pipeline)
        self.observers = observers
    }

    /// Asks the run to stop taking new work (Ctrl-C, SIGTERM); requests in flight may finish
    /// within `options.drainSeconds`.
    public func requestStop() { stopFlag.set() }

    public static func newRunID() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date()) + "-" + String(UUID().uuidString.prefix(6)).lowercased()
    }

    public func run(resume: Bool = false) async throws -> RunSummary {
        let started = Date()
        let runID = options.runID ?? Self.newRunID()
        let folder = try RunFolder.path(pipeline: pipeline, run: runID)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try await store.createRun(
            RunRecord(
                id: runID, pipeline: pipeline.name, pipelineFile: pipeline.file,
                ruleSetVersion: planner.router.ruleSetVersion, status: .running, startedAt: started,
                outputFolder: folder))
        if let days = pipeline.audit.retentionDays {
            _ = try await store.pruneAudit(before: started.addingTimeInterval(-Double(days) * 86_400))
        }
        let records = DecisionRecords(run: runID, masker: Masker(taxonomy: pipeline.classification))
        if resume { try await store.resetFailed(run: runID) }
        let files = try InputCollector.files(pipeline: pipeline, overrides: options.inputs)
        if options.enqueueOnly {
            // For `docket worker`s: the run and its documents are recorded; nothing is read or sent here.
            try await store.createRun(
                RunRecord(
                    id: runID, pipeline: pipeline.name, pipelineFile: pipeline.file,
                    ruleSetVersion: planner.router.ruleSetVersion,
                    status: .queued, startedAt: started, outputFolder: folder))
            try await store.enqueueDocuments(run: runID, paths: Array(files))
            return await RunSummary(
                runID: runID, counts: try store.counts(run: runID), interrupted: false, outputFolder: folder,
                seconds: 0,
                promptTokens: 0, completionTokens: 0, stageSeconds: StageSeconds(), tokensByEndpoint: [:],
                auditHead: nil)
        }

        let memory = FreeMemoryReturn.keep()
        defer { memory.cancel() }
        let tally = Tally()
        let giveUpAfter = options.giveUpAfter ?? pipeline.giveUpAfter
        let watch = giveUpAfter.map { GiveUpWatch(limit: $0) }
        let events = RunEvents(
            observers: [tally, MetricsObserver(pipeline: pipeline.name)] + (watch.map { [$0] } ?? []) + observers)
        await events.publish(.started(run: runID))
        let factory = UnitFactory(pipeline: pipeline)
        let intake = DocumentIntake(
            pipeline: pipeline, store: store, planner: planner, factory: factory,
            submittedHashes: options.submittedHashes, workerExecutable: options.workerExecutable, events: events)
        let queue = UnitQueue(capacity: max(256, 8 * options.jobs))
        let inFlight = DocumentsInFlight()
        var engine: EmbeddedEngine?
        async let engineStart: EmbeddedEngine? =
            options.dryRun
            ? nil
            : EngineHost.start(
                for: pipeline.endpoints.first { $0.isEmbedded },
                logFile: (folder as NSString).appendingPathComponent("engine.log"))

        let producer = Task {
            try await self.produce(
                files: files, run: runID, queue: queue, inFlight: inFlight, intake: intake, records: records)
        }
        do {
            engine = try await engineStart
        } catch {
            producer.cancel()
            await queue.close(dropPending: true)
            _ = try? await producer.value
            try await store.finishRun(id: runID, status: .failed)
            throw error
        }
        defer { engine?.stop() }

        if !options.dryRun {
            let unitRun = try UnitRun(
                pipeline: pipeline, planner: planner, endpoints: pipeline.endpoints, engine: engine, store: store,
                records: records, taskDigests: factory.taskDigests,
                timeouts: (options.requestTimeout, options.connectTimeout), retry: options.retry, events: events)
            let jobs = max(1, options.jobs)
            let stopFlag = self.stopFlag
            let store = self.store
            let outputs = RunOutputs(pipeline: pipeline)
            let work = Task {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<jobs {
                        group.addTask {
                            while let unit = await queue.next() {
                                await unitRun.execute(unit, stopped: { stopFlag.isSet })
                                // A document's report is written when its last unit is done, during the run.
                                if await inFlight.finished(document: unit.documentSHA256), !stopFlag.isSet {
                                    try? await ReportWriter.writeDocument(
                                        store: store, run: runID, sha256: unit.documentSHA256, folder: folder,
                                        outputs: outputs)
                                }
                            }
                        }
                    }
                }
            }
            // After a stop: take no new units; requests in flight get `drainSeconds`, then are cancelled.
            let drain = options.drainSeconds
            let watchdog = Task {
                await stopFlag.wait()
                if Task.isCancelled { return }
                await queue.close(dropPending: true)
                try? await Task.sleep(nanoseconds: UInt64(drain * 1e9))
                if !Task.isCancelled { work.cancel() }
            }
            // No endpoint answering for `give_up_after`: stop now, without a drain; nothing would come back.
            let gaveUp = self.gaveUp
            let giveUp = Task {
                guard let watch else { return }
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: 500_000_000)
                    guard await watch.expired else { continue }
                    gaveUp.set()
                    stopFlag.set()
                    await queue.close(dropPending: true)
                    work.cancel()
                    return
                }
            }
            await work.value
            watchdog.cancel()
            giveUp.cancel()
        }
        try await producer.value
        if gaveUp.isSet, let giveUpAfter {
            try await GiveUpWatch.giveUp(run: runID, pipeline: pipeline.name, limit: giveUpAfter, store: store)
        }
        let interrupted = stopFlag.isSet && !gaveUp.isSet
        let tokens = await tally.tokens
        var summary = await RunSummary(
            runID: runID, counts: try store.counts(run: runID), interrupted: interrupted, outputFolder: folder,
            seconds: Date().timeIntervalSince(started), promptTokens: tokens.prompt,
            completionTokens: tokens.completion,
            stageSeconds: await tally.stageSeconds(since: started), tokensByEndpoint: await tally.byEndpoint,
            auditHead: try store.auditHeads().first { $0.run == runID }?.hash,
            promptTokensSkipped: await tally.promptTokensSkipped, promptTokensLimited: await tally.promptTokensLimited)
        summary.gaveUp = gaveUp.isSet
        summary.ungroundedAnswers = try await RunFinish.finish(
            runID, status: interrupted ? .interrupted : .completed, summary: summary, folder: folder, store: store)
        return summary
    }

    // MARK: Stages

    /// Ingests the files (stored pages are reused by hash), plans each document, stores its units
    /// and queues the pending ones. At most a few documents wait between extraction and planning, and the
    /// queue's capacity of units between planning and inference: nothing here grows with the batch but
    /// the list of paths. Units left pending by an interrupted run are queued with their documents, and
    /// those of documents no longer among the inputs at the end.
    private func produce(
        files: PathList, run: String, queue: UnitQueue, inFlight: DocumentsInFlight, intake: DocumentIntake,
        records: DecisionRecords
    ) async throws {
        defer { Task { await queue.close() } }
        func queueUnits(of document: ExtractedDocument, fresh: Bool) async throws {
            let units = try await intake.accept(document, run: run, records: records, fresh: fresh)
            await queue.push(await inFlight.admit(units, document: document.sha256))
        }
        var unknownPaths = PathList()
        for path in files where !stopFlag.isSet {
            // A document read before is planned from its stored pages, one at a time.
            guard let sha = try? ContentHash.sha256(ofFile: path), let pages = try await store.pages(sha256: sha)
            else {
                unknownPaths.append(path)
                continue
            }
            try await queueUnits(
                of: ExtractedDocument(path: path, sha256: sha, kind: nil, pageCount: pages.count, pages: pages),
                fresh: false)
        }
        let batch = BatchExtractor(
            extractor: intake.extractor, options: pipeline.ocr, passwords: try intake.passwords(),
            jobs: ProcessInfo.processInfo.activeProcessorCount)
        let handOver = DispatchSemaphore(value: 2)
        let unknown = unknownPaths
        let stopFlag = self.stopFlag
        let documents = AsyncStream<ExtractedDocument> { continuation in
            let thread = Thread {
                batch.run(paths: unknown) { _, document in
                    guard !stopFlag.isSet else { return }
                    handOver.wait()
                    continuation.yield(document)
                }
                continuation.finish()
            }
            thread.start()
        }
        for await document in documents {
            defer { handOver.signal() }
            if stopFlag.isSet { continue }
            try await queueUnits(of: document, fresh: true)
        }
        await intake.events.publish(.extractionEnded)
        if !stopFlag.isSet {
            let left = Dictionary(grouping: try await store.pendingUnits(run: run, document: nil), by: \.documentSHA256)
            for (document, units) in left where await !inFlight.wasQueued(document) {
                await queue.push(await inFlight.admit(units, document: document))
            }
        }
        await queue.close()
    }
}
