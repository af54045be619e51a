import DocketIngest
import DocketModel
import DocketTestSupport
import Foundation
import Testing

/// Documents written by others (../shared/data, see its README). Skipped when the folder is absent.
@Suite(.enabled(if: TestPaths.hasSharedData, "../shared/data is not present"))
struct OutsideDataTests {
    let worker = IsolatedExtractor(executable: TestPaths.docketExecutable, workerArguments: ["extract-worker"])
    var cuad: URL { TestPaths.sharedData.appendingPathComponent("cuad") }
    var pdfs: URL { TestPaths.sharedData.appendingPathComponent("pdfs") }

    @Test func cuadContractsAreExtractedWithWordRecallOfAtLeast97Percent() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: cuad.path).filter {
            $0.lowercased().hasSuffix(".pdf")
        }
        var compared = 0
        for file in files.sorted() {
            let referenceURL = cuad.appendingPathComponent((file as NSString).deletingPathExtension + ".txt")
            guard let reference = try? String(contentsOf: referenceURL, encoding: .utf8) else { continue }
            var options = ExtractionOptions()
            options.ocr = .never
            let document = worker.extract(path: cuad.appendingPathComponent(file).path, options: options, passwords: [])
            try #require(document.error == nil, "\(file): \(String(describing: document.error))")
            let recall = TextMetrics.wordRecall(reference: reference, extracted: document.fullText)
            #expect(recall >= 0.97, "\(file): word recall \(recall)")
            compared += 1
        }
        #expect(compared >= 10)
    }

    /// What each hard PDF must come out as: extracted (nil) or refused with this error.
    let expectations: [String: IngestErrorKind?] = [
        "minimal-document.pdf": nil, "002-trivial-libre-office-writer.pdf": nil, "google-doc-document.pdf": nil,
        "pdflatex-4-pages.pdf": nil, "multicolumn.pdf": nil, "crazyones-pdfa.pdf": nil,
        "libreoffice-form.pdf": nil, "habibi-rotated.pdf": nil, "imagemagick-images.pdf": nil,
        "qpdf-encrypted-with-images.pdf": nil,
        "libreoffice-writer-password.pdf": .passwordRequired,
        "qpdf-enc-R3,V2,U=view,O=master.pdf": .passwordRequired,
        "qpdf-enc-XI-R6,V5,U=view,O=master.pdf": .passwordRequired,
        "qpdf-bad-encryption-length.pdf": .passwordRequired,
        "qpdf-bad-content.pdf": .damaged,
        "qpdf-bad-xref.pdf": nil, "qpdf-bad10.pdf": nil, "qpdf-bad-token-startxref.pdf": nil,
        "qpdf-append-xref-loop.pdf": nil,
    ]

    @Test func everyHardPDFIsExtractedOrRefusedWithTheRightError() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: pdfs.path).filter { $0.hasSuffix(".pdf") }
            .sorted()
        var options = ExtractionOptions()
        options.timeoutSeconds = 120
        let batch = BatchExtractor(extractor: worker, options: options, passwords: PasswordFile(), jobs: 2)
        let results = LockedList<ExtractedDocument>()
        batch.run(paths: files.map { pdfs.appendingPathComponent($0).path }) { _, document in results.append(document) }
        #expect(results.items.count == files.count)
        for document in results.items {
            let name = (document.path as NSString).lastPathComponent
            guard let expected = expectations[name] else {
                #expect(
                    document.error?.kind != .extractionFailed && document.error?.kind != .timedOut,
                    "\(name): \(String(describing: document.error))")
                continue
            }
            #expect(document.error?.kind == expected, "\(name): \(String(describing: document.error))")
            if expected == nil {
                #expect(document.pageCount > 0 && document.pages.count == document.pageCount, "\(name)")
            }
        }
        let byName = Dictionary(
            uniqueKeysWithValues: results.items.map { (($0.path as NSString).lastPathComponent, $0) })
        #expect(byName["qpdf-append-xref-loop.pdf"]?.partial == true)
        #expect(byName["qpdf-encrypted-with-images.pdf"]?.metadata.encrypted == true)
        #expect(
            byName["imagemagick-images.pdf"]?.pages.allSatisfy {
                $0.source == .ocr && $0.ocrReason?.hasPrefix("no-text-layer; OCR in ") == true
            }
                == true)
        #expect(byName["multicolumn.pdf"]?.fullText.contains("Two-Column Document") == true)
    }

    /// Poppler's glyph selection finds nothing on this page (Arabic and Latin, page turned 180°);
    /// without the line selection the page went to OCR, which read "< IGIQey"; without the lines'
    /// boxes the page would still be rendered and OCRed, as if something else were drawn on it.
    @Test func textThatPopplerCannotSelectByGlyphIsReadByLine() throws {
        let document = worker.extract(
            path: pdfs.appendingPathComponent("habibi-rotated.pdf").path, options: ExtractionOptions(), passwords: [])
        try #require(document.error == nil && document.pages.count == 4)
        for page in document.pages {
            #expect(page.source == .textLayer, "page \(page.number): \(page.ocrReason ?? "")")
            #expect(page.ocrReason?.hasSuffix("OCR skipped") == true, "page \(page.number): \(page.ocrReason ?? "")")
            #expect(page.text.contains("habibi"), "page \(page.number)")
            #expect(page.text.contains("يبيبَح"), "page \(page.number)")
        }
    }

    @Test func encryptedPDFsOpenWithTheirPasswords() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID()).tsv")
        try writePrivate("libreoffice-writer-password.pdf\topenpassword\nqpdf-enc-*\tview\n", to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let passwords = try PasswordFile(contentsOf: file.path)
        for name in [
            "libreoffice-writer-password.pdf", "qpdf-enc-R3,V2,U=view,O=master.pdf",
            "qpdf-enc-XI-R6,V5,U=view,O=master.pdf",
        ] {
            let path = pdfs.appendingPathComponent(name).path
            let document = worker.extract(
                path: path, options: ExtractionOptions(), passwords: passwords.passwords(forFile: path))
            #expect(document.error == nil, "\(name): \(String(describing: document.error))")
            #expect(document.metadata.encrypted, "\(name)")
            #expect(document.fullText.contains { $0.isLetter }, "\(name)")
        }
    }
}
