import DocketIngest
import DocketModel
import DocketTestSupport
import Foundation
import Testing

@Suite struct PageLimitTests {
    @Test func aHandWrittenPDFIsReadPageByPage() async throws {
        let url = try TinyPDF.write(pages: 3)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ExtractionOptions()
        options.ocr = .never
        let document = DocumentExtractor(options: options).extractDocument(path: url.path)
        #expect(document.error == nil)
        #expect(
            document.pages.map(\.text).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                == (1...3).map { "Clause \($0): governing law is the law of England." })
    }

    @Test func morePagesThanTheLimitIsTooLarge() async throws {
        let url = try TinyPDF.write(pages: 3)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ExtractionOptions()
        options.maxPages = 2
        let document = DocumentExtractor(options: options).extractDocument(path: url.path)
        #expect(document.error?.kind == .tooLarge)
        #expect(document.error?.kind.exitCode == 16)
        #expect(document.error?.detail.contains("3 pages") == true)
    }

    @Test func aNonsensePageCountIsRefusedNotAllocated() async throws {
        let url = try TinyPDF.write(pages: 1, declaredCount: 2_000_000_000)
        defer { try? FileManager.default.removeItem(at: url) }
        let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: url.path)
        #expect(document.error?.kind == .damaged || document.error?.kind == .tooLarge)
        #expect(document.pages.isEmpty)
    }
}
