import ArgumentParser
import DocketCore
import Foundation

/// What the review commands share: the pipeline of the decision's run, a desk that masks with
/// its taxonomy, schema checks and report regeneration.
enum ReviewSession {
    static func pipeline(_ store: RunStore, run: String?) async throws -> PipelineSpec {
        guard let run, let record = try await store.run(id: run) else {
            throw ValidationError("the decision's run is not in this store")
        }
        do { return try PipelineLoader.load(path: record.pipelineFile) } catch {
            throw ValidationError("the run's pipeline file \(record.pipelineFile) cannot be read: \(error)")
        }
    }

    static func desk(_ store: RunStore, run: String?) async throws -> ReviewDesk {
        let taxonomy =
            await (try? pipeline(store, run: run))?.classification
            ?? TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: [])
        return ReviewDesk(store: store, masker: Masker(taxonomy: taxonomy))
    }

    static func schemaProblem(_ json: String, task: String, pipeline: PipelineSpec) throws -> String? {
        guard let spec = pipeline.tasks.first(where: { $0.name == task }) else {
            return "the task `\(task)` is no longer in \(pipeline.file)"
        }
        let schema =
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: spec.schema))))
            as? [String: Any] ?? [:]
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
            return "it is not JSON"
        }
        return JSONSchemaValidator.validate(value, against: schema)
    }

    /// Rewrites the results and reports of every run that shows the unit.
    static func regenerateReports(_ store: RunStore, unit: String?) async throws {
        guard let unit else { return }
        for run in try await store.runIDs(containing: unit) {
            guard let folder = try? await RunFolder.path(pipeline: pipeline(store, run: run), run: run) else {
                continue
            }
            try await ReportWriter.write(store: store, run: run, folder: folder)
            print("reports of run \(run) regenerated: \(folder)/reports/index.html")
        }
    }
}
