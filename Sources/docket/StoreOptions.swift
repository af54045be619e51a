import ArgumentParser
import DocketAudit
import DocketRecords
import DocketStore
import Foundation

/// `--store` for the commands that read or change what runs recorded: one store given (a SQLite
/// file or a `postgresql://` URL), else `DOCKET_STORE_URL` or `DOCKET_STORE`, else every
/// `Output/*/docket.sqlite` under the current folder.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The store: a SQLite file or a postgresql:// URL (default: DOCKET_STORE_URL, DOCKET_STORE, or every "
                + "Output/*/docket.sqlite).",
            valueName: "file-or-url"))
    var store: String?

    /// The stores to look in; none found is an error that says where Docket looked.
    func locations() throws -> [String] { try Self.locations(store) }

    func find(run: String) async throws -> (String, RunRecord) { try await Self.find(run: run, store: store) }

    static func locations(_ explicit: String?) throws -> [String] {
        if let location = StoreFactory.location(explicit: explicit, pipeline: nil) { return [location] }
        let output = URL(fileURLWithPath: "Output")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        let found = folders.sorted().map {
            output.appendingPathComponent($0).appendingPathComponent("docket.sqlite").path
        }.filter { FileManager.default.fileExists(atPath: $0) }
        guard !found.isEmpty else {
            throw ValidationError(
                "no store: none given with --store, DOCKET_STORE_URL or DOCKET_STORE, and no Output/*/docket.sqlite "
                    + "in \(FileManager.default.currentDirectoryPath) (run Docket from the project folder, or give "
                    + "the store)")
        }
        return found
    }

    /// `docket resume` looks for the run as the other commands do, with its own `--store`.
    static func find(run: String, store: String?) async throws -> (String, RunRecord) {
        let locations = try locations(store)
        for location in locations {
            if let record = try await StoreFactory.open(location).run(id: run) { return (location, record) }
        }
        throw ValidationError("no run \(run) in \(Self.display(locations)); give its store with --store")
    }

    func find(decision: String) async throws -> (RunStore, AuditRecord) {
        let locations = try locations()
        for location in locations {
            let store = try await StoreFactory.open(location)
            if let record = try await store.auditRecord(id: decision) { return (store, record) }
        }
        throw ValidationError("no decision \(decision) in \(Self.display(locations)); give its store with --store")
    }

    func find(challenge: String) async throws -> (RunStore, Challenge) {
        let locations = try locations()
        for location in locations {
            let store = try await StoreFactory.open(location)
            if let found = try await store.challenge(id: challenge) { return (store, found) }
        }
        throw ValidationError(
            "no challenge \(challenge) in \(Self.display(locations)); `docket review list` shows them")
    }

    static func display(_ locations: [String]) -> String {
        locations.map(StoreFactory.display).joined(separator: ", ")
    }
}
