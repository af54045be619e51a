import Foundation
import Testing

@testable import DocketModel

/// SHA-256 as FIPS 180-4 gives it, for bytes and for files read in pieces.
@Suite struct ContentHashTests {
    @Test func bytesHashToTheStandardsVectors() {
        #expect(ContentHash.sha256(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            ContentHash.sha256(of: Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// A file larger than one read (1 MiB) hashes as its bytes do: a million "a"s, FIPS 180-4's
    /// long vector, plus a second piece.
    @Test func aFileReadInPiecesHashesAsItsBytes() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            ContentHash.sha256(of: bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let large = bytes + bytes + [0x0A]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hash-\(UUID())")
        try Data(large).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try ContentHash.sha256(ofFile: file.path) == ContentHash.sha256(of: large))
    }

    @Test func aMissingFileIsUnreadable() {
        #expect(throws: ContentHash.UnreadableFile.self) { try ContentHash.sha256(ofFile: "/nonexistent/\(UUID())") }
    }
}
