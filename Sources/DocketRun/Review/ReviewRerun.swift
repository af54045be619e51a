import DocketDecide
import DocketInfer
import DocketRecords
import DocketSpec
import DocketStore
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
        let engine = try await EngineHost.start(
            for: endpoint, slots: 1, logFile: (logFolder as NSString).appendingPathComponent("engine-review.log"))
        defer { engine?.stop() }
        // Nothing of the rerun is stored here: its answer becomes the reviewer's, not the unit's.
        let unitRun = try UnitRun(
            pipeline: pipeline, planner: DecisionPlanner(pipeline: pipeline), endpoints: [endpoint], engine: engine,
            store: store, records: nil,
            recordAttempts: false, timeouts: (120, 10))
        guard let task = unitRun.context.tasks[unit.task] else {
            throw StoreError(message: "the task `\(unit.task)` is no longer in \(pipeline.file)")
        }
        var rerun = unit
        rerun.route.chain = [name]
        rerun.route.held = nil
        let (prompt, checked) = try await unitRun.prepare(rerun, task: task)
        if let held = checked.route.held {
            throw StoreError(message: "the sovereignty gate refuses \(name): \(held)")
        }
        switch await unitRun.answer(checked, prompt: prompt, task: task) {
        case .done(let result): return result
        case .failed(let reason): throw StoreError(message: "running the unit again on \(name) failed: \(reason)")
        case .takenOver: throw StoreError(message: "running the unit again on \(name) was given up: a worker took it")
        }
    }
}
