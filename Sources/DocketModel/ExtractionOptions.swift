/// When to OCR a page.
public enum OCRMode: String, Codable, Sendable, CaseIterable {
    /// OCR pages whose text layer is missing or unusable (see `OCRDecision`).
    case auto
    /// OCR every page, ignoring any text layer.
    case always
    /// Never OCR; image pages come out empty.
    case never
}

/// Everything that shapes how one document is extracted.
public struct ExtractionOptions: Codable, Sendable, Equatable {
    public var ocr: OCRMode = .auto
    /// Tesseract language codes, joined with "+" when handed to tesseract.
    public var languages: [String] = ["eng", "deu", "fra"]
    /// OCR every page with all of `languages` at once, instead of the ones each document needs
    /// (`OCRLanguageChoice`): for collections known to mix languages within pages.
    public var languagesAtOnce = false
    public var dpi: Int = 300
    /// A document with more pages than this is refused as too large.
    public var maxPages: Int = 5_000
    /// Seconds before the worker extracting a document is ended.
    public var timeoutSeconds: Double = 300
    /// OCR threads inside one document's worker.
    public var ocrThreads: Int = 1

    public init() {}
}
