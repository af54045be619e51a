import ArgumentParser
import DocketCore
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
        let columns = [
            "sequence", "id", "at", "run", "kind", "document_sha256", "chunk_id", "unit_key", "input_hash",
            "rule_set_version",
            "prompt_schema_hash", "endpoint", "model", "weights_digest", "confidence", "reasoning", "outcome", "actor",
            "refers_to",
            "previous_hash", "hash",
        ]
        if format == .csv { print(columns.joined(separator: ",")) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        for path in try storeOptions.locations() {
            for record in try await StoreFactory.open(path).auditRecords(since: since) {
                let data = try encoder.encode(record)
                if format == .jsonl {
                    print(String(decoding: data, as: UTF8.self))
                } else {
                    let object = (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
                    print(columns.map { CSV.field(object[$0].map { "\($0)" } ?? "") }.joined(separator: ","))
                }
            }
        }
    }
}
