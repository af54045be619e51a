import DocketStore
import Foundation
import Testing

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
        // createdb (Debian's postgresql-client), the name an argument of its own: this target is built with
        // `swift build -c release` too, where the store's own administrative statement is not visible.
        let createdb = Process()
        createdb.executableURL = URL(fileURLWithPath: "/usr/bin/createdb")
        createdb.arguments = ["--maintenance-db=\(admin)", "--", name]
        createdb.standardOutput = FileHandle.nullDevice
        try createdb.run()
        createdb.waitUntilExit()
        try #require(createdb.terminationStatus == 0, "createdb could not create the database \(name)")
        return admin.replacingOccurrences(of: "/docket_test", with: "/\(name)")
    }
}
