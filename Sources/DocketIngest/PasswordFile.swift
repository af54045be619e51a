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

    /// Refused, as ssh refuses a private key, when its group or others may read or write it.
    public init(contentsOf path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PasswordFileError(path: path, line: 0, problem: "cannot be read")
        }
        defer { try? handle.close() }
        var status = stat()
        guard fstat(handle.fileDescriptor, &status) == 0 else {
            throw PasswordFileError(path: path, line: 0, problem: "cannot be read")
        }
        if status.st_mode & 0o077 != 0 {
            throw PasswordFileError(
                path: path, line: 0,
                problem: String(
                    format: "may be read by others (mode %03o): make it "
                        + "private with `chmod 600 %@`", status.st_mode & 0o777, path))
        }
        guard let data = try? handle.readToEnd() else {
            throw PasswordFileError(path: path, line: 0, problem: "cannot be read")
        }
        var entries: [Entry] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                throw PasswordFileError(
                    path: path, line: index + 1, problem: "has no TAB between the glob and the password")
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
        line == 0
            ? "\(path): the password file \(problem)"
            : "\(path):\(line): the password file \(problem); write one `glob<TAB>password` per line"
    }
}
