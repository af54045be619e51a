import ArgumentParser
import Foundation

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "When pipelines run.",
        subcommands: [ScheduleListCommand.self])
}
