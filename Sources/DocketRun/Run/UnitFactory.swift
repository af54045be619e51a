import DocketDecide
import DocketModel
import DocketRecords
import DocketSpec
import Foundation

/// Turns a document's plan into units of work, each keyed by everything its answer depends on:
/// the document's hash, the chunk, the task, the prompt and schema, the rule-set version and the
/// models of its route. Change any of them and the key changes, so only that work is redone.
struct UnitFactory {
    let pipeline: PipelineSpec
    /// sha256 of each task's prompt template and schema, read once.
    let taskDigests: [String: String]

    init(pipeline: PipelineSpec) {
        self.pipeline = pipeline
        var digests: [String: String] = [:]
        for task in pipeline.tasks {
            let prompt = FileManager.default.contents(atPath: task.prompt) ?? Data()
            let schema = FileManager.default.contents(atPath: task.schema) ?? Data()
            digests[task.name] = ContentHash.sha256(of: Array(prompt + Data([0]) + schema))
        }
        taskDigests = digests
    }

    func units(for plan: DocumentPlan, name: String) -> [UnitRecord] {
        var units: [UnitRecord] = []
        for chunk in plan.chunks {
            for (task, route) in chunk.routes where !task.isEmpty {
                units.append(unit(plan: plan, name: name, chunkID: chunk.id, task: task, route: route))
            }
        }
        for (task, route) in plan.documentRoutes {
            units.append(unit(plan: plan, name: name, chunkID: nil, task: task, route: route))
        }
        return units
    }

    private func unit(
        plan: DocumentPlan, name: String, chunkID: String?, task: String, route: RouteDecision
    ) -> UnitRecord {
        let models = route.chain.compactMap { pipeline.endpoint(named: $0)?.model }.joined(separator: ",")
        let material = [
            plan.sha256, chunkID ?? "document", task, taskDigests[task] ?? "", route.ruleSetVersion, models,
        ].joined(separator: "\u{1F}")
        return UnitRecord(
            key: String(ContentHash.sha256(of: Array(material.utf8)).prefix(32)), documentSHA256: plan.sha256,
            documentName: name, chunkID: chunkID, task: task, status: route.held == nil ? .pending : .held,
            route: route, reason: route.held)
    }
}
