import CTesseract
import DocketModel
import DocketTestSupport
import Foundation
import Testing

@testable import DocketIngest

/// Which part of a page image tesseract reads: the ink and a margin, never less (issue #16).
@Suite struct InkBoundsTests {
    /// A white page of `width` × `height` pixels at 100 DPI (margins of 10 pixels).
    struct Page {
        var width = 850
        var height = 1100
        var pixels: [UInt8]

        init(width: Int = 850, height: Int = 1100, paper: UInt8 = 255) {
            (self.width, self.height) = (width, height)
            pixels = [UInt8](repeating: paper, count: width * height)
        }

        mutating func fill(x: Range<Int>, y: Range<Int>, grey: UInt8 = 0) {
            for row in y { for column in x { pixels[row * width + column] = grey } }
        }

        var ink: InkBounds? {
            pixels.withUnsafeBufferPointer { InkBounds(in: $0, width: width, height: height, dpi: 100) }
        }
    }

    @Test func theInkAndATenthOfAnInchAroundItAreRead() throws {
        var page = Page()
        page.fill(x: 100..<400, y: 50..<80)
        let ink = try #require(page.ink)
        #expect(ink.area == PixelRect(x: 90, y: 40, width: 320, height: 50))
        #expect(ink.crop == ink.area)
    }

    /// What a crop must never lose: a page number's lone "1" (a stroke four pixels wide) far from the
    /// text, and grey print (a stamp, a copy's faded line) next to black text.
    @Test func aLoneStrokeAndGreyPrintAreInk() throws {
        var page = Page()
        page.fill(x: 100..<400, y: 50..<80)
        page.fill(x: 700..<704, y: 1000..<1025)
        page.fill(x: 60..<90, y: 500..<510, grey: 150)
        let ink = try #require(page.ink)
        #expect(ink.area == PixelRect(x: 50, y: 40, width: 664, height: 995))
    }

    @Test func lonePixelsOfDustAreNotInk() throws {
        var page = Page()
        page.fill(x: 100..<400, y: 50..<80)
        for (x, y) in [(3, 3), (840, 1090), (20, 900), (800, 10)] { page.fill(x: x..<x + 1, y: y..<y + 1) }
        #expect(page.ink?.area == PixelRect(x: 90, y: 40, width: 320, height: 50))
    }

    @Test func nothingIsCutFromABlankADarkOrAFullPage() throws {
        #expect(Page().ink == nil)
        var negative = Page(paper: 0)
        negative.fill(x: 100..<400, y: 50..<80, grey: 255)
        #expect(negative.ink == nil)
        // Ink from margin to margin: the crop would spare too little for a different read.
        var full = Page()
        for row in stride(from: 40, to: 1060, by: 20) { full.fill(x: 40..<810, y: row..<row + 8) }
        let ink = try #require(full.ink)
        #expect(ink.crop == nil)
    }

    /// Leptonica keeps 8-bit pixels four to a 32-bit word in the host's byte order: a column read
    /// in memory order would be off by up to three pixels.
    @Test func aLeptonicaImageIsReadInItsPixelOrder() throws {
        let pix = try #require(pixCreate(850, 1100, 8))
        defer { ImageFile.destroy(pix) }
        pixSetAllArbitrary(pix, 255)
        for y in 50..<80 { for x in 101..<402 { pixSetPixel(pix, Int32(x), Int32(y), 0) } }
        let image = try #require(GrayImage(pix: pix, fallbackDPI: 100))
        #expect(image.pixels[50 * 850 + 100] == 255 && image.pixels[50 * 850 + 101] == 0)
        #expect(image.pixels[79 * 850 + 401] == 0 && image.pixels[79 * 850 + 402] == 255)
        #expect(image.dpi == 100)
        #expect(image.ink?.area == PixelRect(x: 91, y: 40, width: 321, height: 50))
    }

    /// Thirty lines (12 pixels of ink, 8 between): the sample is seven whole lines from the middle,
    /// with white above and below; a page of ten lines is its own sample.
    @Test func theLanguageSampleIsSevenWholeLinesFromTheMiddle() throws {
        var page = Page()
        for line in 0..<30 { page.fill(x: 100..<700, y: (100 + line * 20)..<(112 + line * 20)) }
        let sample = try #require(page.ink?.languageSample)
        let first = (30 - InkBounds.sampleLines) / 2
        #expect(sample.y == 100 + first * 20 - 4)
        #expect(sample.y + sample.height == 100 + (first + InkBounds.sampleLines - 1) * 20 + 12 + 4)
        #expect(sample.x == 90 && sample.width == 620)

        var short = Page()
        for line in 0..<10 { short.fill(x: 100..<700, y: (100 + line * 20)..<(112 + line * 20)) }
        #expect(try #require(short.ink).languageSample == nil)
    }

    /// Black text on transparent paper (a PNG exported with a transparent background: every pixel
    /// black, the ink opaque): read over white, as tesseract reads a PNG itself. Without that the
    /// page is black from edge to edge.
    @Test func aTransparentPNGIsReadOverWhite() throws {
        let scan = try #require(pixRead(TestPaths.sample("contrat-de-prestation-page1.jpg")))
        defer { ImageFile.destroy(scan) }
        let ink = try #require(pixInvert(nil, scan))
        defer { ImageFile.destroy(ink) }
        let rgba = try #require(pixCreate(pixGetWidth(scan), pixGetHeight(scan), 32))
        defer { ImageFile.destroy(rgba) }
        pixSetAllArbitrary(rgba, 0)
        pixSetSpp(rgba, 4)
        #expect(pixSetRGBComponent(rgba, ink, Int32(L_ALPHA_CHANNEL)) == 0)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("transparent-\(UUID()).png")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(pixWrite(url.path, rgba, Int32(IFF_PNG)) == 0)

        let image = try #require(ImageFile.grayPage(path: url.path, kind: .png, index: 0, fallbackDPI: 200))
        #expect(image.ink != nil)
        var options = ExtractionOptions()
        options.languages = ["fra"]
        let page = try #require(DocumentExtractor(options: options).extractDocument(path: url.path).pages.first)
        #expect(page.text.contains("Prestataire"), "\(page.text.prefix(200))")
    }
}
