import DocketIngest
import DocketModel
import DocketTestSupport
import Foundation
import Testing

/// Real poppler, tesseract and leptonica on the documents in Samples/, judged against the text
/// they were generated from (Samples/reference).
@Suite struct SampleExtractionTests {
    let contracts = ["mutual-nda", "it-services-agreement", "arbeitsvertrag", "contrat-de-prestation"]
    let extractor = DocumentExtractor(options: ExtractionOptions())

    @Test func bornDigitalPDFsComeFromTheTextLayerComplete() async throws {
        for name in contracts {
            let document = extractor.extractDocument(path: TestPaths.sample(name + ".pdf"))
            try #require(document.error == nil, "\(name): \(String(describing: document.error))")
            #expect(document.kind == .pdf)
            #expect(document.pageCount == document.pages.count)
            #expect(document.pages.map(\.number) == Array(1...document.pageCount))
            #expect(document.pages.contains { $0.source == .textLayer })
            #expect(document.metadata.title != nil && document.metadata.producer != nil)
            let recall = TextMetrics.wordRecall(reference: TestPaths.reference(name), extracted: document.fullText)
            #expect(recall >= 0.99, "\(name): word recall \(recall)")
        }
    }

    @Test func scannedPDFsAreOCRedWithinAFewPercentCharacterErrorRate() async throws {
        for name in contracts {
            let document = extractor.extractDocument(path: TestPaths.sample(name + "-scan.pdf"))
            try #require(document.error == nil, "\(name): \(String(describing: document.error))")
            #expect(
                document.pages.allSatisfy {
                    $0.source == .ocr && $0.ocrReason?.hasPrefix("no-text-layer; OCR in ") == true
                })
            #expect(document.pages.allSatisfy { ($0.ocrConfidence ?? 0) > 70 })
            let cer = TextMetrics.characterErrorRate(reference: TestPaths.reference(name), extracted: document.fullText)
            #expect(cer <= 0.03, "\(name): character error rate \(cer)")
        }
    }

    @Test func ocrThreadsGiveTheSameTextAsOne() async throws {
        var options = ExtractionOptions()
        options.ocrThreads = 2
        let parallel = DocumentExtractor(options: options).extractDocument(
            path: TestPaths.sample("mutual-nda-scan.pdf"))
        let serial = extractor.extractDocument(path: TestPaths.sample("mutual-nda-scan.pdf"))
        #expect(parallel.pages.count == 2)
        #expect(parallel.pages == serial.pages)
    }

    @Test func docxKeepsParagraphsAndTablesInOrder() async throws {
        for name in contracts {
            let document = extractor.extractDocument(path: TestPaths.sample(name + ".docx"))
            try #require(document.error == nil)
            #expect(document.kind == .docx)
            #expect(document.pages.allSatisfy { $0.source == .native })
            let recall = TextMetrics.wordRecall(reference: TestPaths.reference(name), extracted: document.fullText)
            #expect(recall >= 0.99, "\(name): word recall \(recall)")
        }
        let services = extractor.extractDocument(path: TestPaths.sample("it-services-agreement.docx")).fullText
        let row = try #require(services.range(of: "Managed hosting | 12,000.00 | 1 July 2025"))
        let before = try #require(services.range(of: "BIC COBADEFFXXX"))
        let after = try #require(services.range(of: "Data Protection"))
        #expect(before.upperBound < row.lowerBound && row.upperBound < after.lowerBound)
    }

    @Test func multiPageTIFFAndJPEGAreOCRed() async throws {
        let tiff = extractor.extractDocument(path: TestPaths.sample("mutual-nda-fax.tiff"))
        #expect(tiff.kind == .tiff)
        #expect(tiff.pages.count == 2)
        let cer = TextMetrics.characterErrorRate(reference: TestPaths.reference("mutual-nda"), extracted: tiff.fullText)
        #expect(cer <= 0.05, "fax CER \(cer)")

        let jpeg = extractor.extractDocument(path: TestPaths.sample("contrat-de-prestation-page1.jpg"))
        #expect(jpeg.kind == .jpeg && jpeg.pages.count == 1)
        // One page of two: nearly every word read must be a word of the contract.
        let precision = TextMetrics.wordRecall(
            reference: jpeg.fullText, extracted: TestPaths.reference("contrat-de-prestation"))
        #expect(precision >= 0.95, "JPEG word precision \(precision)")
    }

    @Test func theProtectedSampleOpensOnlyWithItsPassword() async throws {
        let path = TestPaths.sample("board-memo-protected.pdf")
        let passwords = try PasswordFile(contentsOf: TestPaths.samples.appendingPathComponent("passwords.tsv").path)
        let opened = DocumentExtractor(options: ExtractionOptions(), passwords: passwords.passwords(forFile: path))
            .extractDocument(path: path)
        #expect(opened.error == nil)
        #expect(opened.metadata.encrypted)
        #expect(opened.fullText.contains("exclusive negotiations"))

        let locked = extractor.extractDocument(path: path)
        #expect(locked.error?.kind == .passwordRequired)
        let wrong = DocumentExtractor(options: ExtractionOptions(), passwords: ["not-it"]).extractDocument(path: path)
        #expect(wrong.error?.kind == .wrongPassword)
        #expect(wrong.error?.description.contains("not-it") == false)
    }

    @Test func inputsAreNeverModified() async throws {
        let path = TestPaths.sample("arbeitsvertrag-scan.pdf")
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let hash = try ContentHash.sha256(ofFile: path)
        let document = extractor.extractDocument(path: path)
        #expect(document.sha256 == hash)
        #expect(try ContentHash.sha256(ofFile: path) == hash)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == before)
    }

    @Test func theHashIsSHA256OfTheBytes() {
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        #expect(
            ContentHash.sha256(of: Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
