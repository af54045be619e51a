import DocketAudit
import DocketDecide
import DocketInfer
import DocketModel
import DocketRecords
import DocketSpec
import DocketStore
import Foundation

/// A run's executor: runs a unit through `UnitExecutor` and stores its result with the audit
/// record of the answer, in one write. The reviewer's rerun uses `UnitExecutor` alone: its answer
/// must not replace the unit's recorded one.
struct RecordingExecutor: Sendable {
    let executor: UnitExecutor
    let store: RunStore
    /// Builds each answer's audit record; none when nil.
    let audit: DecisionRecords?
    /// sha256 of each task's prompt template and schema, for the audit records.
    let promptSchemaHashes: [String: String]

    var spec: RoutingSpec { executor.spec }
    var pool: EndpointPool { executor.pool }

    func execute(_ unit: UnitRecord, prompt: String, task: TaskSpec, schema: JSONValue) async -> UnitOutcome {
        let outcome = await executor.execute(unit, prompt: prompt, task: task, schema: schema)
        guard case .done(let result) = outcome else { return outcome }
        do {
            let record = audit?.inference(
                result, unit: unit, prompt: prompt, promptSchemaHash: promptSchemaHashes[unit.task])
            try await store.saveResult(result, audit: record)
        } catch {
            return .failed("the result could not be stored: \(error)")
        }
        return outcome
    }
}
