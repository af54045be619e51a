import DocketStore
import Foundation

/// A file written in pieces that readers see whole or not at all: the pieces go to a temporary file in
/// the same folder, which `commit` flushes to disk and renames over the target (`AtomicFile` writes a
/// file at once through it). A file abandoned without `commit` is removed.
final class AppendingFile {
    let path: String
    private let temporary: String
    private let handle: FileHandle
    private var committed = false

    init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Not derived from the target's name: that may already be as long as a name can be.
        temporary = (folder as NSString).appendingPathComponent(".docket-\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw StoreError(message: "cannot write \(temporary): check that the output folder is writable")
        }
        self.handle = handle
    }

    func append(_ text: String) throws {
        try append(Data(text.utf8))
    }

    func append(_ data: Data) throws {
        try handle.write(contentsOf: data)
    }

    /// Copies the next `count` bytes of `source`, a piece at a time.
    func append(from source: FileHandle, count: Int) throws {
        var left = count
        while left > 0 {
            guard let piece = try source.read(upToCount: min(left, 256 * 1024)), !piece.isEmpty else {
                throw StoreError(message: "a kept part of the run's files ended early: run `docket report` again")
            }
            try handle.write(contentsOf: piece)
            left -= piece.count
        }
    }

    func commit() throws {
        try handle.synchronize()
        try handle.close()
        committed = true
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw StoreError(message: "cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if !committed {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
