import ArgumentParser
import DocketRun
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
    @OptionGroup var service: ServiceOptions

    func run() async throws {
        LineBufferedOutput.enable()
        let scheduler = try await ServeSession.scheduler(pipelines, common: common)
        try await ServeLoop(scheduler: scheduler, tick: tick, once: once).runInGroup(
            with: try service.metricsService(stores: scheduler.distinctStores))
    }
}
