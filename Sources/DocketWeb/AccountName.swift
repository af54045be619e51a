/// Account names: lower-case letters and digits, with ".", "-", "_" and "@" inside; at most 64
/// characters. A name typed in another case signs in to the same account.
public enum AccountName {
    /// The name as stored, or nil when it is not one.
    public static func normalised(_ name: String) -> String? {
        let name = name.lowercased()
        guard (1...64).contains(name.count), let first = name.unicodeScalars.first,
            ("a"..."z").contains(first) || ("0"..."9").contains(first),
            name.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_@".unicodeScalars.contains($0)
            })
        else { return nil }
        return name
    }
}
