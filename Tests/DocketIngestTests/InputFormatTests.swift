import DocketTestSupport
import Foundation
import Testing

@testable import DocketIngest
@testable import DocketModel

@Suite struct InputFormatTests {
    @Test func kindsAreToldByContentNotByName() {
        #expect(DocumentKindSniffer.kind(head: Array("%PDF-1.7\n".utf8), fileExtension: "txt") == .pdf)
        #expect(DocumentKindSniffer.kind(head: [0x89, 0x50, 0x4E, 0x47, 0x0D], fileExtension: "pdf") == .png)
        #expect(DocumentKindSniffer.kind(head: [0xFF, 0xD8, 0xFF, 0xE0], fileExtension: "") == .jpeg)
        #expect(DocumentKindSniffer.kind(head: [0x49, 0x49, 0x2A, 0x00], fileExtension: "") == .tiff)
        #expect(DocumentKindSniffer.kind(head: [0x50, 0x4B, 0x03, 0x04], fileExtension: "docx") == .docx)
        #expect(DocumentKindSniffer.kind(head: [0x50, 0x4B, 0x03, 0x04], fileExtension: "zip") == nil)
        #expect(DocumentKindSniffer.kind(head: Array("# Title".utf8), fileExtension: "md") == .markdown)
        #expect(DocumentKindSniffer.kind(head: [0x00, 0x01, 0x02], fileExtension: "txt") == nil)
        #expect(DocumentKindSniffer.kind(head: Array("junk%PDF-1.4".utf8), fileExtension: "bin") == .pdf)
    }

    @Test func passwordGlobsMatchTheFileName() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID()).tsv")
        try writePrivate("# comment\nqpdf-enc-*\tview\n*.pdf\tfallback\n\nreport.pdf\ttab\tinside\n", to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let passwords = try PasswordFile(contentsOf: file.path)
        #expect(passwords.passwords(forFile: "/in/qpdf-enc-R3,V2,U=view,O=master.pdf") == ["view", "fallback"])
        #expect(passwords.passwords(forFile: "/in/report.pdf") == ["fallback", "tab\tinside"])
        #expect(passwords.passwords(forFile: "/in/notes.txt").isEmpty)
    }

    /// As ssh refuses a private key others may read: the error names the mode and the fix.
    @Test func aPasswordFileOthersMayReadIsRefused() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID()).tsv")
        try writePrivate("*.pdf\tsecret\n", to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try PasswordFile(contentsOf: file.path).passwords(forFile: "a.pdf") == ["secret"])
        for mode: mode_t in [0o644, 0o640, 0o604, 0o620] {
            chmod(file.path, mode)
            do {
                _ = try PasswordFile(contentsOf: file.path)
                Issue.record("mode \(String(mode, radix: 8)) was accepted")
            } catch let error as PasswordFileError {
                #expect(error.description.contains("chmod 600") && !error.description.contains("secret"))
            }
        }
    }

    @Test func aPasswordLineWithoutATabIsRefusedWithItsLineNumber() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID()).tsv")
        try writePrivate("ok.pdf\tsecret\nbroken line\n", to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: PasswordFileError.self) { try PasswordFile(contentsOf: file.path) }
        do { _ = try PasswordFile(contentsOf: file.path) } catch let error as PasswordFileError {
            #expect(error.line == 2)
            #expect(!error.description.contains("secret"))
        }
    }

    @Test func plainTextSplitsPagesOnFormFeedsAndReadsLatin1() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID()).txt")
        // "Straße\fzwei" in Latin-1.
        try Data([0x53, 0x74, 0x72, 0x61, 0xDF, 0x65, 0x0C, 0x7A, 0x77, 0x65, 0x69]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: file.path)
        #expect(document.error == nil)
        #expect(document.pages.map(\.text) == ["Straße", "zwei"])
        #expect(document.pages.allSatisfy { $0.source == .native })
    }

    @Test func aFileOfAnotherKindIsRefusedAsUnsupported() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("x-\(UUID()).xlsx")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: file.path)
        #expect(document.error?.kind == .unsupportedFile)
        #expect(document.error?.description.contains(file.path) == true)
        #expect(!document.sha256.isEmpty)
    }
}
