import CTesseract
import DocketModel
import Foundation

/// Extracts one document in this process: the text layer page by page on the calling thread,
/// OCR on threads of its own (`options.ocrThreads`), each with its own poppler document and
/// tesseract handle. Pages stream into the sink; nothing holds the whole document.
///
/// Poppler and tesseract can crash or hang on hostile files, so `docket` runs this inside a
/// child process (`IsolatedExtractor`); tests and tools may call it directly.
public struct DocumentExtractor: Sendable {
    public var options: ExtractionOptions
    /// Passwords to try, in order, after the empty password.
    public var passwords: [String]
    /// The 0-based pages of a PDF to extract (nil: all). The header still tells the whole count.
    public var pages: Range<Int>?

    public init(options: ExtractionOptions, passwords: [String] = [], pages: Range<Int>? = nil) {
        self.options = options
        self.passwords = passwords
        self.pages = pages
    }

    /// Throws `IngestError` when the document cannot be read at all. The file is opened once
    /// (`InputFile`): what is hashed is what is parsed.
    public func extract(path name: String, into sink: ExtractionSink) throws {
        let input = try InputFile(path: name)
        do {
            try extract(opened: input, into: sink)
        } catch var error as IngestError {
            error.path = name
            throw error
        }
    }

    private func extract(opened input: InputFile, into sink: ExtractionSink) throws {
        let path = input.stablePath
        let sha256: String
        do {
            sha256 = try ContentHash.sha256(ofFile: path)
        } catch {
            throw IngestError(.unreadable, path: path, detail: "cannot open the file for reading")
        }
        guard let kind = try DocumentKindSniffer.kind(ofFile: path, named: input.path) else {
            throw DocumentKindSniffer.unsupported(path: path, named: input.path)
        }
        let locked = LockedSink(sink, name: input.path)
        switch kind {
        case .pdf: try extractPDF(path: path, sha256: sha256, sink: locked)
        case .png, .jpeg, .tiff: try extractImage(path: path, sha256: sha256, kind: kind, sink: locked)
        case .docx:
            let (pages, metadata, warnings) = try DOCXFile.read(path: path)
            emitNative(
                pages,
                header: DocumentHeader(
                    path: path, sha256: sha256, kind: kind, pageCount: pages.count, metadata: metadata), sink: locked)
            for warning in warnings { locked.warning(warning) }
        case .text, .markdown:
            let pages = try PlainTextFile.read(path: path)
            emitNative(
                pages,
                header: DocumentHeader(
                    path: path, sha256: sha256, kind: kind, pageCount: pages.count, metadata: .init()), sink: locked)
        }
    }

    /// Convenience: the whole document in memory.
    public func extractDocument(path: String) -> ExtractedDocument {
        let sink = CollectingSink()
        do {
            try extract(path: path, into: sink)
        } catch {
            let error = error as? IngestError ?? IngestError(.extractionFailed, path: path, detail: "\(error)")
            return ExtractedDocument(collected: sink, path: path, error: error)
        }
        return ExtractedDocument(collected: sink, path: path, error: nil)
    }

    private func checkPageCount(_ count: Int, path: String) throws {
        guard count > 0 else { throw IngestError(.damaged, path: path, detail: "it has no readable pages") }
        guard count <= options.maxPages else {
            throw IngestError(
                .tooLarge, path: path, detail: "it has \(count) pages, more than the limit of \(options.maxPages)")
        }
    }

    private func emitNative(_ pages: [String], header: DocumentHeader, sink: LockedSink) {
        sink.begin(header)
        for (index, text) in pages.enumerated() {
            sink.page(ExtractedPage(number: index + 1, text: text, source: .native))
        }
    }

    // MARK: PDF

    private struct PendingPage {
        var index: Int
        var textLayer: String
        var reason: OCRDecision.Reason
    }

    private func extractPDF(path: String, sha256: String, sink: LockedSink) throws {
        let log = PopplerLog()
        log.attachToCurrentThread()
        defer { PopplerLog.detachFromCurrentThread() }
        let file = try PDFFile(path: path, passwords: passwords)
        let count = file.pageCount
        try checkPageCount(count, path: path)
        sink.begin(DocumentHeader(path: path, sha256: sha256, kind: .pdf, pageCount: count, metadata: file.metadata))
        let passwords = self.passwords, options = self.options
        let choice = OCRLanguageChoice(allowed: options.languages, atOnce: options.languagesAtOnce)
        let pool = OCRPool<PendingPage>(threads: options.ocrThreads, choice: choice) {
            engine, pending, state, scope in
            if state.pdf == nil {
                log.attachToCurrentThread()
                state.pdf = try? PDFFile(path: path, passwords: passwords)
            }
            if state.rendered?.index != pending.index {
                let page = state.pdf?.page(pending.index)
                state.rendered = page?.renderGray(dpi: page?.ocrDPI(requested: options.dpi) ?? options.dpi).map {
                    (pending.index, $0)
                }
            }
            guard let image = state.rendered?.image else {
                sink.warning("page \(pending.index + 1) could not be rendered for OCR")
                return OCRPageRead(
                    page: ExtractedPage(
                        number: pending.index + 1, text: pending.textLayer, source: .textLayer,
                        ocrReason: pending.reason.rawValue + "; rendering failed, text layer kept"))
            }
            let result = engine.recognize(image, scope: scope)
            if result.isSample { return OCRPageRead(sample: result, number: pending.index + 1) }
            return OCRPageRead(
                page: Self.choose(
                    ocr: result, textLayer: pending.textLayer, reason: pending.reason, number: pending.index + 1,
                    dictionary: pending.reason == .garbageTextLayer
                        ? WordList.shared(languages: options.languages) : nil))
        } emit: {
            sink.page($0)
        }

        let range = pages.map { $0.clamped(to: 0..<count) } ?? 0..<count
        var submitted = false
        for index in range {
            guard let page = file.page(index) else {
                sink.warning("page \(index + 1) could not be read")
                sink.page(ExtractedPage(number: index + 1, text: "", source: .textLayer, ocrReason: "page unreadable"))
                continue
            }
            let (text, glyphs) = page.textAndGlyphs
            let decision = OCRDecision.decide(mode: options.ocr, textLayer: text, imageCoverage: page.imageCoverage)
            if decision.ocr && decision.reason.mayBeSparseText && !page.drawsMoreThan(glyphs: glyphs) {
                sink.page(
                    ExtractedPage(
                        number: index + 1, text: text, source: .textLayer,
                        ocrReason: decision.reason.rawValue + "; nothing else is drawn on the page, OCR skipped"))
            } else if decision.ocr {
                submitted = true
                pool.submit(PendingPage(index: index, textLayer: text, reason: decision.reason))
            } else {
                // Only pages before the first OCR page count, so that the choice never depends on timing.
                if decision.reason == .textLayerUsable && !submitted { choice.observe(textLayer: text) }
                sink.page(
                    ExtractedPage(
                        number: index + 1, text: text, source: .textLayer, ocrReason: decision.reason.rawValue))
            }
        }
        try pool.finish(path: path)
        // A later range of a split document only warns: the document's first range decides.
        if let feature = log.unsupportedFeatures.first, !sink.sawText, range.lowerBound == 0 {
            throw IngestError(.unsupportedFeature, path: path, detail: "it uses an \(feature) that Docket cannot read")
        }
        log.warnings.forEach(sink.warning)
    }

    /// When OCR was asked for because the text layer looked thin, OCR must find clearly more
    /// text to replace it (a fifth more letters, and at least ten): on a sparse but genuine page
    /// both read the same words, and the text layer has them exactly (accents included). When the
    /// layer looked broken, OCR must read clearly more dictionary words (a share 0.10 higher): a
    /// layer that is right though it looked odd is kept, and the comparison is in the page's reason.
    static func choose(
        ocr: OCRResult, textLayer: String, reason: OCRDecision.Reason, number: Int, dictionary: WordList? = nil
    ) -> ExtractedPage {
        let ocrLetters = ocr.text.unicodeScalars.filter(\.properties.isAlphabetic).count
        let layerLetters = textLayer.unicodeScalars.filter(\.properties.isAlphabetic).count
        let ocrFoundMore = ocrLetters >= layerLetters + max(10, layerLetters / 5)
        if (reason == .tooLittleText || reason == .mostlyImages) && !ocrFoundMore {
            return ExtractedPage(
                number: number, text: textLayer, source: .textLayer,
                ocrReason: reason.rawValue + "; OCR found no more text, text layer kept",
                ocrConfidence: ocr.confidence)
        }
        if reason == .garbageTextLayer, let dictionary {
            let layer = dictionary.knownShare(textLayer).share, read = dictionary.knownShare(ocr.text).share
            let comparison = String(format: "dictionary words: text layer %.2f, OCR %.2f", layer, read)
            if read < layer + 0.10 {
                return ExtractedPage(
                    number: number, text: textLayer, source: .textLayer,
                    ocrReason: reason.rawValue + "; \(comparison); text layer kept", ocrConfidence: ocr.confidence)
            }
            return ExtractedPage(
                number: number, text: ocr.text, source: .ocr, ocrReason: reason.rawValue + "; \(comparison)",
                ocrConfidence: ocr.confidence)
        }
        return ExtractedPage(
            number: number, text: ocr.text, source: .ocr, ocrReason: reason.rawValue, ocrConfidence: ocr.confidence)
    }

    // MARK: Images

    private func extractImage(path: String, sha256: String, kind: DocumentKind, sink: LockedSink) throws {
        let count = try ImageFile.pageCount(path: path, kind: kind)
        try checkPageCount(count, path: path)
        sink.begin(DocumentHeader(path: path, sha256: sha256, kind: kind, pageCount: count, metadata: .init()))
        guard options.ocr != .never else {
            for index in 0..<count {
                sink.page(
                    ExtractedPage(
                        number: index + 1, text: "", source: .ocr, ocrReason: OCRDecision.Reason.disabled.rawValue))
            }
            return
        }
        let reason = options.ocr == .always ? OCRDecision.Reason.forced : .noTextLayer
        let dpi = options.dpi
        let choice = OCRLanguageChoice(allowed: options.languages, atOnce: options.languagesAtOnce)
        let pool = OCRPool<Int>(threads: options.ocrThreads, choice: choice) { engine, index, state, scope in
            if state.rendered?.index != index {
                state.rendered = ImageFile.grayPage(path: path, kind: kind, index: index, fallbackDPI: dpi).map {
                    (index, $0)
                }
            }
            guard let image = state.rendered?.image else {
                sink.warning("image page \(index + 1) could not be decoded")
                return OCRPageRead(
                    page: ExtractedPage(
                        number: index + 1, text: "", source: .ocr, ocrReason: reason.rawValue + "; image undecodable"))
            }
            let result = engine.recognize(image, scope: scope)
            if result.isSample { return OCRPageRead(sample: result, number: index + 1) }
            return OCRPageRead(
                page: ExtractedPage(
                    number: index + 1, text: result.text, source: .ocr, ocrReason: reason.rawValue,
                    ocrConfidence: result.confidence))
        } emit: {
            sink.page($0)
        }
        for index in 0..<count { pool.submit(index) }
        try pool.finish(path: path)
    }
}

/// Serialises calls into a sink that OCR threads share.
final class LockedSink: @unchecked Sendable {
    // @unchecked: the wrapped sink is called only under `lock`.
    private let sink: ExtractionSink
    private let lock = NSLock()

    /// The document's own path, for the header: the parsers read it as /proc/self/fd/N.
    private let name: String

    init(_ sink: ExtractionSink, name: String) {
        self.sink = sink
        self.name = name
    }

    func begin(_ header: DocumentHeader) {
        var header = header
        header.path = name
        lock.withLock { sink.begin(header) }
    }
    private var anyText = false

    func page(_ page: ExtractedPage) {
        lock.withLock {
            anyText = anyText || page.text.contains { !$0.isWhitespace }
            sink.page(page)
        }
    }

    /// Whether any page so far had visible text.
    var sawText: Bool { lock.withLock { anyText } }
    func warning(_ message: String) { lock.withLock { sink.warning(message) } }
}
