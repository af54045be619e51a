import CoreMetrics
import DocketModel

/// Every statement and transaction of a store timed (swift-metrics; Prometheus' text with `--metrics`), around
/// the executor that runs it: `docket_store_query_duration_seconds` by store (sqlite, postgresql) and operation
/// (read, write, transaction). The statements themselves are never labels.
struct TimedExecutor: SQLExecutor {
    let inner: any SQLExecutor

    var dialect: SQLDialect { inner.dialect }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await timed("transaction") { try await inner.transaction(body) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await timed("read") { try await inner.read(body) }
    }

    func migrate(_ migrations: [StoreMigration]) async throws { try await inner.migrate(migrations) }

    func single(_ sql: String, _ values: [SQLValue], writes: Bool) async throws -> (rows: [SQLRow], changed: Int) {
        try await timed(writes ? "write" : "read") { try await inner.single(sql, values, writes: writes) }
    }

    /// The timer is looked up on each call, not kept: a store is opened before `--metrics` bootstraps the
    /// metrics system, and a timer made then would record into nothing (the worker's scrape test caught it).
    private func timed<T>(_ operation: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer {
            Timer(
                label: "docket_store_query_duration_seconds",
                dimensions: [("store", dialect.name.lowercased()), ("operation", operation)]
            ).recordSeconds(start.duration(to: .now).inSeconds)
        }
        return try await body()
    }
}
