import Crypto
import Foundation

/// SHA-256 of a file's bytes, streamed so a large file costs no more memory than a small one.
/// swift-crypto (BoringSSL underneath) computes it: the model needs no C library of its own.
public enum ContentHash {
    /// The file cannot be opened for reading (Ingest reports it as `unreadable`).
    public struct UnreadableFile: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path): cannot open the file for reading" }
    }

    public static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw UnreadableFile(path: path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let data = try handle.read(upToCount: 1 << 20) ?? Data()
            if data.isEmpty { break }
            hasher.update(data: data)
        }
        return hex(hasher.finalize())
    }

    public static func sha256(of bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
