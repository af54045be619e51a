import ArgumentParser
import DocketModel
import DocketSpec
import Foundation

struct InstallTimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-timer",
        abstract: "Print a systemd service and timer that run a pipeline's schedule with `docket serve --once`.")

    @Argument(help: "The pipeline file, or its name in Pipelines/.")
    var pipeline: String
    @Option(help: "The user the service runs as.")
    var user = "docket"
    @Option(help: "Minutes between the timer's looks; the pipeline's cron decides whether a run is due.")
    var every = 5

    func run() throws {
        let file = URL(fileURLWithPath: ServeSession.resolve(pipeline)).standardizedFileURL.path
        let spec = try PipelineLoader.load(path: file)
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let unit = "docket-\(spec.name)"
        let schedule = spec.schedule.map { "\($0.expression) \($0.timeZone.identifier)" } ?? "submissions only"
        print(
            """
            # /etc/systemd/system/\(unit).service
            [Unit]
            Description=Docket pipeline \(spec.name): runs what is due
            After=network-online.target

            [Service]
            Type=oneshot
            User=\(user)
            WorkingDirectory=\((file as NSString).deletingLastPathComponent)
            ExecStart=\(executable) serve --once \(file)
            # SIGTERM lets the run record its state; `docket serve` resumes it next time.
            KillSignal=SIGTERM
            TimeoutStopSec=120
            Nice=5

            # /etc/systemd/system/\(unit).timer
            [Unit]
            Description=Docket pipeline \(spec.name): look every \(every) minutes (schedule: \(schedule))

            [Timer]
            OnCalendar=*:0/\(every)
            Persistent=true

            [Install]
            WantedBy=timers.target

            # systemctl daemon-reload && systemctl enable --now \(unit).timer
            """)
    }
}
