import Foundation

/// Passwords for encrypted documents: one `glob<TAB>password` per line, the glob matched
/// against the file's name (not its folder). Blank lines and lines starting with `#` are skipped.
/// The passwords stay in memory only; nothing here logs or prints them.
public struct PasswordFile: Sendable {
    struct Entry: Sendable {
        var glob: String
        var password: String
    }

    private var entries: [Entry]

    public init(entries: [(glob: String, password: String)] = []) {
        self.entries = entries.map { Entry(glob: $0.glob, password: $0.password) }
    }

    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PasswordFileError(path: path, line: 0, problem: "cannot be read")
        }
        var entries: [Entry] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                throw PasswordFileError(path: path, line: index + 1, problem: "has no TAB between the glob and the password")
            }
            entries.append(Entry(glob: String(line[..<tab]), password: String(line[line.index(after: tab)...])))
        }
        self.entries = entries
    }

    /// Every password whose glob matches the file's name, in file order.
    public func passwords(forFile path: String) -> [String] {
        let name = (path as NSString).lastPathComponent
        return entries.filter { fnmatch($0.glob, name, 0) == 0 }.map(\.password)
    }
}

public struct PasswordFileError: Error, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var problem: String
    public var description: String {
        "\(path):\(line): the password file \(problem); write one `glob<TAB>password` per line"
    }
}
