import DocketAudit
import DocketInfer
import DocketRecords
import DocketReport
import DocketSpec
import DocketStore
import Foundation

/// What every review step needs besides the desk, from the CLI or the workspace: the pipeline of
/// the decision's run (its taxonomy masks, its schemas check a reviewer's result) and the outputs
/// rewritten once a result changed.
public enum ReviewPipeline {
    public static func pipeline(_ store: RunStore, run: String?) async throws -> PipelineSpec {
        guard let run, let record = try await store.run(id: run) else {
            throw StoreError(message: "the decision's run is not in this store")
        }
        do { return try PipelineLoader.load(path: record.pipelineFile) } catch {
            throw StoreError(message: "the run's pipeline file \(record.pipelineFile) cannot be read: \(error)")
        }
    }

    public static func desk(_ store: RunStore, run: String?) async throws -> ReviewDesk {
        let taxonomy =
            await (try? pipeline(store, run: run))?.classification
            ?? TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: [])
        return ReviewDesk(store: store, masker: Masker(taxonomy: taxonomy))
    }

    /// The task's JSON Schema, as an object.
    public static func schema(task: String, pipeline: PipelineSpec) throws -> [String: Any] {
        guard let spec = pipeline.tasks.first(where: { $0.name == task }) else {
            throw StoreError(message: "the task `\(task)` is no longer in \(pipeline.file)")
        }
        return
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: spec.schema))))
            as? [String: Any] ?? [:]
    }

    /// Why `json` is no result of the task, or nil when it is one.
    public static func schemaProblem(_ json: String, task: String, pipeline: PipelineSpec) throws -> String? {
        let schema = try schema(task: task, pipeline: pipeline)
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
            return "it is not JSON"
        }
        return JSONSchemaValidator.validate(value, against: schema)
    }

    /// Rewrites the results and reports of every run that shows the unit; returns their folders.
    @discardableResult
    public static func regenerateReports(_ store: RunStore, unit: String?) async throws -> [String] {
        guard let unit else { return [] }
        var folders: [String] = []
        for run in try await store.runIDs(containing: unit) {
            guard let folder = try? await RunFolder.path(pipeline: pipeline(store, run: run), run: run) else {
                continue
            }
            try await ReportWriter.write(store: store, run: run, folder: folder)
            folders.append(folder)
        }
        return folders
    }
}
