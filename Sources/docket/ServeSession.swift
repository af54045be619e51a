import ArgumentParser
import DocketRecords
import DocketRun
import DocketSpec
import DocketStore
import Foundation
import Synchronization

/// What `serve`, `submit --now` and `schedule list` share: pipelines, their stores, the runner
/// that the scheduler launches, and the stop on SIGTERM.
enum ServeSession {
    /// The pipeline files given, else every Pipelines/*.yaml; none is an error that says where
    /// Docket looked (a command with nothing to do must not print nothing and succeed).
    static func pipelineFiles(_ given: [String]) throws -> [String] {
        if !given.isEmpty { return given.map(resolve) }
        let folder = "Pipelines"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "\(folder)/\($0)" }
        guard !files.isEmpty else {
            throw ValidationError(
                "no pipelines: none given and no Pipelines/*.yaml in \(FileManager.default.currentDirectoryPath) "
                    + "(run Docket from the project folder, or name the pipeline files)")
        }
        return files
    }

    /// A pipeline file, or a name in Pipelines/.
    static func resolve(_ pipeline: String) -> String {
        FileManager.default.fileExists(atPath: pipeline) ? pipeline : "Pipelines/\(pipeline).yaml"
    }

    static func scheduler(_ pipelines: [String], common: RunOptionsGroup) async throws -> Scheduler {
        var entries: [Scheduler.Entry] = []
        for file in try pipelineFiles(pipelines) {
            let spec = try common.loadPipeline(file)
            await entries.append(
                Scheduler.Entry(
                    pipeline: spec,
                    store: try StoreFactory.open(StoreFactory.location(explicit: common.store, pipeline: spec)!)))
        }
        let base = common
        return Scheduler(entries: entries) { pipeline, store, files, submitted, start in
            var options = base.options(for: pipeline)
            options.storePath = store.location
            options.runID = start.id
            options.inputs = files
            options.submittedHashes = submitted
            options.giveUpAfter = pipeline.giveUpAfter ?? PipelineSpec.scheduledGiveUp
            let runner = try await Runner(pipeline: pipeline, options: options)
            current.set(runner)
            defer { current.set(nil) }
            let summary = try await runner.run(resume: start.resumes)
            let c = summary.counts
            print(
                "docket: run \(summary.runID) of \(pipeline.name): \(c.documents) documents, \(c.done)/\(c.units) "
                    + "units done, \(c.failed) failed, \(c.held) held"
            )
            return summary.runID
        }
    }

    /// The runner in progress, for the signal handler.
    static let current = CurrentRunner()
    static func log(_ pipeline: String, _ outcome: Scheduler.Outcome) {
        let text: String
        switch outcome {
        case .notDue: text = "not due"
        case .locked: text = "another process is running it; skipped"
        case .nothingNew: text = "due, nothing new in its inboxes"
        case .ran(let run, let files): text = "ran \(run) over \(files) new or changed files"
        case .resumed(let run): text = "resumed \(run)"
        case .failed(let reason): text = "failed: \(reason)"
        }
        print("docket: \(pipeline): \(text)")
    }

    final class CurrentRunner: Sendable {
        private let runner = Mutex<Runner?>(nil)
        func set(_ value: Runner?) { runner.withLock { $0 = value } }
        func get() -> Runner? { runner.withLock { $0 } }
    }
}
