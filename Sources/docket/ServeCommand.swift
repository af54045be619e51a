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
        let scheduler = try await ServeSession.scheduler(pipelines, common: common)
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
