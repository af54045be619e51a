import Foundation

/// RFC 4180 fields, and no cell a spreadsheet would run as a formula: a field that starts with
/// `=`, `+`, `-`, `@`, a TAB or a CR gets a leading apostrophe (OWASP's CSV injection advice).
public enum CSV {
    public static func field(_ field: String) -> String {
        let field =
            field.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + field : field
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A record: its fields, guarded and quoted, and CRLF.
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}
