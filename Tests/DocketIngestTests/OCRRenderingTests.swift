import DocketTestSupport
import Foundation
import Testing

@testable import DocketIngest
@testable import DocketModel

/// How a PDF page is put before tesseract: at which resolution, and read as a page with columns.
@Suite struct OCRRenderingTests {
    /// A one-page PDF showing the sample JPEG (1654 × 2339 pixels) over `width` × `height` points.
    private func scanPDF(width: Double, height: Double) throws -> URL {
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("contrat-de-prestation-page1.jpg")))
        let content = "q \(width) 0 0 \(height) 0 0 cm /Im1 Do Q"
        var pdf = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ body: Data) {
            offsets.append(pdf.count)
            pdf += Data("\(offsets.count) 0 obj\n".utf8) + body + Data("\nendobj\n".utf8)
        }
        object(Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8))
        object(
            Data(
                ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Contents 4 0 R "
                    + "/Resources << /XObject << /Im1 5 0 R >> >> >>").utf8))
        object(Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8))
        object(
            Data(
                ("<< /Type /XObject /Subtype /Image /Width 1654 /Height 2339 /ColorSpace /DeviceGray "
                    + "/BitsPerComponent 8 /Filter /DCTDecode /Length \(jpeg.count) >>\nstream\n").utf8) + jpeg
                + Data("\nendstream".utf8))
        let xref = pdf.count
        pdf += Data("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { pdf += Data(String(format: "%010d 00000 n \n", offset).utf8) }
        pdf += Data("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID()).pdf")
        try pdf.write(to: url)
        return url
    }

    @Test func aScanIsReadAtItsOwnResolutionUnlessThatIsBelow200DPI() throws {
        // A4 in points: the 1654-pixel width makes 200 DPI.
        let native = try scanPDF(width: 595.44, height: 842.04)
        defer { try? FileManager.default.removeItem(at: native) }
        let page = try #require(try PDFFile(path: native.path, passwords: []).page(0))
        #expect(page.scanResolution == 200)
        #expect(page.ocrDPI(requested: 300) == 200)
        #expect(page.ocrDPI(requested: 150) == 150)

        // The same pixels over twice the size: 100 DPI, too coarse for small print; rendered at 300.
        let coarse = try scanPDF(width: 1190.88, height: 1684.08)
        defer { try? FileManager.default.removeItem(at: coarse) }
        let coarsePage = try #require(try PDFFile(path: coarse.path, passwords: []).page(0))
        #expect(coarsePage.scanResolution == 100)
        #expect(coarsePage.ocrDPI(requested: 300) == 300)

        let bornDigital = try #require(try PDFFile(path: TestPaths.sample("mutual-nda.pdf"), passwords: []).page(0))
        #expect(bornDigital.scanResolution == nil)
        #expect(bornDigital.ocrDPI(requested: 300) == 300)
    }

    /// Tesseract's API reads a page as one block of text unless told to find its layout, as the CLI
    /// does: two columns then came out interleaved, line by line.
    @Test func twoColumnsAreReadOneAfterTheOther() throws {
        // Column finding needs a column's worth of lines.
        let left = (1...20).map { "Left column line \($0) of the clause" }
        let right = (1...20).map { "Right column line \($0) of the clause" }
        let rightColumn = "BT /F1 10 Tf 12 TL 340 700 Td " + right.map { "(\($0)) Tj T* " }.joined() + "ET"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID()).pdf")
        try TinyPDF.make(lines: [left], drawing: rightColumn).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ExtractionOptions()
        options.ocr = .always
        options.languages = ["eng"]
        let document = DocumentExtractor(options: options).extractDocument(path: url.path)
        let text = try #require(document.pages.first?.text)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains(left[0]) && lines.contains(right[0]), "\(lines)")
        let lastLeft = try #require(lines.firstIndex(of: left[19])),
            firstRight = try #require(lines.firstIndex(of: right[0]))
        #expect(lastLeft < firstRight, "\(lines)")
    }

    /// A page with two lines is read where its ink is, a tenth of the page or less; tesseract still
    /// gives word boxes in the whole page's pixels, which the workspace's highlights rely on.
    @Test func aShortPageIsReadOnlyWhereItsInkIs() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("short-\(UUID()).pdf")
        try TinyPDF.make(lines: [["The Supplier shall deliver the goods.", "Payment is due within thirty days."]])
            .write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try PDFFile(path: url.path, passwords: [])
        let image = try #require(file.page(0)?.renderGray(dpi: 300))
        let engine = try OCREngine(languages: ["eng"])
        let result = engine.recognize(image)
        let area = try #require(result.area)
        #expect(area.width * area.height * 10 <= image.width * image.height)
        #expect(result.text.contains("Supplier shall deliver") && result.text.contains("thirty days"), "\(result.text)")

        let (text, words) = engine.recognizeWords(image)
        #expect(text == result.text)
        let supplier = try #require(words.first { $0.text == "Supplier" })
        // The line is 92 points (383 pixels) below the page's top, inside the area read.
        #expect(supplier.box[1] > 300 && supplier.box[3] < 480, "\(supplier.box)")
        #expect(supplier.box[0] >= Double(area.x) && supplier.box[2] <= Double(area.x + area.width))
    }
}
