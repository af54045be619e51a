import ArgumentParser
import DocketCore
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check, export and explain the audit trail of automated decisions.",
        subcommands: [AuditVerifyCommand.self, AuditExportCommand.self, AuditShowCommand.self, AuditPruneCommand.self])
}

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the hash chain; exit 1 at the first broken record.")

    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?
    @Option(help: "A head hash printed by an earlier verify and kept elsewhere: the trail must still hold it.")
    var head: String?

    func run() throws {
        let paths = StoreLocator.stores(store)
        guard !paths.isEmpty else { throw ValidationError("no store found: give one with --store") }
        var broken = false
        for path in paths {
            let database = try StoreFactory.open(path)
            let report = AuditVerifier.verify(
                try database.auditRecords(since: nil), heads: try database.auditHeads(), expectedHead: head)
            if let problem = report.problem {
                broken = true
                print("\(StoreFactory.display(path)): BROKEN at record \(report.firstBroken ?? 0): \(problem)")
            } else {
                print("\(StoreFactory.display(path)): intact, \(report.checked) records; head \(report.head)")
            }
        }
        if broken { throw ExitCode(1) }
    }
}

struct AuditExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the trail for auditors, as JSON lines or CSV.")

    enum Format: String, ExpressibleByArgument { case jsonl, csv }

    @Option(help: "Only records at or after this date (YYYY-MM-DD, UTC).")
    var since: String?
    @Option(help: "jsonl or csv.")
    var format: Format = .jsonl
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
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
        for path in StoreLocator.stores(store) {
            for record in try StoreFactory.open(path).auditRecords(since: since) {
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

struct AuditShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Explain one decision in plain language.")

    @Argument(help: "The decision id (d-…), as results.jsonl and the reports give it.")
    var decisionID: String
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        let (database, record) = try StoreLocator.find(decision: decisionID, store: store)
        let challenges = try database.challenges(openOnly: false).filter { $0.decisionID == decisionID }
        let routing = try record.unitKey.map { try database.auditRecords(unit: $0) }?.last {
            $0.kind == .routing && $0.run == record.run
        }
        print(DecisionExplainer.explain(record, challenges: challenges, routing: routing))
    }
}

struct AuditPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove records older than the retention period now (runs also do it when they start).")

    @Option(help: "Keep this many days (at least 183).")
    var days: Int
    @Option(help: "The SQLite store.")
    var store: String

    func run() throws {
        guard days >= AuditSpec.minimumRetentionDays else {
            throw ValidationError(
                "--days must be at least \(AuditSpec.minimumRetentionDays): the EU AI Act (Art. 19, Art. 26(6)) asks "
                    + "for six months"
            )
        }
        let removed = try StoreFactory.open(store).pruneAudit(before: Date().addingTimeInterval(-Double(days) * 86_400))
        print("removed \(removed) records older than \(days) days")
    }
}

/// A UTC date given on the command line.
enum DateArgument {
    static func parse(_ text: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let date = formatter.date(from: text) else {
            throw ValidationError("`\(text)` is not a date: write YYYY-MM-DD")
        }
        return date
    }
}
