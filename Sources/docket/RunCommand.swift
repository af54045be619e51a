import ArgumentParser
import DocketCore
import Foundation

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: ingest, chunk, classify, route, infer and record.",
        discussion: """
            State is checkpointed in SQLite as the run goes: after Ctrl-C, SIGTERM or even kill -9, \
            `docket resume RUN_ID` finishes the run without redoing finished work, and a new run over \
            the same folder redoes only what a changed rule, prompt or model affects. \
            Ctrl-C stops taking new work, lets requests in flight finish (bounded), and exits 130.
            """)

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @Option(name: .customLong("input"), help: "A folder or file to read instead of the pipeline's inputs (repeatable).")
    var inputs: [String] = []

    @Option(help: "The run's id (default: time-based).")
    var runID: String?

    @OptionGroup var common: RunOptionsGroup

    @Flag(help: "Plan and store the units; send nothing.")
    var dryRun = false

    func run() async throws {
        let spec = try common.loadPipeline(pipeline)
        var options = common.options(for: spec)
        options.inputs = inputs
        options.runID = runID
        options.dryRun = dryRun
        try await RunDriver.run(spec, options: options, resume: false)
    }
}

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Finish an interrupted run; finished units are not sent again.")

    @Argument(help: "The run's id (see `docket runs`).")
    var runID: String

    @OptionGroup var common: RunOptionsGroup

    func run() async throws {
        let (storePath, record) = try StoreLocator.find(run: runID, store: common.store)
        let spec = try common.loadPipeline(record.pipelineFile)
        var options = common.options(for: spec)
        options.runID = runID
        options.storePath = storePath
        try await RunDriver.run(spec, options: options, resume: true)
    }
}

/// Options shared by `run` and `resume`.
struct RunOptionsGroup: ParsableArguments {
    @Option(help: "Units in flight at once (default: the embedded engine's slots, else 4).")
    var jobs: Int?

    @Option(
        help: ArgumentHelp(
            "The store: a SQLite file or a postgresql:// URL (default: DOCKET_STORE_URL, the pipeline's store:, or "
                + "<output>/docket.sqlite).")
    )
    var store: String?

    @Option(help: "Seconds a request may take before it is retried elsewhere.")
    var requestTimeout: Double = 120

    @Option(help: "Seconds to connect to an endpoint before the attempt counts as failed.")
    var connectTimeout: Double = 10

    @Option(help: "Seconds to let requests in flight finish after Ctrl-C or SIGTERM.")
    var drain: Double = 30

    @Flag(help: "Record the run and its documents for `docket worker`s sharing the store, and return.")
    var enqueueOnly = false

    @Flag(help: .hidden)
    var benchNoDurability = false

    func loadPipeline(_ path: String) throws -> PipelineSpec {
        do { return try PipelineLoader.load(path: path) } catch let error as PipelineSpecError {
            throw ValidationError("the pipeline file has problems:\n\(error)")
        }
    }

    func options(for spec: PipelineSpec) -> RunOptions {
        var options = RunOptions(workerExecutable: ExtractionOptionsGroup.ownExecutable)
        options.jobs = jobs ?? spec.endpoints.first(where: \.isEmbedded)?.maxConcurrency ?? 4
        options.storePath = StoreFactory.location(explicit: store, pipeline: spec)
        options.requestTimeout = requestTimeout
        options.connectTimeout = connectTimeout
        options.drainSeconds = drain
        options.durable = !benchNoDurability
        options.enqueueOnly = enqueueOnly
        return options
    }
}

/// Runs with signal handling and a summary; exits 130 when stopped by a signal.
enum RunDriver {
    static func run(_ spec: PipelineSpec, options: RunOptions, resume: Bool) async throws {
        let runner = try Runner(pipeline: spec, options: options)
        runner.progress = { line in FileHandle.standardError.write(Data("docket: \(line)\n".utf8)) }
        let sources = StopSignals.install(message: "no new work; waiting for requests in flight") {
            runner.requestStop()
        }
        guard
            let summary = try await PipelineLock.with(
                spec.name, store: runner.store, { try await runner.run(resume: resume) })
        else {
            throw ValidationError(
                "another process (a `docket serve` or `docket run`) is running pipeline \(spec.name) on this store; "
                    + "wait for it, or see `docket runs`")
        }
        sources.forEach { $0.cancel() }
        if options.enqueueOnly {
            print(
                "run \(summary.runID) queued for workers: \(summary.counts.documents) documents; watch it with "
                    + "`docket status \(summary.runID)`"
            )
            return
        }
        let c = summary.counts
        print(
            "run \(summary.runID): \(c.documents) documents (\(c.failedDocuments) failed), \(c.units) units: "
                + "\(c.done) done, "
                + "\(c.held) held for a person, \(c.failed) failed, \(c.pending) pending; "
                + "\(summary.promptTokens) prompt and \(summary.completionTokens) generated tokens in "
                + "\(String(format: "%.1f", summary.seconds)) s"
        )
        if summary.promptTokensSkipped > 0 {
            let skipped = summary.promptTokensSkipped, all = skipped + summary.promptTokensLimited
            print(
                "clauses: tasks limited to chunks holding their clause categories sent about "
                    + "\(summary.promptTokensLimited) of the \(all) prompt tokens (estimated) that every chunk "
                    + String(format: "would have taken: %.0f%% saved", 100 * Double(skipped) / Double(max(1, all))))
        }
        if summary.ungroundedAnswers > 0 {
            print(
                "grounding: \(summary.ungroundedAnswers) answers quote text that is not in their document; "
                    + "the reports mark them ungrounded")
        }
        print("results: \(summary.outputFolder)/results.jsonl")
        if summary.interrupted {
            print("interrupted: finish it with `docket resume \(summary.runID)`")
            throw ExitCode(130)
        }
    }
}
