import DocketModel
import DocketTestSupport
import Foundation
import Testing

@testable import DocketIngest

/// OCR in the document's own languages (issue #16): the guess, the choice, and real scans.
@Suite struct OCRLanguageTests {
    let allowed = ["eng", "deu", "fra"]

    @Test func theGuessNamesTheLanguageOfAPage() throws {
        let german = TestPaths.reference("arbeitsvertrag")
        let french = TestPaths.reference("contrat-de-prestation")
        let english = TestPaths.reference("mutual-nda")
        #expect(LanguageGuess.languages(in: german, allowed: allowed) == ["deu"])
        #expect(LanguageGuess.languages(in: french, allowed: allowed) == ["fra"])
        #expect(LanguageGuess.languages(in: english, allowed: allowed) == ["eng"])
        // Side by side, as bilingual contracts are written: both, best first.
        let bilingual = String(german.prefix(1500)) + "\n" + String(english.prefix(1500))
        #expect(Set(LanguageGuess.languages(in: bilingual, allowed: allowed) ?? []) == ["deu", "eng"])
        // Only among the allowed; and no guess from a handful of words.
        #expect(LanguageGuess.languages(in: german, allowed: ["eng", "fra"]) != ["deu"])
        #expect(LanguageGuess.languages(in: "Page 3 of 12. Signed by the parties.", allowed: allowed) == nil)
    }

    @Test func theTextLayerDecidesWithoutAProbe() throws {
        let choice = OCRLanguageChoice(allowed: allowed + ["ara"])
        choice.observe(textLayer: TestPaths.reference("arbeitsvertrag"))
        // Arabic has no word profile here, so nothing rules it out.
        #expect(choice.plan(first: true) == .use(["deu", "ara"]))
    }

    @Test func theFirstPageProbesAndTheOthersWaitForIt() throws {
        let choice = OCRLanguageChoice(allowed: allowed)
        #expect(choice.plan(first: true) == .probe("eng"))
        let waited = LockedList<OCRLanguageChoice.Plan>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            waited.append(choice.plan(first: false))
            done.signal()
        }.start()
        // Not a timing claim: the second page's plan cannot exist before the probe settles.
        #expect(done.wait(timeout: .now() + 0.3) == .timedOut)
        #expect(waited.items.isEmpty)
        let french = TestPaths.reference("contrat-de-prestation")
        #expect(choice.settle(probeText: french, orElse: nil) == ["fra"])
        done.wait()
        #expect(waited.items == [.use(["fra"])])
        // A page that cannot tell keeps the choice; one clearly in another allowed language is read again.
        #expect(choice.rereading("Signature", readWith: ["fra"]) == nil)
        let english = TestPaths.reference("mutual-nda")
        #expect(choice.rereading(english, readWith: ["fra"]) == ["eng", "fra"])
    }

    /// The page view reads an OCRed page again in the languages its reason records.
    @Test func aPageSaysWhichLanguagesOCRReadItIn() {
        let page = ExtractedPage(number: 1, text: "x", source: .ocr, ocrReason: "no-text-layer; OCR in eng+deu")
        #expect(page.ocrLanguages == ["eng", "deu"])
        #expect(ExtractedPage(number: 1, text: "x", source: .ocr, ocrReason: "no-text-layer").ocrLanguages == nil)
    }

    @Test func languagesAtOnceSkipTheChoice() {
        let choice = OCRLanguageChoice(allowed: allowed, atOnce: true)
        #expect(choice.plan(first: true) == .use(allowed))
        #expect(choice.rereading(TestPaths.reference("mutual-nda"), readWith: allowed) == nil)
    }

    @Test func aProbeThatCannotTellFallsBackToEveryAllowedLanguage() {
        let choice = OCRLanguageChoice(allowed: allowed)
        #expect(choice.plan(first: true) == .probe("eng"))
        #expect(choice.settle(probeText: "||| 12 %% ---", orElse: allowed) == allowed)
        #expect(choice.plan(first: false) == .use(allowed))
    }

    /// The probe as the OCR threads run it, with a stand-in for tesseract's read that says what it
    /// was asked for: the page's text, or a sample of its lines (`scope`).
    private func probe(sample: OCRPageRead?, page: String) throws -> (scopes: [OCRScope], reason: String?) {
        let scopes = LockedList<OCRScope>(), pages = LockedList<ExtractedPage>()
        let pool = OCRPool<Int>(threads: 1, choice: OCRLanguageChoice(allowed: allowed)) { _, index, _, scope in
            scopes.append(scope)
            let whole = OCRPageRead(page: ExtractedPage(number: index + 1, text: page, source: .ocr))
            return scope == .languageSample ? sample ?? whole : whole
        } emit: {
            pages.append($0)
        }
        pool.submit(0)
        try pool.finish(path: "probe.pdf")
        return (scopes.items, pages.items.first?.ocrReason)
    }

    /// A long page: seven lines tell its language, and the page is read once, in it; not first in
    /// the probe's language and then again (issue #16: a German page took two full reads).
    @Test func aSampleOfLinesTellsThePageLanguageBeforeItIsRead() throws {
        let german = TestPaths.reference("arbeitsvertrag")
        let sample = OCRPageRead(sample: OCRResult(text: String(german.prefix(700)), confidence: 90), number: 1)
        let read = try probe(sample: sample, page: german)
        #expect(read.scopes == [.languageSample, .page])
        #expect(read.reason == "OCR in deu")
    }

    /// A sample of a few lines may carry few function words (a table's lines, headings): one
    /// language with half the usual hits and no rival names it; a rival with a third of them, or
    /// too few hits, leaves the choice open.
    @Test func aSampleNeedsFewerWordsWhenNoOtherLanguageRivalsIt() {
        let table =
            "3.1 The Customer shall pay the fee plus VAT. Invoices are payable within 30 days to the "
            + "Supplier. | Service | Fee | Start | Hosting of the data | 12,000.00 | 1 July 2025"
        #expect(LanguageGuess.languages(in: table, allowed: allowed) == nil)
        #expect(LanguageGuess.languages(inSample: table, allowed: allowed) == ["eng"])
        #expect(LanguageGuess.languages(inSample: table + " und die der", allowed: allowed) == nil)
        #expect(LanguageGuess.languages(inSample: "The fee of the Supplier", allowed: allowed) == nil)
        // What a full guess tells stays as it is, second language included.
        let bilingual =
            String(TestPaths.reference("arbeitsvertrag").prefix(1500)) + "\n"
            + String(TestPaths.reference("mutual-nda").prefix(1500))
        #expect(
            LanguageGuess.languages(inSample: bilingual, allowed: allowed)
                == LanguageGuess.languages(in: bilingual, allowed: allowed))
    }

    /// The real thing: on each sample scan's first page, read in English as the probe reads it, a
    /// band of seven lines (under a third of the page) names the page's language on its own. On
    /// the English IT services agreement the band is a fee table: the full rule's twelve hits
    /// would not be reached.
    @Test func sevenLinesOfEachSampleScanTellItsLanguage() throws {
        let engine = try OCREngine(languages: ["eng"])
        let scans = [
            "arbeitsvertrag": "deu", "contrat-de-prestation": "fra", "mutual-nda": "eng",
            "it-services-agreement": "eng",
        ]
        for (name, language) in scans {
            let file = try PDFFile(path: TestPaths.sample(name + "-scan.pdf"), passwords: [])
            let page = try #require(file.page(0))
            let image = try #require(page.renderGray(dpi: page.ocrDPI(requested: 300)))
            let sample = withExtendedLifetime(file) { engine.recognize(image, scope: .languageSample) }
            let area = try #require(sample.area, "\(name)")
            #expect(sample.isSample && area.height * 3 <= image.height, "\(name): \(area)")
            #expect(
                LanguageGuess.languages(inSample: sample.text, allowed: allowed) == [language],
                "\(name): \(sample.text)")
        }
    }

    /// A sample that cannot tell (a table, a signature block) costs the whole page in the probe's
    /// language, as before sampling; a short page is its own sample and is read once when the
    /// probe's language is its own.
    @Test func aSampleThatCannotTellOrAShortPageIsReadWhole() throws {
        let german = TestPaths.reference("arbeitsvertrag")
        let table = OCRPageRead(sample: OCRResult(text: "||| 12 %% --- 4.5", confidence: 90), number: 1)
        let undecided = try probe(sample: table, page: german)
        #expect(undecided.scopes == [.languageSample, .page, .page])
        #expect(undecided.reason == "OCR in deu")

        let short = try probe(sample: nil, page: TestPaths.reference("mutual-nda"))
        #expect(short.scopes == [.languageSample])
        #expect(short.reason == "OCR in eng")
    }

    /// Real scans: each read in its own language, at the character error rate the sample tests hold
    /// for all three languages at once; a German scan followed by an English one gets English too.
    @Test func scansAreReadInTheirOwnLanguage() throws {
        let expected = ["arbeitsvertrag": "deu", "contrat-de-prestation": "fra", "mutual-nda": "eng"]
        for (name, language) in expected {
            let document = DocumentExtractor(options: ExtractionOptions()).extractDocument(
                path: TestPaths.sample(name + "-scan.pdf"))
            #expect(document.pages.allSatisfy { $0.ocrReason == "no-text-layer; OCR in \(language)" }, "\(name)")
            let cer = TextMetrics.characterErrorRate(reference: TestPaths.reference(name), extracted: document.fullText)
            #expect(cer <= 0.03, "\(name): character error rate \(cer)")
        }
        let mixed = FileManager.default.temporaryDirectory.appendingPathComponent("mixed-\(UUID()).pdf")
        defer { try? FileManager.default.removeItem(at: mixed) }
        let unite = Process()
        unite.executableURL = URL(fileURLWithPath: "/usr/bin/pdfunite")
        unite.arguments = [
            TestPaths.sample("arbeitsvertrag-scan.pdf"), TestPaths.sample("mutual-nda-scan.pdf"), mixed.path,
        ]
        try unite.run()
        unite.waitUntilExit()
        var options = ExtractionOptions()
        options.ocrThreads = 2
        let document = DocumentExtractor(options: options).extractDocument(path: mixed.path)
        #expect(
            document.pages.map(\.ocrReason)[0...2] == [
                "no-text-layer; OCR in deu", "no-text-layer; OCR in deu", "no-text-layer; OCR in eng+deu",
            ])
        #expect(document.pages[2].text.contains("MUTUAL NON-DISCLOSURE AGREEMENT"))
    }
}
