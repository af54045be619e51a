import ArgumentParser
import Foundation

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Review contested decisions: list, show, uphold, overturn.",
        subcommands: [
            ReviewListCommand.self, ReviewShowCommand.self, ReviewUpholdCommand.self, ReviewOverturnCommand.self,
        ])
}
