import ArgumentParser
import DocketAudit
import DocketStore
import Foundation

struct AuditExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the trail for auditors, as JSON lines or CSV.")

    enum Format: String, ExpressibleByArgument { case jsonl, csv }

    @Option(help: "Only records at or after this date (YYYY-MM-DD, UTC).")
    var since: String?
    @Option(help: "jsonl or csv.")
    var format: Format = .jsonl
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let since = try since.map(DateArgument.parse)
        if format == .csv { print(AuditExport.columns.joined(separator: ",")) }
        for path in try storeOptions.locations() {
            for record in try await StoreFactory.open(path).auditRecords(since: since) {
                print(format == .jsonl ? try AuditExport.jsonLine(record) : try AuditExport.csvLine(record))
            }
        }
    }
}
