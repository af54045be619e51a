import Foundation

/// A store location that names the shared PostgreSQL store rather than a SQLite file: the pipeline
/// loader refuses passwords in it, the store factory opens it with libpq.
public enum StoreURL {
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// A connection URL or `key=value` string without its passwords, for messages: the password
    /// in the URL's user part, `?password=` and `sslpassword=` parameters, `password=…` pairs.
    public static func redacted(_ location: String) -> String {
        var text = location
        if var components = URLComponents(string: location), components.scheme != nil {
            if components.password != nil { components.password = "***" }
            components.queryItems = components.queryItems?.map { item in
                Self.isSecret(item.name) ? URLQueryItem(name: item.name, value: "***") : item
            }
            text = components.string ?? "postgresql://***"
        }
        // key=value connection strings, and anything a URL parser left: quoted or bare values.
        let pattern = #"(?i)\b(ssl)?(password|passwd|pwd)(\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)"#
        return text.replacingOccurrences(of: pattern, with: "$1$2$3***", options: .regularExpression)
    }

    static func isSecret(_ name: String) -> Bool {
        ["password", "sslpassword", "passwd", "pwd"].contains(name.lowercased())
    }
}
