import Foundation

/// An XLSX read back by openpyxl (Debian's python3-openpyxl), a reader that shares nothing with the writer.
public enum XLSXReader {
    struct Unreadable: Error, CustomStringConvertible {
        var path: String
        var description: String { "openpyxl could not read \(path) (scripts/setup.sh installs python3-openpyxl)" }
    }

    static func python(_ script: String, _ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Unreadable(path: path) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every row's cell values as text.
    public static func rows(_ path: String) throws -> [[String]] {
        let json = try python(
            """
            json, sys, openpyxl = __import__("json"), __import__("sys"), __import__("openpyxl")
            sheet = openpyxl.load_workbook(sys.argv[1]).active
            rows = sheet.iter_rows(values_only=True)
            print(json.dumps([[("" if v is None else str(v)) for v in row] for row in rows]))
            """, path)
        return try JSONDecoder().decode([[String]].self, from: Data(json.utf8))
    }

    /// How many cells are formulas.
    public static func formulas(_ path: String) throws -> Int {
        let count = try python(
            """
            sys, openpyxl = __import__("sys"), __import__("openpyxl")
            sheet = openpyxl.load_workbook(sys.argv[1]).active
            print(sum(1 for row in sheet.iter_rows() for cell in row if cell.data_type == "f"))
            """, path)
        return Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
