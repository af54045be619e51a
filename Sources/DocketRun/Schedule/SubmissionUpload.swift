import DocketModel
import Foundation
import ZIPFoundation

/// Files handed in through the web workspace, written where the pipeline's runs read them: a
/// folder of the submission's own, `<output>/uploads/<submission id>/`, readable by Docket's user
/// only. A zipped folder is unpacked with limits of the same kind as a DOCX's: a count of files,
/// bytes counted while inflating (the sizes an archive declares are not trusted), and no entry
/// that is a link or would land outside the folder. Anything refused refuses the whole upload.
public struct SubmissionUpload: Sendable {
    public struct Limits: Sendable {
        public var files = 500
        public var totalBytes = 512 << 20

        public init() {}
    }

    public struct Refused: Error, CustomStringConvertible {
        public var description: String
    }

    public let folder: String
    public let limits: Limits
    private(set) var written: [(path: String, sha256: String)] = []
    private var bytes = 0

    public static func folder(output: String, submission: String) -> String { "\(output)/uploads/\(submission)" }

    public init(folder: String, limits: Limits = Limits()) throws {
        self.folder = folder
        self.limits = limits
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The files written so far, with their hashes, for the submission's record.
    public var files: [(path: String, sha256: String)] { written }

    /// A file as the browser sent it; a `.zip` is unpacked into a folder named after it.
    public mutating func add(name: String, data: Data) throws {
        let safe = Self.safeName(name, fallback: "file-\(written.count + 1)")
        if safe.lowercased().hasSuffix(".zip") {
            try unpack(data, named: safe)
        } else {
            try write(data, as: safe)
        }
    }

    /// Removes what was written, after a refusal.
    public func discard() { try? FileManager.default.removeItem(atPath: folder) }

    mutating func unpack(_ data: Data, named zipName: String) throws {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Refused(description: "\(zipName) is not a readable zip archive")
        }
        let base = String(zipName.dropLast(4))
        for entry in archive {
            let path = entry.path
            if entry.type == .directory || path.hasPrefix("__MACOSX/") { continue }
            guard entry.type == .file else { throw Refused(description: "\(zipName) holds a link (\(path)); refused") }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard !path.hasPrefix("/"), !path.contains("\\"), !parts.contains(".."), !parts.contains(""),
                !path.contains("\0")
            else {
                throw Refused(description: "\(zipName) holds an entry outside its folder (\(path)); refused")
            }
            if parts.last?.hasPrefix(".") == true { continue }
            guard written.count < limits.files else {
                throw Refused(description: "\(zipName) holds more than \(limits.files) files; submit fewer at a time")
            }
            var inflated = Data()
            let budget = limits.totalBytes - bytes
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard inflated.count + chunk.count <= budget else { throw Refused(description: "") }
                    inflated.append(chunk)
                }
            } catch is Refused {
                throw Refused(
                    description: "\(zipName) inflates to more than \(limits.totalBytes >> 20) MB (counted while "
                        + "inflating); submit fewer files at a time")
            } catch {
                throw Refused(description: "\(zipName): \(path) cannot be inflated")
            }
            let folders = parts.dropLast().map { Self.safeName($0, fallback: "folder") }
            try write(
                inflated,
                as: ([base] + folders + [Self.safeName(parts.last ?? "", fallback: "file")]).joined(separator: "/"))
        }
    }

    mutating func write(_ data: Data, as relative: String) throws {
        guard written.count < limits.files else {
            throw Refused(description: "more than \(limits.files) files in one submission; submit fewer at a time")
        }
        guard bytes + data.count <= limits.totalBytes else {
            throw Refused(
                description: "more than \(limits.totalBytes >> 20) MB in one submission; submit fewer at a time")
        }
        var path = "\(folder)/\(relative)"
        var counter = 1
        while FileManager.default.fileExists(atPath: path) {
            counter += 1
            let url = URL(fileURLWithPath: "\(folder)/\(relative)")
            let stem = url.deletingPathExtension().path, ext = url.pathExtension
            path = "\(stem)-\(counter)" + (ext.isEmpty ? "" : ".\(ext)")
        }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw Refused(description: "the upload folder cannot be written: see the server's log") }
        bytes += data.count
        written.append((path, ContentHash.sha256(of: Array(data))))
    }

    /// A name for a file or folder from what a browser or an archive says: its last component,
    /// without separators, control characters or leading dots, at most 120 characters.
    static func safeName(_ name: String, fallback: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var safe = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        while safe.hasPrefix(".") { safe.removeFirst() }
        safe = String(safe.prefix(120)).trimmingCharacters(in: .whitespaces)
        return safe.isEmpty ? fallback : safe
    }
}
