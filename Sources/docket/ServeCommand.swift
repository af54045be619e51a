import ArgumentParser
import DocketCore
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run pipelines on their schedules and submissions, over new or changed files of their inboxes.",
        discussion: """
            Each pipeline's `inputs` folders are its watched inboxes and its `schedule` (cron) says when \
            it runs. One run per pipeline at a time, also across processes sharing the store. On start, \
            interrupted runs are resumed. SIGTERM or Ctrl-C: the run in progress stops taking new work, \
            records its state, and docket exits 0. With --once: run what is due now and exit (for cron \
            or a systemd timer).
            """)

    @Argument(help: "Pipeline files (default: every Pipelines/*.yaml).")
    var pipelines: [String] = []

    @Flag(help: "Run what is due now, then exit.")
    var once = false

    @Option(help: "Seconds between looks at the schedules and inboxes.")
    var tick: Double = 30

    @OptionGroup var common: RunOptionsGroup

    func run() async throws {
        let scheduler = try ServeSession.scheduler(pipelines, common: common)
        let stop = ServeSession.installStopHandlers()
        for (name, outcome) in await scheduler.resumeInterrupted() { ServeSession.log(name, outcome) }
        repeat {
            for (name, outcome) in await scheduler.tick().sorted(by: { $0.key < $1.key })
            where outcome != .notDue || once {
                ServeSession.log(name, outcome)
            }
            if once { break }
            let until = Date().addingTimeInterval(tick)
            while Date() < until && !stop.isSet { try? await Task.sleep(nanoseconds: 200_000_000) }
        } while !stop.isSet
    }
}

/// What `serve`, `submit --now` and `schedule list` share: pipelines, their stores, the runner
/// that the scheduler launches, and the stop on SIGTERM.
enum ServeSession {
    static func pipelineFiles(_ given: [String]) -> [String] {
        if !given.isEmpty { return given.map(resolve) }
        let folder = "Pipelines"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }
            .sorted()
            .map { "\(folder)/\($0)" }
    }

    /// A pipeline file, or a name in Pipelines/.
    static func resolve(_ pipeline: String) -> String {
        FileManager.default.fileExists(atPath: pipeline) ? pipeline : "Pipelines/\(pipeline).yaml"
    }

    static func scheduler(_ pipelines: [String], common: RunOptionsGroup) throws -> Scheduler {
        var entries: [Scheduler.Entry] = []
        for file in pipelineFiles(pipelines) {
            let spec = try common.loadPipeline(file)
            entries.append(
                Scheduler.Entry(
                    pipeline: spec,
                    store: try StoreFactory.open(StoreFactory.location(explicit: common.store, pipeline: spec)!)))
        }
        let base = common
        return Scheduler(entries: entries) { pipeline, store, files, submitted, resume in
            var options = base.options(for: pipeline)
            options.storePath = store.location
            options.runID = resume
            options.inputs = files
            options.submittedHashes = submitted
            let runner = try Runner(pipeline: pipeline, options: options)
            current.set(runner)
            defer { current.set(nil) }
            let summary = try await runner.run(resume: resume != nil)
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
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []  // kept alive; set once at start
    private static let stopFlag = StopFlag()

    static func installStopHandlers() -> StopFlag {
        sources = StopSignals.install(message: "the run in progress records its state; no new runs") {
            stopFlag.set()
            current.get()?.requestStop()
        }
        return stopFlag
    }

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

    final class CurrentRunner: @unchecked Sendable {
        private let lock = NSLock()
        private var runner: Runner?
        func set(_ value: Runner?) { lock.withLock { runner = value } }
        func get() -> Runner? { lock.withLock { runner } }
    }
}
