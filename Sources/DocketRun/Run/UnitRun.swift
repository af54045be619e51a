import DocketAudit
import DocketDecide
import DocketInfer
import DocketRecords
import DocketSpec
import DocketStore
import Foundation

/// Runs one unit: renders its prompt, classifies what the prompt carries and asks the gate again,
/// counts its tokens where the window is close, sends it along its chain and records the answer.
/// The one place a run, a worker and a reviewer's rerun do this.
struct UnitRun: Sendable {
    let store: RunStore
    let executor: RecordingExecutor
    let context: TaskContext
    let classifier: Classifier
    let events: RunEvents

    /// For `pipeline` on `endpoints` (the embedded ones served by `engine`), with the planner's classifier
    /// and routing spec; answers and their audit records from `records` are stored (with the tasks'
    /// `taskDigests`, which the run's `UnitFactory` has read), attempts when `recordAttempts`, fenced by a
    /// worker's `lease`.
    init(
        pipeline: PipelineSpec, planner: DecisionPlanner, endpoints: [EndpointSpec], engine: EmbeddedEngine?,
        store: RunStore, records: DecisionRecords?, taskDigests: [String: String] = [:], recordAttempts: Bool = true,
        lease: WorkerLease? = nil, timeouts: (request: TimeInterval, connect: TimeInterval),
        retry: RetryPolicy = RetryPolicy(), events: RunEvents = RunEvents(observers: [])
    ) throws {
        let spec = planner.router.spec
        let pool = EndpointPool.make(
            endpoints: endpoints, embedded: engine, timeout: timeouts.request, connectTimeout: timeouts.connect)
        let attempts = MeteredAttempts(recordAttempts ? StoreAttempts(store: store, lease: lease) : IgnoredAttempts())
        let executor = UnitExecutor(pool: pool, attempts: attempts, spec: spec, retry: retry)
        self.store = store
        self.executor = RecordingExecutor(
            executor: executor, store: store, audit: records,
            promptSchemaHashes: taskDigests)
        self.context = try TaskContext(pipeline: pipeline)
        self.classifier = planner.classifier
        self.events = events
    }

    /// Runs the unit and records its outcome: done, failed, or held by the gate. `stopped` says
    /// the run is stopping: a request cancelled then leaves its unit pending for `docket resume`.
    func execute(_ unit: UnitRecord, stopped: @Sendable () -> Bool) async {
        guard let task = context.tasks[unit.task], let schema = context.schemas[unit.task] else {
            try? await store.markUnit(
                key: unit.key, status: .failed, reason: "the task `\(unit.task)` is no longer in the pipeline")
            return
        }
        let prepared: (prompt: String, unit: UnitRecord)
        do {
            prepared = try await prepare(unit, task: task)
        } catch {
            if !Task.isCancelled && !stopped() {
                let reason = "\(error)"
                try? await store.markUnit(key: unit.key, status: .failed, reason: reason)
                await events.publish(.unitFailed(kind: UnitFailureKind.of(reason)))
            }
            return
        }
        let (prompt, unit) = prepared
        if let held = unit.route.held {
            try? await store.markUnit(key: unit.key, status: .held, reason: held)
            await events.publish(.unitHeld(level: unit.route.level))
            return
        }
        if !unit.route.excluded.isEmpty {
            await events.publish(.gateExcluded(level: unit.route.level, endpoints: unit.route.excluded.count))
        }
        await events.publish(.requestStarted)
        switch await executor.execute(unit, prompt: prompt, task: task, schema: schema) {
        case .done(let result):
            await events.publish(
                .answered(
                    endpoint: result.endpoint, promptTokens: result.promptTokens,
                    completionTokens: result.completionTokens))
        case .failed(let reason):
            if !Task.isCancelled && !stopped() {
                try? await store.markUnit(key: unit.key, status: .failed, reason: reason)
                await events.publish(.unitFailed(kind: UnitFailureKind.of(reason)))
            }
        case .takenOver:
            // Another worker holds it now and answers it; this one stores nothing.
            break
        }
    }

    /// The unit's prompt as rendered now, with its route checked against what the prompt carries and
    /// against the exact token count; a changed route is an audit record of its own.
    func prepare(_ unit: UnitRecord, task: TaskSpec) async throws -> (prompt: String, unit: UnitRecord) {
        let (prompt, checked) = try await UnitPrompt.gated(
            unit, template: context.templates[unit.task]!, store: store, classifier: classifier, spec: executor.spec)
        if checked.route != unit.route { await recordRefinedRoute(checked) }
        return (prompt, await countedRoute(checked, prompt: prompt, task: task))
    }

    /// Answers the unit without storing the answer (a reviewer's rerun keeps the recorded one).
    func answer(_ unit: UnitRecord, prompt: String, task: TaskSpec) async -> UnitOutcome {
        await executor.executor.execute(unit, prompt: prompt, task: task, schema: context.schemas[unit.task]!)
    }

    /// Counts the prompt's tokens exactly on the chain's llama.cpp endpoints (the embedded engine),
    /// and drops those whose window it does not fit. Only where the estimate comes within a
    /// quarter of the window: far below it, a count cannot change the route and would cost a
    /// request per unit. A failed count keeps the estimate.
    private func countedRoute(_ unit: UnitRecord, prompt: String, task: TaskSpec) async -> UnitRecord {
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
        if refined.route.chain != unit.route.chain || refined.route.held != unit.route.held {
            await recordRefinedRoute(refined)
        }
        return refined
    }

    private func recordRefinedRoute(_ unit: UnitRecord) async {
        guard let records = executor.audit?.routing([unit], taskDigests: executor.promptSchemaHashes, refined: true)
        else { return }
        _ = try? await store.appendAudit(records)
    }
}
