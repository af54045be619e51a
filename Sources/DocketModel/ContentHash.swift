import CPoppler
import Foundation

/// SHA-256 of a file's bytes, streamed so a large file costs no more memory than a small one.
/// GLib's checksum is used because GLib is already linked for poppler.
public enum ContentHash {
    /// The file cannot be opened for reading (Ingest reports it as `unreadable`).
    public struct UnreadableFile: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path): cannot open the file for reading" }
    }

    public static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw UnreadableFile(path: path) }
        defer { try? handle.close() }
        let checksum = g_checksum_new(G_CHECKSUM_SHA256)
        defer { g_checksum_free(checksum) }
        while true {
            let data = try handle.read(upToCount: 1 << 20) ?? Data()
            if data.isEmpty { break }
            data.withUnsafeBytes { raw in
                g_checksum_update(checksum, raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
            }
        }
        return String(cString: g_checksum_get_string(checksum))
    }

    public static func sha256(of bytes: [UInt8]) -> String {
        let checksum = g_checksum_new(G_CHECKSUM_SHA256)
        defer { g_checksum_free(checksum) }
        g_checksum_update(checksum, bytes, bytes.count)
        return String(cString: g_checksum_get_string(checksum))
    }
}
