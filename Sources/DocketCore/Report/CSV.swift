/// RFC 4180 fields, and no cell a spreadsheet would run as a formula.
public enum CSV {
    public static func field(_ field: String) -> String {
        let field = field.first.map { "=+-@".contains($0) } == true ? "'" + field : field
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
