import DocketDecide
import DocketInfer
import DocketModel
import DocketRecords
import DocketSpec
import DocketStore
import Foundation

/// The prompt a unit sends: its task's template filled with its chunk (or its document's whole
/// text, for document-scoped tasks) from the store, with the document's alias in place of its
/// name where the route says so.
enum UnitPrompt {
    /// How the reason of a unit whose text the store could not give begins.
    static let unreadable = "its text could not be read from the store"

    /// Throws when the store cannot give the unit's text: a prompt without it is never sent.
    static func render(
        _ unit: UnitRecord, template: PromptTemplate, store: RunStore
    ) async throws -> (text: String, values: [String: String]) {
        let text: String, heading: String
        do {
            if let chunkID = unit.chunkID {
                guard let chunk = try await store.chunk(id: chunkID) else {
                    throw StoreError(message: "chunk \(chunkID) is not in the store")
                }
                (text, heading) = chunk
            } else {
                guard let pages = try await store.pages(sha256: unit.documentSHA256) else {
                    throw StoreError(message: "document \(unit.documentSHA256.prefix(12)) is not in the store")
                }
                (text, heading) = (pages.map(\.text).joined(separator: "\n"), "")
            }
        } catch {
            throw StoreError(message: "\(unreadable): \(error)")
        }
        let aliased = unit.route.exposure?.documentNameAliased ?? false
        let values = [
            "document.name": aliased ? DocumentAlias.name(sha256: unit.documentSHA256) : unit.documentName,
            "document.text": text, "chunk.text": text, "chunk.heading": heading,
            "classification.level": unit.route.level, "task.name": unit.task,
        ]
        // What the document contributes; the level and task name are the pipeline's own words.
        let carried = template.variables.intersection(["document.name", "document.text", "chunk.text", "chunk.heading"])
        return (template.render(values), values.filter { carried.contains($0.key) })
    }

    /// The prompt, and the unit with its route checked against what the prompt carries, as
    /// rendered now: every value the template filled is classified, and the gate is asked again
    /// when that is more than the unit was routed for. This holds for units planned by earlier
    /// versions, and for anything the plan did not foresee.
    static func gated(
        _ unit: UnitRecord, template: PromptTemplate, store: RunStore, classifier: Classifier,
        spec: RoutingSpec
    ) async throws -> (prompt: String, unit: UnitRecord) {
        let (prompt, values) = try await render(unit, template: template, store: store)
        let taxonomy = spec.taxonomy
        var level = unit.route.level
        // `chunk.text` and `document.text` may hold the same text: classify each value once.
        for value in Set(values.values) {
            let found = SensitivityPolicy.decide(
                findings: classifier.findings(in: value), documentType: .other,
                taxonomy: taxonomy
            ).level
            if (taxonomy.rank(of: found) ?? 0) > (taxonomy.rank(of: level) ?? 0) { level = found }
        }
        var gated = unit
        gated.route = Router.raise(unit.route, to: level, spec: spec)
        return (prompt, gated)
    }
}
