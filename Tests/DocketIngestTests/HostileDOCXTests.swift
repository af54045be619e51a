import DocketIngest
import DocketModel
import DocketTestSupport
import Foundation
import Testing

/// Word documents made to hurt: a zip bomb, entity tricks, hidden text, and text outside the
/// body. Made on demand by Fixtures/make_docx.py; read by real extraction workers.
@Suite struct HostileDOCXTests {
    func make(_ kind: String) throws -> URL {
        let folder = try CLIFixtures.folder()
        let file = folder.appendingPathComponent("\(kind).docx")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/make_docx.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, kind, file.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return file
    }

    /// Declares 4 KB, inflates to 2 GiB: stopped by counting, as too large, in a worker whose
    /// address space (1 GiB) the old way of inflating would have blown.
    @Test func aZipBombEndsAsTooLargeWithBoundedMemory() async throws {
        let file = try make("bomb")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let worker = IsolatedExtractor(
            executable: TestPaths.docketExecutable, workerArguments: ["extract-worker"], memoryLimitMB: 1024)
        let document = worker.extract(path: file.path, options: ExtractionOptions(), passwords: [])
        #expect(document.error?.kind == .tooLarge, "\(String(describing: document.error))")
        #expect(document.error?.detail.contains("counted while inflating") == true)
    }

    @Test func aDoctypeOrAnUndefinedEntityMakesTheDocumentDamagedNotShort() async throws {
        for kind in ["doctype", "undefined"] {
            let file = try make(kind)
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: file.path)
            #expect(
                document.error?.kind == .damaged, "\(kind): \(String(describing: document.error)) \(document.fullText)")
            #expect(!document.fullText.contains("INJECTED"))
        }
    }

    /// What the model sees, a person can see: hidden runs are left out, and said so.
    @Test func hiddenTextIsLeftOutAndReported() async throws {
        let file = try make("hidden")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: file.path)
        #expect(document.error == nil)
        #expect(document.fullText.contains("The Supplier shall deliver.On time."))
        #expect(!document.fullText.contains("SECRET"))
        #expect(document.partial && document.warnings.contains { $0.contains("hidden text: 27 characters") })
    }

    /// The main part is found through the package's relationships, and so are the header,
    /// footer, footnotes and comments; a relationship that leaves the package is not followed.
    @Test func headersFootersNotesAndCommentsAreReadThroughTheRelationships() async throws {
        let file = try make("parts")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: file.path)
        #expect(document.error == nil, "\(String(describing: document.error))")
        for text in ["The body of the agreement.", "HEADER TEXT", "FOOTER TEXT", "FOOTNOTE TEXT", "COMMENT TEXT"] {
            #expect(document.fullText.contains(text), "\(text) missing")
        }
    }
}
