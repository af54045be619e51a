import DocketStore
import Foundation

/// Writes a file so that a reader, or a crash, sees the old content or the new, never half of
/// it: a temporary file in the same folder, flushed to disk, then renamed over the target.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Not derived from the target's name: that may already be as long as a name can be.
        let temporary = (folder as NSString).appendingPathComponent(".docket-\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw StoreError(message: "cannot write \(temporary): check that the output folder is writable")
        }
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw StoreError(message: "cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
