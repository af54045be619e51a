import DocketModel
import DocketSpec
import Foundation

/// Opens the store a location names: a `postgresql://` URL (the shared store) or a SQLite file
/// path (the embedded default).
public enum StoreFactory {
    public static func open(_ location: String, durable: Bool = true) async throws -> RunStore {
        StoreURL.isPostgres(location)
            ? try await SQLRunStore(postgres: location) : try await SQLRunStore(sqlite: location, durable: durable)
    }

    /// The store a run uses: `--store`, else `DOCKET_STORE_URL` or `DOCKET_STORE`, else the
    /// pipeline's `store:`, else `<output>/docket.sqlite`.
    public static func location(explicit: String?, pipeline: PipelineSpec?) -> String? {
        // An empty variable is no store (`DOCKET_STORE= docket runs`), not a store at "".
        let environment = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
        if let explicit = explicit ?? environment["DOCKET_STORE_URL"] ?? environment["DOCKET_STORE"] { return explicit }
        guard let pipeline else { return nil }
        return pipeline.store ?? (pipeline.output as NSString).appendingPathComponent("docket.sqlite")
    }

    /// The location as it may be printed or logged: a URL without its password.
    public static func display(_ location: String) -> String {
        StoreURL.isPostgres(location) ? StoreURL.redacted(location) : location
    }
}
