import ArgumentParser
import DocketRun
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
