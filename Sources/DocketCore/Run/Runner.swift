import Foundation

/// Runs a pipeline: ingest → chunk, classify, route → infer → record, as a pipeline of stages
/// with bounded hand-overs, so OCR of the next document overlaps inference on the previous one.
/// Every stage writes to the store before the next relies on it: a `kill -9` at any moment loses
/// nothing, and `docket resume` (or a new run over the same folder) redoes only unfinished work.
public final class Runner: @unchecked Sendable {
    // @unchecked: `progress` is set once, before `run`; everything else is immutable or Sendable.
    public let pipeline: PipelineSpec
    public let options: RunOptions
    public let store: RunStore
    private let planner: DecisionPlanner
    private let factory: UnitFactory
    private let stopFlag = StopFlag()
    /// Called with a progress line now and then; never document text.
    public var progress: (@Sendable (String) -> Void)?

    public init(pipeline: PipelineSpec, options: RunOptions) async throws {
        self.pipeline = pipeline
        self.options = options
        self.store = try await StoreFactory.open(
            options.storePath ?? StoreFactory.location(explicit: nil, pipeline: pipeline)!, durable: options.durable)
        self.planner = DecisionPlanner(pipeline: pipeline)
        self.factory = UnitFactory(pipeline: pipeline)
    }

    /// Engine threads: all cores but one for OCR where there are more than two; on two cores both,
    /// since OCR of a batch ends early and inference then has the machine to itself (measured:
    /// `make run` over the samples).
    static var engineThreads: Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return cores > 2 ? cores - 1 : cores
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
            try await store.enqueueDocuments(run: runID, paths: files)
            return await RunSummary(
                runID: runID, counts: try store.counts(run: runID), interrupted: false, outputFolder: folder,
                seconds: 0,
                promptTokens: 0, completionTokens: 0, stageSeconds: StageSeconds(), tokensByEndpoint: [:],
                auditHead: nil)
        }

        let queue = UnitQueue()
        try await queue.push(store.pendingUnits(run: runID, document: nil))  // left over from an interrupted run
        let tally = Tally()
        var engine: EmbeddedEngine?
        let embedded = pipeline.endpoints.first { $0.isEmbedded }
        async let engineStart: EmbeddedEngine? =
            options.dryRun || embedded == nil
            ? nil
            : EmbeddedEngine(
                parallel: embedded!.maxConcurrency, threads: Self.engineThreads,
                contextPerSlot: embedded!.contextTokens,
                logFile: (folder as NSString).appendingPathComponent("engine.log"))

        let producer = Task {
            try await self.produce(files: files, run: runID, queue: queue, tally: tally, records: records)
        }
        let reporter = Task { await self.report(run: runID, tally: tally) }
        do {
            engine = try await engineStart
        } catch {
            producer.cancel()
            await queue.close(dropPending: true)
            _ = try? await producer.value
            reporter.cancel()
            try await store.finishRun(id: runID, status: .failed)
            throw error
        }
        defer { engine?.stop() }

        if !options.dryRun {
            let executor = makeExecutor(engine: engine, records: records)
            let context = try TaskContext(pipeline: pipeline)
            let jobs = max(1, options.jobs)
            let work = Task {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<jobs {
                        group.addTask {
                            while let unit = await queue.next() {
                                await self.execute(unit, executor: executor, context: context, tally: tally)
                            }
                        }
                    }
                }
            }
            // After a stop: take no new units; requests in flight get `drainSeconds`, then are cancelled.
            let stopFlag = self.stopFlag, drain = options.drainSeconds
            let watchdog = Task {
                await stopFlag.wait()
                if Task.isCancelled { return }
                await queue.close(dropPending: true)
                try? await Task.sleep(nanoseconds: UInt64(drain * 1e9))
                if !Task.isCancelled { work.cancel() }
            }
            await work.value
            watchdog.cancel()
        }
        try await producer.value
        reporter.cancel()
        let interrupted = stopFlag.isSet
        try await store.finishRun(id: runID, status: interrupted ? .interrupted : .completed)
        let counts = try await store.counts(run: runID)
        let tokens = await tally.tokens
        var summary = await RunSummary(
            runID: runID, counts: counts, interrupted: interrupted, outputFolder: folder,
            seconds: Date().timeIntervalSince(started), promptTokens: tokens.prompt,
            completionTokens: tokens.completion,
            stageSeconds: await tally.stageSeconds(since: started), tokensByEndpoint: await tally.byEndpoint,
            auditHead: try store.auditHeads().first { $0.run == runID }?.hash,
            promptTokensSkipped: await tally.promptTokensSkipped, promptTokensLimited: await tally.promptTokensLimited)
        summary.ungroundedAnswers = try await ReportWriter.write(
            store: store, run: runID, folder: folder, summary: summary)
        return summary
    }

    /// The executor for this pipeline's endpoints, recording audit records of `records`' run.
    func makeExecutor(engine: EmbeddedEngine?, records: DecisionRecords) -> RecordingExecutor {
        RecordingExecutor(
            executor: UnitExecutor(
                pool: EndpointPool.make(
                    endpoints: pipeline.endpoints, embedded: engine, timeout: options.requestTimeout,
                    connectTimeout: options.connectTimeout),
                attempts: StoreAttempts(store: store), spec: planner.router.spec, retry: options.retry),
            store: store, audit: records, promptSchemaHashes: factory.taskDigests)
    }

    /// For a worker: one queued document of `run` read (or found stored by hash), planned, and
    /// its units stored for any worker to claim.
    func ingest(path: String, run: String, records: DecisionRecords) async throws {
        if let sha = try? ContentHash.sha256(ofFile: path), let pages = try await store.pages(sha256: sha) {
            _ = try await accept(
                ExtractedDocument(path: path, sha256: sha, kind: nil, pageCount: pages.count, pages: pages), run: run,
                tally: Tally(), records: records, fresh: false)
            return
        }
        let passwords = try pipeline.passwordFile.map { try PasswordFile(contentsOf: $0) } ?? PasswordFile()
        let extractor = IsolatedExtractor(executable: options.workerExecutable, workerArguments: ["extract-worker"])
        let document = extractor.extract(
            path: path, options: pipeline.ocr, passwords: passwords.passwords(forFile: path))
        _ = try await accept(document, run: run, tally: Tally(), records: records, fresh: true)
    }

    // MARK: Stages

    /// Ingests the files (stored pages are reused by hash), plans each document, stores its units
    /// and queues the pending ones. At most a few documents wait between extraction and planning.
    private func produce(
        files: [String], run: String, queue: UnitQueue, tally: Tally, records: DecisionRecords
    ) async throws {
        defer { Task { await queue.close() } }
        var known: [ExtractedDocument] = []
        var unknownPaths: [String] = []
        for path in files {
            guard let sha = try? ContentHash.sha256(ofFile: path) else { unknownPaths.append(path); continue }
            if let pages = try await store.pages(sha256: sha) {
                known.append(
                    ExtractedDocument(path: path, sha256: sha, kind: nil, pageCount: pages.count, pages: pages))
            } else {
                unknownPaths.append(path)
            }
        }
        for document in known where !stopFlag.isSet {
            await queue.push(try await accept(document, run: run, tally: tally, records: records, fresh: false))
        }
        let passwords = try pipeline.passwordFile.map { try PasswordFile(contentsOf: $0) } ?? PasswordFile()
        let batch = BatchExtractor(
            extractor: IsolatedExtractor(executable: options.workerExecutable, workerArguments: ["extract-worker"]),
            options: pipeline.ocr, passwords: passwords, jobs: ProcessInfo.processInfo.activeProcessorCount)
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
            await queue.push(try await accept(document, run: run, tally: tally, records: records, fresh: true))
        }
        await tally.extractionEnded()
        await queue.close()
    }

    /// Stores the document (unless `fresh` is false: its pages are stored already), plans it,
    /// stores its units and audit records; returns its pending units.
    func accept(
        _ document: ExtractedDocument, run: String, tally: Tally, records: DecisionRecords, fresh: Bool
    ) async throws -> [UnitRecord] {
        var document = document
        if document.error == nil, let submitted = options.submittedHashes[document.path], submitted != document.sha256 {
            document.error = IngestError(
                .changedSinceSubmission, path: document.path,
                detail: "it was submitted with sha256 \(submitted.prefix(12)), "
                    + "but the bytes read now have sha256 \(document.sha256.prefix(12))")
        }
        if let error = document.error {
            try await store.recordRunDocument(
                run: run, path: document.path, sha256: document.sha256.isEmpty ? nil : document.sha256, error: error)
            progress?("document \(document.sha256.prefix(12)) failed: \(error.kind.rawValue)")
            await tally.add(documents: 1, pages: 0)
            return []
        }
        if fresh { try await store.saveDocument(document) }
        try await store.recordRunDocument(run: run, path: document.path, sha256: document.sha256, error: nil)
        let planning = Date()
        let plan = planner.plan(document)
        await tally.add(
            planning: Date().timeIntervalSince(planning), skipped: plan.promptTokensSkipped ?? 0,
            limited: plan.promptTokensLimited ?? 0)
        let name = (document.path as NSString).lastPathComponent
        let units = factory.units(for: plan, name: name)
        var chunks: [String: (text: String, heading: String)] = [:]
        let text = DocumentText(pages: document.pages)
        for chunk in plan.chunks { chunks[chunk.id] = (text.string(chunk.start..<chunk.end), chunk.heading) }
        let audit =
            records.classification(plan, chunkTexts: chunks.mapValues(\.text))
            + records.clauses(plan, text: text, model: planner.clauseDetector?.model.version)
            + records.routing(units, taskDigests: factory.taskDigests)
        try await store.savePlan(run: run, path: document.path, plan: plan)
        try await store.addUnits(units, chunks: chunks, run: run, audit: audit)
        await tally.add(documents: 1, pages: document.pages.count, ocrPages: document.ocrPageCount)
        return try await store.pendingUnits(run: run, document: document.sha256)
    }

    func execute(_ unit: UnitRecord, executor: RecordingExecutor, context: TaskContext, tally: Tally) async {
        guard let task = context.tasks[unit.task], let schema = context.schemas[unit.task] else {
            try? await store.markUnit(
                key: unit.key, status: .failed, reason: "the task `\(unit.task)` is no longer in the pipeline")
            return
        }
        let (prompt, checked) = await UnitPrompt.gated(
            unit, template: context.templates[unit.task]!, store: store,
            classifier: planner.classifier, spec: executor.spec)
        if checked.route != unit.route,
            let records = executor.audit?.routing(
                [checked], taskDigests: executor.promptSchemaHashes,
                refined: true)
        {
            _ = try? await store.appendAudit(records)
        }
        let unit = await countedRoute(checked, prompt: prompt, task: task, executor: executor)
        if let held = unit.route.held {
            try? await store.markUnit(key: unit.key, status: .held, reason: held)
            return
        }
        await tally.requestStarted()
        switch await executor.execute(unit, prompt: prompt, task: task, schema: schema) {
        case .done(let result):
            await tally.add(result)
        case .failed(let reason):
            // A stop cancels requests in flight: those units stay pending for `docket resume`.
            if !Task.isCancelled && !stopFlag.isSet {
                try? await store.markUnit(key: unit.key, status: .failed, reason: reason)
            }
        }
    }

    /// Counts the prompt's tokens exactly on the chain's llama.cpp endpoints (the embedded engine),
    /// and drops those whose window it does not fit. Only where the estimate comes within a
    /// quarter of the window: far below it, a count cannot change the route and would cost a
    /// request per unit. A failed count keeps the estimate.
    private func countedRoute(
        _ unit: UnitRecord, prompt: String, task: TaskSpec, executor: RecordingExecutor
    ) async -> UnitRecord {
        var counts: [String: Int] = [:]
        for name in unit.route.chain {
            guard let member = executor.pool.members[name], member.spec.isEmbedded,
                Double(unit.route.neededTokens[name] ?? .max) >= 0.75 * Double(member.spec.contextTokens),
                let count = try? await member.client.countTokens(prompt)
            else { continue }
            counts[name] = count
        }
        guard !counts.isEmpty else { return unit }
        var refined = unit
        refined.route = Router.refine(
            unit.route, exactPromptTokens: counts, maxOutputTokens: task.maxOutputTokens, spec: executor.spec)
        if refined.route.chain != unit.route.chain || refined.route.held != unit.route.held,
            let records = executor.audit?.routing([refined], taskDigests: executor.promptSchemaHashes, refined: true)
        {
            _ = try? await store.appendAudit(records)
        }
        return refined
    }

    /// On a terminal, a status line redrawn every second; otherwise a plain line every 10 s.
    /// Counts only: never a document's text or name.
    private func report(run: String, tally: Tally) async {
        let terminal = isatty(STDERR_FILENO) == 1
        let started = Date()
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: (terminal ? 1 : 10) * 1_000_000_000)
            guard !Task.isCancelled, let counts = try? await store.counts(run: run) else { continue }
            let line = await ProgressLine.render(
                counts: counts, tally: tally, elapsed: Date().timeIntervalSince(started))
            if terminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            } else {
                progress?(line)
            }
        }
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// "documents 8, pages 12 (4 OCR); units 31/148, 2 failed, 0 held; 41.2 tok/s; ETA 3m10s".
enum ProgressLine {
    static func render(counts: RunCounts, tally: Tally, elapsed: TimeInterval) async -> String {
        let (documents, pages, ocrPages) = await tally.documentsPagesOCR
        let tokens = await tally.tokens
        let finished = counts.done + counts.failed
        let rate = elapsed > 0 ? Double(tokens.completion) / elapsed : 0
        var eta = "–"
        if finished > 0, counts.pending > 0 {
            let seconds = Int(elapsed / Double(finished) * Double(counts.pending))
            eta = seconds >= 60 ? "\(seconds / 60)m\(seconds % 60)s" : "\(seconds)s"
        }
        return
            "documents \(documents), pages \(pages) (\(ocrPages) OCR); units \(counts.done)/\(counts.units), "
            + "\(counts.failed) failed, "
            + "\(counts.held) held; \(String(format: "%.1f", rate)) tok/s; ETA \(eta)"
    }
}

/// Prompts, schemas and task settings, read once per run.
struct TaskContext: Sendable {
    var tasks: [String: TaskSpec] = [:]
    var templates: [String: PromptTemplate] = [:]
    var schemas: [String: JSONValue] = [:]

    init(pipeline: PipelineSpec) throws {
        for task in pipeline.tasks {
            tasks[task.name] = task
            templates[task.name] = PromptTemplate(text: try String(contentsOfFile: task.prompt, encoding: .utf8))
            let schema = try JSONValue(data: Data(contentsOf: URL(fileURLWithPath: task.schema)))
            guard case .object = schema else {
                throw EngineError(message: "\(task.schema): the task's schema is not a JSON object")
            }
            schemas[task.name] = schema
        }
    }
}

/// Counters the progress line and `run.json` read.
actor Tally {
    private(set) var documentsPagesOCR = (0, 0, 0)
    private(set) var tokens = (prompt: 0, completion: 0)
    private(set) var byEndpoint: [String: TokenCount] = [:]
    private var planning = 0.0
    private(set) var promptTokensSkipped = 0, promptTokensLimited = 0
    private var extractionEnd: Date?
    private var firstRequest: Date?
    private var lastAnswer: Date?

    func add(documents: Int, pages: Int, ocrPages: Int = 0) {
        documentsPagesOCR = (
            documentsPagesOCR.0 + documents, documentsPagesOCR.1 + pages, documentsPagesOCR.2 + ocrPages
        )
    }
    func add(_ result: ResultRecord) {
        tokens = (tokens.prompt + result.promptTokens, tokens.completion + result.completionTokens)
        byEndpoint[result.endpoint, default: TokenCount()].prompt += result.promptTokens
        byEndpoint[result.endpoint, default: TokenCount()].completion += result.completionTokens
        byEndpoint[result.endpoint, default: TokenCount()].requests += 1
        lastAnswer = Date()
    }
    func add(planning seconds: Double, skipped: Int = 0, limited: Int = 0) {
        planning += seconds
        promptTokensSkipped += skipped
        promptTokensLimited += limited
    }
    func extractionEnded() { extractionEnd = Date() }
    func requestStarted() { if firstRequest == nil { firstRequest = Date() } }

    func stageSeconds(since start: Date) -> StageSeconds {
        var stages = StageSeconds()
        stages.extraction = (extractionEnd ?? Date()).timeIntervalSince(start)
        stages.planning = planning
        if let firstRequest, let lastAnswer { stages.inference = lastAnswer.timeIntervalSince(firstRequest) }
        return stages
    }
}
