import DocketAudit
import DocketRecords
import Foundation

extension SQLRunStore: AccountStore {
    public func addAccount(_ account: Account) async throws {
        try await executor.transaction { connection in try Self.add(account, on: connection) }
    }

    static func add(_ account: Account, on connection: any SQLConnection) throws {
        guard try connection.first("SELECT id FROM accounts WHERE name = $1", [account.name]) == nil else {
            throw StoreError(message: "an account named \(account.name) exists already")
        }
        try connection.execute(
            """
            INSERT INTO accounts (id, name, password_hash, roles, disabled, created_at)
                VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [
                account.id, account.name, account.passwordHash, Self.roles(account.roles), account.disabled ? 1 : 0,
                account.createdAt,
            ])
    }

    public func apply(_ change: AccountChange, audit: AuditRecord) async throws {
        try await executor.transaction { connection in
            switch change {
            case .add(let account): try Self.add(account, on: connection)
            case .update(let account, let endingSessions):
                try Self.update(account, on: connection)
                if endingSessions {
                    try connection.execute("DELETE FROM web_sessions WHERE account_id = $1", [account.id])
                }
            case .token(let account, let hash): try Self.setToken(account: account, hash: hash, on: connection)
            }
            _ = try Self.append(audit, on: connection)
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await executor.first("SELECT * FROM accounts WHERE name = $1", [name]).map(Self.account)
    }

    public func account(id: String) async throws -> Account? {
        try await executor.first("SELECT * FROM accounts WHERE id = $1", [id]).map(Self.account)
    }

    public func accounts() async throws -> [Account] {
        try await executor.query("SELECT * FROM accounts ORDER BY name").map(Self.account)
    }

    public func updateAccount(_ account: Account) async throws {
        try await executor.transaction { connection in try Self.update(account, on: connection) }
    }

    static func update(_ account: Account, on connection: any SQLConnection) throws {
        try connection.execute(
            "UPDATE accounts SET password_hash = $1, roles = $2, disabled = $3 WHERE id = $4",
            [account.passwordHash, Self.roles(account.roles), account.disabled ? 1 : 0, account.id])
    }

    public func createSession(_ session: WebSession) async throws {
        try await executor.execute(
            """
            INSERT INTO web_sessions (token_hash, account_id, csrf_token, created_at, last_seen_at)
                VALUES ($1, $2, $3, $4, $5)
            """, [session.tokenHash, session.accountID, session.csrfToken, session.createdAt, session.lastSeenAt])
    }

    public func session(tokenHash: String) async throws -> WebSession? {
        try await executor.first("SELECT * FROM web_sessions WHERE token_hash = $1", [tokenHash]).map { row in
            WebSession(
                tokenHash: row.text("token_hash") ?? "", accountID: row.text("account_id") ?? "",
                csrfToken: row.text("csrf_token") ?? "", createdAt: row.timestamp("created_at") ?? .distantPast,
                lastSeenAt: row.timestamp("last_seen_at") ?? .distantPast)
        }
    }

    public func touchSession(tokenHash: String, at date: Date) async throws {
        try await executor.execute(
            "UPDATE web_sessions SET last_seen_at = $1 WHERE token_hash = $2", [date, tokenHash])
    }

    public func deleteSession(tokenHash: String) async throws {
        try await executor.execute("DELETE FROM web_sessions WHERE token_hash = $1", [tokenHash])
    }

    public func deleteSessions(account: String) async throws {
        try await executor.execute("DELETE FROM web_sessions WHERE account_id = $1", [account])
    }

    public func recordSignInFailure(keys: [String], at date: Date) async throws {
        try await executor.transaction { connection in
            for key in keys {
                try connection.execute("INSERT INTO signin_failures (key, at) VALUES ($1, $2)", [key, date])
            }
        }
    }

    public func signInFailures(key: String, since date: Date) async throws -> Int {
        try await executor.count("SELECT COUNT(*) AS n FROM signin_failures WHERE key = $1 AND at >= $2", [key, date])
    }

    public func clearSignInFailures(key: String) async throws {
        try await executor.execute("DELETE FROM signin_failures WHERE key = $1", [key])
    }

    public func setAPIToken(account: String, tokenHash: String?, at date: Date) async throws {
        try await executor.transaction { connection in
            try Self.setToken(account: account, hash: tokenHash, at: date, on: connection)
        }
    }

    static func setToken(
        account: String, hash: String?, at date: Date = Date(), on connection: any SQLConnection
    )
        throws
    {
        try connection.execute("DELETE FROM api_tokens WHERE account_id = $1", [account])
        if let hash {
            try connection.execute(
                "INSERT INTO api_tokens (token_hash, account_id, created_at) VALUES ($1, $2, $3)",
                [hash, account, date])
        }
    }

    public func account(apiTokenHash: String) async throws -> Account? {
        try await executor.first(
            "SELECT accounts.* FROM api_tokens JOIN accounts ON accounts.id = api_tokens.account_id "
                + "WHERE api_tokens.token_hash = $1", [apiTokenHash]
        ).map(Self.account)
    }

    /// Roles as stored: their names, sorted, comma-separated.
    static func roles(_ roles: Set<Account.Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }

    static func account(_ row: SQLRow) -> Account {
        Account(
            id: row.text("id") ?? "", name: row.text("name") ?? "", passwordHash: row.text("password_hash") ?? "",
            roles: Set(
                (row.text("roles") ?? "").split(separator: ",").compactMap { Account.Role(rawValue: String($0)) }),
            disabled: (row.integer("disabled") ?? 0) != 0, createdAt: row.timestamp("created_at") ?? .distantPast)
    }
}
