import Foundation
import Testing

@testable import DocketStore

/// The embedded and the shared store, held to the same behaviour. PostgreSQL: the throwaway
/// cluster `make test` starts (scripts/test-postgres.sh), named by DOCKET_TEST_POSTGRES; each
/// test gets a database of its own.
public enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    public static var available: [StoreKind] { TestPostgres.adminURL == nil ? [.sqlite] : [.sqlite, .postgres] }
    public var testDescription: String { rawValue }

    public func open() async throws -> RunStore {
        switch self {
        case .sqlite:
            try await SQLRunStore(
                sqlite: FileManager.default.temporaryDirectory.appendingPathComponent("conf-\(UUID()).sqlite").path)
        case .postgres: try await SQLRunStore(postgres: try TestPostgres.freshDatabase())
        }
    }
}

public enum TestPostgres {
    public static var adminURL: String? { ProcessInfo.processInfo.environment["DOCKET_TEST_POSTGRES"] }

    /// A new, empty database on the test cluster; its URL.
    public static func freshDatabase() async throws -> String {
        let admin = try #require(adminURL)
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await PostgresExecutor.administer(url: admin, "CREATE DATABASE \(name)")
        return admin.replacingOccurrences(of: "/docket_test", with: "/\(name)")
    }
}
