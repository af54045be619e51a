import Foundation

/// The kinds of input Docket reads.
public enum DocumentKind: String, Codable, Sendable {
    case pdf, png, jpeg, tiff, docx, text, markdown
}

/// Where a page's text came from.
public enum TextSource: String, Codable, Sendable {
    /// The PDF's own text layer.
    case textLayer = "text-layer"
    /// Tesseract, from a rendering of the page or from the image itself.
    case ocr
    /// A format that is text by nature (DOCX, plain text, Markdown).
    case native
}

/// One page of text with its provenance.
public struct ExtractedPage: Codable, Sendable, Equatable {
    /// 1-based page number.
    public var number: Int
    public var text: String
    public var source: TextSource
    /// Why the page was or was not OCRed (see `OCRDecision`).
    public var ocrReason: String?
    /// Tesseract's mean word confidence, 0–100, for OCRed pages.
    public var ocrConfidence: Int?

    public init(number: Int, text: String, source: TextSource, ocrReason: String? = nil, ocrConfidence: Int? = nil) {
        self.number = number
        self.text = text
        self.source = source
        self.ocrReason = ocrReason
        self.ocrConfidence = ocrConfidence
    }
}

extension ExtractedPage {
    /// The languages OCR read the page in, as its reason records them ("…; OCR in eng+deu"); nil for a
    /// page OCR did not read, or one read before languages were chosen per document.
    public var ocrLanguages: [String]? {
        guard let reason = ocrReason, let range = reason.range(of: "OCR in ", options: .backwards) else { return nil }
        let languages = reason[range.upperBound...].split(separator: "+").map(String.init)
        return languages.isEmpty ? nil : languages
    }
}

/// Document-level facts read from the file itself.
public struct DocumentMetadata: Codable, Sendable, Equatable {
    public var title: String?
    public var author: String?
    public var producer: String?
    public var creationDate: String?
    public var encrypted: Bool = false
    public var signatures: Int = 0

    public init(
        title: String? = nil, author: String? = nil, producer: String? = nil,
        creationDate: String? = nil, encrypted: Bool = false, signatures: Int = 0
    ) {
        self.title = title
        self.author = author
        self.producer = producer
        self.creationDate = creationDate
        self.encrypted = encrypted
        self.signatures = signatures
    }
}

/// What extraction made of one file: its pages, or the error that stopped it.
public struct ExtractedDocument: Codable, Sendable {
    public var path: String
    public var sha256: String
    public var kind: DocumentKind?
    public var pageCount: Int
    public var metadata: DocumentMetadata
    public var pages: [ExtractedPage]
    /// True when the file was damaged and only part of it could be read.
    public var partial: Bool
    /// Non-fatal problems, safe to log (no document text).
    public var warnings: [String]
    public var error: IngestError?

    /// In JSON the kind is called "type", as users of other extractors expect.
    enum CodingKeys: String, CodingKey {
        case path, sha256, kind = "type", pageCount, metadata, pages, partial, warnings, error
    }

    public init(
        path: String, sha256: String, kind: DocumentKind?, pageCount: Int = 0,
        metadata: DocumentMetadata = .init(), pages: [ExtractedPage] = [],
        partial: Bool = false, warnings: [String] = [], error: IngestError? = nil
    ) {
        self.path = path
        self.sha256 = sha256
        self.kind = kind
        self.pageCount = pageCount
        self.metadata = metadata
        self.pages = pages
        self.partial = partial
        self.warnings = warnings
        self.error = error
    }

    public var ocrPageCount: Int { pages.filter { $0.source == .ocr }.count }

    /// The pages' text joined as the chunker joins them: pages separated by a form feed.
    public var fullText: String { pages.map(\.text).joined(separator: "\u{0C}") }
}
