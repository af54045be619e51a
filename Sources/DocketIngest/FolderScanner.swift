import Foundation

/// The files of an input folder, recursively, sorted by path. Hidden files and folders
/// (names starting with ".") are skipped; symbolic links are not followed.
public enum FolderScanner {
    public static func files(in folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw FolderScannerError(path: folder, problem: "does not exist")
        }
        guard isDirectory.boolValue else { return [folder] }
        let root = URL(fileURLWithPath: folder)
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                options: [.skipsHiddenFiles])
        else {
            throw FolderScannerError(path: folder, problem: "cannot be listed")
        }
        var files: [String] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if values?.isSymbolicLink == true || values?.isRegularFile != true { continue }
            files.append(url.path)
        }
        return files.sorted()
    }
}

public struct FolderScannerError: Error, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "\(path): the input folder \(problem); check the path" }
}
