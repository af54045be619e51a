import Foundation
import StoreTestSupport
import Testing

@testable import DocketRecords
@testable import DocketStore

/// Signing in to a real PostgreSQL server as users do: a password from PGPASSWORD or a password
/// file, TLS when the URL asks for it, the server's Unix socket. The cluster of
/// `scripts/test-postgres.sh` has a role with a password and one that may only connect over TLS.
@Suite(.enabled(if: TestPostgres.adminURL != nil)) struct PostgresAccessTests {
    /// The admin URL's server, as `role` into its own database, with `query` appended.
    func url(_ role: String, _ query: String = "") throws -> String {
        let adminURL = try #require(TestPostgres.adminURL)
        let admin = try #require(URLComponents(string: adminURL))
        return "postgresql://\(role)@127.0.0.1:\(try #require(admin.port))/\(role)\(query)"
    }

    func opens(_ url: String, _ environment: [String: String]) async -> Bool {
        do {
            let store = try await SQLRunStore(postgres: url, environment: environment)
            try await store.createRun(
                RunRecord(
                    id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .queued, startedAt: Date()))
            return try await store.run(id: "r") != nil
        } catch {
            return false
        }
    }

    @Test func aPasswordFromTheEnvironmentOrAPasswordFile() async throws {
        let url = try url("docket_password")
        #expect(await !opens(url, [:]))
        #expect(await !opens(url, ["PGPASSWORD": "wrong"]))
        #expect(await opens(url, ["PGPASSWORD": "test-secret"]))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())").path
        try "127.0.0.1:*:*:docket_password:test-secret\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(await opens(url, ["PGPASSFILE": file]))
    }

    /// The role that may only connect over TLS: refused in plain text, admitted with TLS, and with
    /// the server's certificate verified against the root the URL names.
    @Test func tlsWhenTheURLAsksForIt() async throws {
        let root = try #require(ProcessInfo.processInfo.environment["DOCKET_TEST_POSTGRES_ROOT"])
        #expect(await !opens(try url("docket_tls", "?sslmode=disable"), [:]))
        #expect(await opens(try url("docket_tls", "?sslmode=require"), [:]))
        #expect(await opens(try url("docket_tls", "?sslmode=verify-full&sslrootcert=\(root)"), [:]))
        // Its certificate is its own: the system's roots do not vouch for it.
        #expect(await !opens(try url("docket_tls", "?sslmode=verify-full"), [:]))
    }

    @Test func theServersUnixSocket() async throws {
        let adminURL = try #require(TestPostgres.adminURL)
        let admin = try #require(URLComponents(string: adminURL))
        let folder = try #require(ProcessInfo.processInfo.environment["DOCKET_TEST_POSTGRES_ROOT"]).dropLast(
            "/root.crt".count)
        let url = "postgresql:///docket_test?host=\(folder)&port=\(try #require(admin.port))&user=docket"
        #expect(await opens(url, [:]))
    }
}
