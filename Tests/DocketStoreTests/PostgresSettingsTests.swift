import Foundation
import Testing

@testable import DocketStore

/// What users of libpq rely on, read without libpq: the URL's parts, the environment's defaults,
/// password files and `sslmode`.
@Suite struct PostgresSettingsTests {
    func passwordFile(_ text: String, permissions: Int = 0o600) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        return path
    }

    @Test func theURLsPartsAndTheEnvironmentsDefaults() throws {
        let full = try PostgresSettings(
            url: "postgresql://anna%40legal@db.internal:6432/contracts?sslmode=verify-full&sslrootcert=/etc/ca.crt",
            environment: ["PGPORT": "1", "PGUSER": "x"])
        #expect(full.host == "db.internal" && full.port == 6432 && full.user == "anna@legal")
        #expect(full.database == "contracts" && full.tls == .verify(root: "/etc/ca.crt", hostname: true))
        let bare = try PostgresSettings(
            url: "postgresql:///", environment: ["PGHOST": "/run/pg", "PGPORT": "5433", "PGUSER": "jonas"])
        #expect(bare.host == "/run/pg" && bare.socketPath == "/run/pg/.s.PGSQL.5433")
        #expect(bare.user == "jonas" && bare.database == "jonas" && bare.tls == .prefer)
        #expect(try PostgresSettings(url: "postgresql://u@h/d?sslmode=require", environment: [:]).tls == .require)
        #expect(throws: PostgresSettings.Failure.self) {
            try PostgresSettings(url: "postgresql://u@h/d?sslmode=sometimes", environment: [:])
        }
    }

    /// The URL's password first, then PGPASSWORD, then the first matching line of the password file.
    @Test func passwordsComeFromTheURLTheEnvironmentOrAPasswordFile() throws {
        let file = try passwordFile(
            """
            # comment
            other:*:*:*:no
            db.internal:5432:contracts:anna:with\\:colon\\\\
            *:*:*:anna:fallback
            """)
        let url = "postgresql://anna@db.internal/contracts"
        #expect(try PostgresSettings(url: url, environment: ["PGPASSFILE": file]).password == "with:colon\\")
        #expect(
            try PostgresSettings(url: "postgresql://anna@db.internal/other", environment: ["PGPASSFILE": file]).password
                == "fallback")
        #expect(
            try PostgresSettings(url: url, environment: ["PGPASSFILE": file, "PGPASSWORD": "env"]).password == "env")
        #expect(
            try PostgresSettings(url: "postgresql://anna:inurl@db.internal/c", environment: ["PGPASSWORD": "env"])
                .password == "inurl")
        // As libpq: a password file that others may read is not used.
        let open = try passwordFile("*:*:*:*:leaked", permissions: 0o644)
        #expect(try PostgresSettings(url: url, environment: ["PGPASSFILE": open]).password == nil)
    }

    /// postgres-nio sends one statement at a time: a migration's script is split outside quotes,
    /// `$$` bodies and comments.
    @Test func scriptsSplitIntoStatements() {
        let script = """
            CREATE TABLE a (x TEXT DEFAULT ';'); -- a comment; with a semicolon
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'no; never'; END $$;
            CREATE INDEX i ON a(x)
            """
        let statements = PostgresExecutor.statements(in: script)
        #expect(statements.count == 3, "\(statements)")
        #expect(statements[0] == "CREATE TABLE a (x TEXT DEFAULT ';')")
        #expect(statements[1].hasSuffix("END $$") && statements[2] == "CREATE INDEX i ON a(x)")
    }
}
