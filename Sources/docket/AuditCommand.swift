import ArgumentParser
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check, export and explain the audit trail of automated decisions.",
        subcommands: [AuditVerifyCommand.self, AuditExportCommand.self, AuditShowCommand.self, AuditPruneCommand.self])
}
