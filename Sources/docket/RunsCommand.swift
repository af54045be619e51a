import ArgumentParser
import DocketCore
import Foundation

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List runs and their state.")

    @Option(help: "The SQLite store (default: every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        for path in StoreLocator.stores(store) {
            let database = try StoreFactory.open(path)
            for run in try database.runs() {
                let counts = try database.counts(run: run.id)
                print(
                    "\(run.id)  \(run.pipeline)  \(run.status)  units \(counts.done)/\(counts.units) done, "
                        + "\(counts.held) held, \(counts.failed) failed  (\(StoreFactory.display(path)))"
                )
            }
        }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show one run's state.")

    @Argument var runID: String

    @Option(help: "The SQLite store (default: every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        let (path, record) = try StoreLocator.find(run: runID, store: store)
        let counts = try StoreFactory.open(path).counts(run: runID)
        print(
            "run \(record.id) of \(record.pipeline): \(record.status); started \(record.startedAt)"
                + (record.finishedAt.map { ", ended \($0)" } ?? ""))
        print(
            "documents \(counts.documents) (\(counts.failedDocuments) failed); units \(counts.units): \(counts.done) "
                + "done, "
                + "\(counts.held) held, \(counts.failed) failed, \(counts.pending) pending; rule-set "
                + "\(record.ruleSetVersion)"
        )
    }
}

/// Finds stores: the one given (a path or a `postgresql://` URL), `DOCKET_STORE_URL` or
/// `DOCKET_STORE`, or every `Output/*/docket.sqlite`.
enum StoreLocator {
    static func stores(_ explicit: String?) -> [String] {
        if let path = StoreFactory.location(explicit: explicit, pipeline: nil) { return [path] }
        let output = URL(fileURLWithPath: "Output")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        return folders.sorted().map { output.appendingPathComponent($0).appendingPathComponent("docket.sqlite").path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    static func find(run: String, store: String?) throws -> (String, RunRecord) {
        for path in stores(store) {
            if let record = try StoreFactory.open(path).run(id: run) { return (path, record) }
        }
        throw ValidationError(
            "no run \(run) in \(stores(store).map(StoreFactory.display).joined(separator: ", ")); give its store "
                + "with --store"
        )
    }

    static func find(decision: String, store: String?) throws -> (RunStore, AuditRecord) {
        for path in stores(store) {
            let database = try StoreFactory.open(path)
            if let record = try database.auditRecord(id: decision) { return (database, record) }
        }
        throw ValidationError(
            "no decision \(decision) in \(stores(store).map(StoreFactory.display).joined(separator: ", ")); give its "
                + "store with --store"
        )
    }

    static func find(challenge: String, store: String?) throws -> (RunStore, Challenge) {
        for path in stores(store) {
            let database = try StoreFactory.open(path)
            if let found = try database.challenge(id: challenge) { return (database, found) }
        }
        throw ValidationError(
            "no challenge \(challenge) in \(stores(store).map(StoreFactory.display).joined(separator: ", ")); "
                + "`docket review list` shows them"
        )
    }
}
