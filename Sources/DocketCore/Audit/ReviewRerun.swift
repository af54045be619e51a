import Foundation

/// `docket review overturn --rerun-on ENDPOINT`: the contested unit sent again to an endpoint
/// the reviewer names, through the same sovereignty gate as every other attempt. The answer
/// becomes the reviewer's result; the unit's recorded model answer stays as it was.
public enum ReviewRerun {
    public static func run(
        unit: UnitRecord, endpoint name: String, pipeline: PipelineSpec, store: RunStore, logFolder: String
    ) async throws -> ResultRecord {
        guard let endpoint = pipeline.endpoint(named: name) else {
            throw StoreError(
                message:
                    "no endpoint `\(name)` in \(pipeline.file); it has: "
                    + "\(pipeline.endpoints.map(\.name).joined(separator: ", "))"
            )
        }
        if let refusal = SovereigntyGate.refusal(endpoint, level: unit.route.level, taxonomy: pipeline.classification) {
            throw StoreError(
                message:
                    "the sovereignty gate refuses \(name): \(refusal); choose an endpoint cleared for "
                    + "\(unit.route.level)"
            )
        }
        let context = try TaskContext(pipeline: pipeline)
        guard let task = context.tasks[unit.task], let schema = context.schemas[unit.task],
            let template = context.templates[unit.task]
        else {
            throw StoreError(message: "the task `\(unit.task)` is no longer in \(pipeline.file)")
        }
        var engine: EmbeddedEngine?
        if endpoint.isEmbedded {
            engine = try await EmbeddedEngine(
                parallel: 1, threads: Runner.engineThreads, contextPerSlot: endpoint.contextTokens,
                logFile: (logFolder as NSString).appendingPathComponent("engine-review.log"))
        }
        defer { engine?.stop() }
        let spec = RoutingSpec(pipeline)
        let executor = UnitExecutor(
            pool: EndpointPool.make(endpoints: [endpoint], embedded: engine, timeout: 120), spec: spec)
        var rerun = unit
        rerun.route.chain = [name]
        rerun.route.held = nil
        let (prompt, checked) = await UnitPrompt.gated(
            rerun, template: template, store: store,
            classifier: Classifier(taxonomy: pipeline.classification), spec: spec)
        if let held = checked.route.held {
            throw StoreError(message: "the sovereignty gate refuses \(name): \(held)")
        }
        switch await executor.execute(checked, prompt: prompt, task: task, schema: schema) {
        case .done(let result): return result
        case .failed(let reason): throw StoreError(message: "running the unit again on \(name) failed: \(reason)")
        }
    }
}
