import ArgumentParser
import DocketRun
import DocketSpec
import DocketStore
import Foundation

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
