import DocketModel

/// What a document is, known before its pages are read.
public struct DocumentHeader: Codable, Sendable {
    public var path: String
    public var sha256: String
    public var kind: DocumentKind
    public var pageCount: Int
    public var metadata: DocumentMetadata

    enum CodingKeys: String, CodingKey {
        case path, sha256, kind = "type", pageCount, metadata
    }
}

/// Receives a document's pages as they are extracted, so that nobody has to hold a whole book.
/// Pages may arrive out of order (OCR runs on several threads); calls never overlap.
public protocol ExtractionSink: AnyObject {
    func begin(_ header: DocumentHeader)
    func page(_ page: ExtractedPage)
    func warning(_ message: String)
}

/// Collects everything into an `ExtractedDocument`, pages sorted. For tests and small inputs.
public final class CollectingSink: ExtractionSink {
    public private(set) var header: DocumentHeader?
    public private(set) var pages: [ExtractedPage] = []
    public private(set) var warnings: [String] = []

    public init() {}
    public func begin(_ header: DocumentHeader) { self.header = header }
    public func page(_ page: ExtractedPage) { pages.append(page) }
    public func warning(_ message: String) { warnings.append(message) }
}
