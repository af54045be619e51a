import ArgumentParser
import DocketRun

@main
struct DocketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "A document pipeline for legal teams that keep their data in house.",
        version: Docket.version,
        groupedSubcommands: [
            CommandGroup(
                name: "Runs",
                subcommands: [
                    RunCommand.self, ResumeCommand.self, RunsCommand.self, StatusCommand.self, ReportCommand.self,
                    GridCommand.self, SearchCommand.self,
                    CostCommand.self, SubmitCommand.self, SubmissionsCommand.self,
                ]),
            CommandGroup(
                name: "Serving and scaling out",
                subcommands: [
                    ServeCommand.self, ScheduleCommand.self, InstallTimerCommand.self, WorkerCommand.self,
                ]),
            CommandGroup(
                name: "Documents",
                subcommands: [
                    ExtractCommand.self, IngestCommand.self, ClausesCommand.self, RouteCommand.self,
                    ValidateCommand.self,
                ]),
            CommandGroup(name: "The web workspace", subcommands: [WebCommand.self, UsersCommand.self]),
            CommandGroup(
                name: "Decisions and the audit trail",
                subcommands: [ChallengeCommand.self, ReviewCommand.self, AuditCommand.self, EraseCommand.self]),
            CommandGroup(
                name: "Measuring and checking",
                subcommands: [
                    DoctorCommand.self, DecisionBenchCommand.self, EvalDetectorsCommand.self, EvalClausesCommand.self,
                ]),
            CommandGroup(name: "Internal", subcommands: [ExtractWorkerCommand.self, PageWorkerCommand.self]),
        ])

    static func main() async {
        Launch.makeFilesPrivate()
        FreeMemoryReturn.limitArenas()
        Launch.ensureOMPThreadLimit()
        DocketLogHandler.bootstrap()
        await main(nil)
    }
}
