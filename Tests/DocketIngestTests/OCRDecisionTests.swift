import DocketTestSupport
import Foundation
import Testing

@testable import DocketIngest
@testable import DocketModel

@Suite struct OCRDecisionTests {
    let prose = String(repeating: "The Supplier shall provide the services described in Schedule 1. ", count: 5)

    @Test func aGoodTextLayerIsKept() {
        let decision = OCRDecision.decide(mode: .auto, textLayer: prose, imageCoverage: 0)
        #expect(decision == OCRDecision(ocr: false, reason: .textLayerUsable))
    }

    @Test func anEmptyPageIsOCRed() {
        #expect(OCRDecision.decide(mode: .auto, textLayer: " \n ", imageCoverage: 1).reason == .noTextLayer)
    }

    @Test func aPageWithAFewWordsIsOCRed() {
        #expect(OCRDecision.decide(mode: .auto, textLayer: "Page 3 of 12", imageCoverage: 0).reason == .tooLittleText)
    }

    @Test func replacementCharactersMakeAGarbageLayer() {
        let broken = String(repeating: "\u{FFFD}\u{FFFD}e\u{FFFD} \u{FFFD}a\u{FFFD}\u{FFFD} ", count: 20)
        #expect(OCRDecision.decide(mode: .auto, textLayer: broken, imageCoverage: 0).reason == .garbageTextLayer)
    }

    @Test func symbolSoupIsAGarbageLayer() {
        // What a font without a ToUnicode map often yields.
        let soup = String(repeating: "#$% &*(% )!@# ^&*$ %#@! ", count: 10)
        #expect(OCRDecision.decide(mode: .auto, textLayer: soup, imageCoverage: 0).reason == .garbageTextLayer)
    }

    @Test func tablesOfNumbersAreNotGarbage() {
        let table = String(repeating: "Fee 12,000.00 EUR 4,500.00 Total 16,500.00 due 30 days ", count: 5)
        #expect(OCRDecision.decide(mode: .auto, textLayer: table, imageCoverage: 0).ocr == false)
    }

    /// An SEC filing's confidential-treatment table: redaction markers, clause numbers, amounts,
    /// percentages, dates and signature lines are text, not garbage (issue #16).
    @Test func aRedactedProjectPlanTableIsText() {
        let row = "1.2.3 [***] [***] $[***] 15% 03/31/2021 [***] (a) [*] ***** [REDACTED] Q3 ______ "
        let table = "Schedule 4 Project Plan\n" + String(repeating: row + "\n", count: 12)
        #expect(OCRDecision.decide(mode: .auto, textLayer: table, imageCoverage: 0).ocr == false)
        let signatures = "By: ____________ Name: ____________ Title: ____________ Date: ____________ "
        #expect(
            OCRDecision.decide(mode: .auto, textLayer: String(repeating: signatures, count: 4), imageCoverage: 0).ocr
                == false)
    }

    /// Genuinely broken layers stay caught: glyph ids a producer wrote instead of text, and symbol soup
    /// mixed with redaction markers.
    @Test func glyphIDsAndSoupAmongMarkersAreStillGarbage() {
        let cids = String(repeating: "(cid:36)(cid:74)(cid:85) (cid:72)(cid:72)(cid:80)(cid:72) ", count: 10)
        #expect(OCRDecision.decide(mode: .auto, textLayer: cids, imageCoverage: 0).reason == .garbageTextLayer)
        let soup = String(repeating: "#$% [***] &*(% )!@# ^&*$ 1.2 %#@! ", count: 10)
        #expect(OCRDecision.decide(mode: .auto, textLayer: soup, imageCoverage: 0).reason == .garbageTextLayer)
    }

    /// The counts take an ASCII shortcut; non-ASCII letters, digits, marks and spaces still count.
    @Test func layoutTokensAndSpacesBeyondASCII() {
        for token in ["[REDACTED]", "[redacted]", "(iv)", "(b)", "€1.000,00", "§12.3", "١٢٣", "—", "(ä)"] {
            #expect(TextLayerStats.isLayout(token[...]), "\(token)")
        }
        for token in ["Redactedly", "(clause)", "(a1)", "Schedule", "Müller", "[REDACTEX]", "#@!"] {
            #expect(!TextLayerStats.isLayout(token[...]), "\(token)")
        }
        let spaced = TextLayerStats("Zahlung\u{00A0}binnen\u{2003}30\u{3000}Tagen fällig")
        #expect(spaced.tokens == 5)
        #expect(spaced.letters == 24)
        #expect(spaced.wordTokens == 4)
        #expect(spaced.layoutTokens == 1)
        #expect(TextLayerStats("\u{FFFD}x\u{E001}").replacement == 2)
    }

    @Test func aPageMostlyCoveredByImagesIsOCRed() {
        #expect(OCRDecision.decide(mode: .auto, textLayer: prose, imageCoverage: 0.9).reason == .mostlyImages)
    }

    @Test func aDenseTextLayerOverAFullPageImageIsKept() {
        let page = String(repeating: prose, count: 6)  // about 2,000 characters: a page of prose
        var asked = false
        let decision = OCRDecision.decide(
            mode: .auto, textLayer: page,
            imageCoverage: {
                asked = true; return 1
            }())
        #expect(decision == OCRDecision(ocr: false, reason: .textLayerUsable))
        #expect(!asked)
    }

    @Test func imageCoverageIsNotComputedWhenItCannotMatter() {
        var asked = false
        _ = OCRDecision.decide(
            mode: .auto, textLayer: "",
            imageCoverage: {
                asked = true; return 0
            }())
        _ = OCRDecision.decide(
            mode: .never, textLayer: prose,
            imageCoverage: {
                asked = true; return 0
            }())
        #expect(!asked)
    }

    @Test func modesOverrideTheTextLayer() {
        #expect(
            OCRDecision.decide(mode: .always, textLayer: prose, imageCoverage: 0)
                == OCRDecision(ocr: true, reason: .forced))
        #expect(
            OCRDecision.decide(mode: .never, textLayer: "", imageCoverage: 1)
                == OCRDecision(ocr: false, reason: .disabled))
    }

    @Test func ocrReplacesAThinLayerOnlyWhenItFindsClearlyMore() {
        let sparse = "Pour le Client : Étienne Martin"
        let same = DocumentExtractor.choose(
            ocr: OCRResult(text: "Pour le Client: Etienne Martin", confidence: 95),
            textLayer: sparse, reason: .tooLittleText, number: 2)
        #expect(same.source == .textLayer && same.text == sparse)
        let more = DocumentExtractor.choose(
            ocr: OCRResult(text: prose, confidence: 90),
            textLayer: "Page 2", reason: .tooLittleText, number: 2)
        #expect(more.source == .ocr && more.text == prose)
    }

    /// A layer judged broken is replaced only when OCR reads clearly more dictionary words; the
    /// comparison is in the page's reason. With Debian's real word lists (scripts/setup.sh).
    @Test func aLayerThatLookedBrokenIsKeptUnlessOCRReadsClearlyMoreWords() throws {
        let dictionary = try #require(WordList(languages: ["eng"]), "wamerican is missing: run scripts/setup.sh")
        let layer = "Phase 2 [***] Milestone payment of $[***] due upon delivery of the [***] report"
        let worse = DocumentExtractor.choose(
            ocr: OCRResult(
                text: "Phase 2 [F**] Milestone paymen1 of E**] due upon de1ivery of the [***] rep0rt", confidence: 71),
            textLayer: layer, reason: .garbageTextLayer, number: 7, dictionary: dictionary)
        #expect(worse.source == .textLayer && worse.text == layer)
        #expect(worse.ocrReason?.contains("dictionary words: text layer 1.00, OCR") == true, "\(worse.ocrReason ?? "")")
        #expect(worse.ocrReason?.hasSuffix("text layer kept") == true)

        let garbled = "Gsv Hfkkorvi hszoo kilerwv gsv hvierxvh wvhxiryvw rm Hxsvwfov 1"
        let better = DocumentExtractor.choose(
            ocr: OCRResult(text: "The Supplier shall provide the services described in Schedule 1", confidence: 93),
            textLayer: garbled, reason: .garbageTextLayer, number: 7, dictionary: dictionary)
        #expect(better.source == .ocr && better.ocrReason?.contains("text layer 0.") == true)
        let ids = "(cid:36)(cid:74)(cid:85) (cid:72)(cid:72)(cid:80)"
        let glyphs = DocumentExtractor.choose(
            ocr: OCRResult(text: "The Supplier shall provide the services", confidence: 93),
            textLayer: ids, reason: .garbageTextLayer, number: 7, dictionary: dictionary)
        #expect(glyphs.source == .ocr)
    }

    /// Through poppler: a page of an SEC filing's redacted project plan keeps its text layer, where
    /// it used to be judged garbage and OCRed into worse text (issue #16).
    @Test func aRedactedTablePDFIsReadFromItsTextLayer() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redacted-\(UUID()).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = (1...30).map {
            "\($0 / 10 + 1).\($0 % 10).\($0)  [***]  [***]  $[***]  \($0 * 3)%  03/31/2021  [***]"
        }
        try TinyPDF.make(lines: [["Schedule 4 - Project Plan"] + rows]).write(to: url)
        let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: url.path)
        let page = try #require(document.pages.first)
        #expect(page.source == .textLayer && page.ocrReason == OCRDecision.Reason.textLayerUsable.rawValue)
        #expect(page.text.contains("$[***]") && page.text.contains("03/31/2021"))
    }

    /// Through poppler and tesseract: a font whose Unicode map is wrong (every character mapped into
    /// the private-use area, as broken subset fonts do) shows readable text but extracts none. The
    /// layer is judged garbage, OCR reads the words, and the page's reason records the comparison.
    @Test func aFontWithABrokenUnicodeMapIsOCRed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("garbled-\(UUID()).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        let cmap = """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Garbled def
            1 begincodespacerange <00> <FF> endcodespacerange
            1 beginbfrange <20> <7E> <E020> endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end
            """
        let lines = (1...12).map { "\($0). The Supplier shall provide the services described in the Schedule." }
        try TinyPDF.make(lines: [lines], toUnicode: cmap).write(to: url)
        let page = try #require(
            DocumentExtractor(options: ExtractionOptions()).extractDocument(path: url.path).pages.first)
        #expect(page.source == .ocr)
        #expect(page.ocrReason?.hasPrefix("garbage-text-layer; dictionary words: text layer 0.00") == true)
        #expect(page.text.contains("Supplier shall provide"))
    }

    /// A page that says little and draws nothing else is not OCRed: OCR could only read the same
    /// words. One that draws more (here a shape, as text turned into outlines is) still is.
    @Test func aSparsePageIsOCRedOnlyWhenSomethingElseIsDrawn() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sparse-\(UUID()).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try TinyPDF.make(lines: [["Page 3 of 12"], []]).write(to: url)
        let sparse = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: url.path)
        #expect(sparse.pages.map(\.source) == [.textLayer, .textLayer])
        #expect(sparse.pages[0].text.contains("Page 3 of 12"))
        #expect(sparse.pages[0].ocrReason == "too-little-text; nothing else is drawn on the page, OCR skipped")
        #expect(sparse.pages[1].ocrReason == "no-text-layer; nothing else is drawn on the page, OCR skipped")

        try TinyPDF.make(lines: [["Page 3 of 12"]], drawing: "0 g 72 400 300 120 re f").write(to: url)
        let drawn = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: url.path)
        #expect(drawn.pages.first?.ocrReason?.hasPrefix("too-little-text") == true)
        #expect(drawn.pages.first?.ocrReason?.contains("OCR skipped") == false)
    }
}
