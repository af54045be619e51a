import ArgumentParser
import DocketCore

@main
struct DocketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "A document pipeline for legal teams that keep their data in house.",
        version: Docket.version,
        subcommands: [
            RunCommand.self, ResumeCommand.self, RunsCommand.self, StatusCommand.self, ExtractCommand.self,
            IngestCommand.self, ValidateCommand.self, RouteCommand.self, ReportCommand.self, AuditCommand.self,
            EraseCommand.self, ChallengeCommand.self, ReviewCommand.self, CostCommand.self, SubmitCommand.self,
            SubmissionsCommand.self, WorkCommand.self, ServeCommand.self, ScheduleCommand.self,
            InstallTimerCommand.self, DoctorCommand.self, WorkerCommand.self, DecisionBenchCommand.self,
            EvalDetectorsCommand.self,
            EvalClausesCommand.self, ClausesCommand.self,
        ])

    static func main() async {
        Launch.makeFilesPrivate()
        Launch.ensureOMPThreadLimit()
        await main(nil)
    }
}
