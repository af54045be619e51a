import DocketModel
import Foundation
import NIOSSL
import PostgresNIO

/// Where and how the shared store is reached, read from its URL and from the environment that
/// libpq's users rely on: `PGPASSWORD`, a password file (`PGPASSFILE`, else `~/.pgpass`), `PGUSER`,
/// `PGHOST`, `PGPORT`, and `sslmode` (with `sslrootcert`) in the URL. The pipeline never holds a
/// password (the loader refuses one).
struct PostgresSettings: Sendable, Equatable {
    enum TLSMode: Sendable, Equatable {
        /// Plain text (`sslmode=disable`).
        case disable
        /// TLS if the server offers it, unverified (`allow`, `prefer`: libpq's default).
        case prefer
        /// TLS or no connection, unverified (`require`).
        case require
        /// TLS with the server's certificate checked against `root` (the system's roots when nil);
        /// with its name too when `hostname` (`verify-ca`, `verify-full`).
        case verify(root: String?, hostname: Bool)
    }

    var host: String
    var port: Int
    var user: String
    var database: String
    var password: String?
    var tls: TLSMode
    /// The folder of the server's Unix socket, when `host` is one (it starts with `/`).
    var socketPath: String? { host.hasPrefix("/") ? "\(host)/.s.PGSQL.\(port)" : nil }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let components = URLComponents(string: url), StoreURL.isPostgres(url) else {
            throw Failure(description: "\(StoreURL.redacted(url)) is not a postgresql:// URL")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        host =
            query["host"] ?? components.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"]
            ?? "/var/run/postgresql"
        port =
            components.port ?? query["port"].flatMap { Int($0) } ?? environment["PGPORT"].flatMap { Int($0) }
            ?? 5432
        user =
            components.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? environment["PGUSER"]
            ?? NSUserName()
        let path = String(components.path.drop(while: { $0 == "/" }))
        database =
            (path.isEmpty ? nil : path.removingPercentEncoding) ?? query["dbname"] ?? environment["PGDATABASE"]
            ?? user
        tls = try Self.tlsMode(query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer", root: query["sslrootcert"])
        password =
            components.password.flatMap { $0.removingPercentEncoding } ?? query["password"]
            ?? environment["PGPASSWORD"]
        if password == nil {
            let file = environment["PGPASSFILE"] ?? (NSHomeDirectory() as NSString).appendingPathComponent(".pgpass")
            password = Self.password(inFile: file, host: host, port: port, database: database, user: user)
        }
    }

    static func tlsMode(_ mode: String, root: String?) throws -> TLSMode {
        switch mode {
        case "disable": return .disable
        case "allow", "prefer": return .prefer
        case "require": return root == nil ? .require : .verify(root: root, hostname: false)
        case "verify-ca": return .verify(root: root, hostname: false)
        case "verify-full": return .verify(root: root, hostname: true)
        default:
            throw Failure(
                description: "sslmode=\(mode) is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
    }

    /// The password of the first line of a libpq password file that matches (`*` matches
    /// anything; `\` escapes `:` and `\`). As libpq does, a file that others may read is ignored,
    /// and a socket connection matches the host `localhost`.
    static func password(inFile path: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let wanted = [host.hasPrefix("/") ? "localhost" : host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(of: String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    static func fields(of line: String) -> [String] {
        var fields: [String] = [""]
        var escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 5 {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }

    func tlsConfiguration() throws -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch tls {
        case .disable: return nil
        case .prefer, .require: configuration.certificateVerification = .none
        case .verify(let root, let hostname):
            configuration.certificateVerification = hostname ? .fullVerification : .noHostnameVerification
            if let root { configuration.trustRoots = .file(root) }
        }
        return configuration
    }

    /// One connection (migrations, and the first check that the store answers).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketPath {
            configuration = .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS =
                switch self.tls {
                case .disable: .disable
                case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration()!))
                case .require, .verify: .require(try NIOSSLContext(configuration: tlsConfiguration()!))
                }
            configuration = .init(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// The pool every store call uses.
    func clientConfiguration(connections: Int) throws -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketPath {
            configuration = .init(unixSocketPath: socketPath, username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS =
                switch self.tls {
                case .disable: .disable
                case .prefer: .prefer(try tlsConfiguration()!)
                case .require, .verify: .require(try tlsConfiguration()!)
                }
            configuration = .init(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = connections
        return configuration
    }
}
