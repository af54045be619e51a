import ArgumentParser
import DocketCore

struct DocketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "A document pipeline for legal teams that keep their data in house.",
        version: Docket.version,
        subcommands: [ExtractCommand.self, IngestCommand.self, ValidateCommand.self, RouteCommand.self, DoctorCommand.self, WorkerCommand.self, DecisionBenchCommand.self])
}
