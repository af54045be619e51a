import Foundation

/// A page's query string as a browser's form writes it: name-value pairs, a name repeated for a list (`col`),
/// spaces as `+`. Hummingbird's `queryParameters` leaves `+` as it is, and clause categories have spaces.
enum FormQuery {
    /// What a query value keeps unencoded: ASCII letters, digits and `-._~` (RFC 3986's unreserved).
    static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// The pairs in order: `+` read as a space, then percent-decoded.
    static func pairs(_ query: String?) -> [(name: String, value: String)] {
        func decoded(_ part: Substring) -> String {
            let spaced = part.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return (query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// The pairs as a query string (without the `?`).
    static func encoded(_ pairs: [(String, String)]) -> String {
        pairs.map { name, value in encoded(name) + "=" + encoded(value) }.joined(separator: "&")
    }

    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// The last value given for `name`.
    static func value(_ name: String, in pairs: [(name: String, value: String)]) -> String? {
        pairs.last { $0.name == name }?.value
    }

    /// `page`, from 1.
    static func page(_ pairs: [(name: String, value: String)]) -> Int {
        max(1, Int(value("page", in: pairs) ?? "1") ?? 1)
    }
}
