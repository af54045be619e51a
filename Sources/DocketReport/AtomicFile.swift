import DocketStore
import Foundation

/// Writes a file so that a reader, or a crash, sees the old content or the new, never half of
/// it: a temporary file in the same folder, flushed to disk, then renamed over the target.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let file = try AppendingFile(path: path)
        try file.append(data)
        try file.commit()
    }
}
