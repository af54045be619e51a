import DocketDecide
import DocketModel

/// A chunk as the store keeps it: its heading and where its text lies in its document's stored pages, not a
/// second copy of that text. Pages `firstPage...lastPage` joined by form feeds (as `DocumentText` joins them)
/// hold the chunk's text at the UTF-8 byte range `start..<end`. A chunk whose pages are about to be replaced by
/// a different reading is given its text in the `chunks` row instead (`SQLRunStore.keepChunkTexts`), so that an
/// earlier run's prompt is rendered as it was.
public struct StoredChunk: Sendable, Equatable {
    public var id: String
    public var heading: String
    public var documentSHA256: String
    public var firstPage: Int
    public var lastPage: Int
    public var start: Int
    public var end: Int

    public init(
        id: String, heading: String, documentSHA256: String, firstPage: Int, lastPage: Int, start: Int, end: Int
    ) {
        self.id = id
        self.heading = heading
        self.documentSHA256 = documentSHA256
        self.firstPage = firstPage
        self.lastPage = lastPage
        self.start = start
        self.end = end
    }

    /// The place of the chunk `id` at `range` of `text` (whose pages are the document's), starting on page
    /// `firstPage`; nil if `text` does not hold that page.
    public init?(
        id: String, heading: String, document: String, firstPage: Int, lastPage: Int, range: Range<Int>,
        in text: DocumentText
    ) {
        guard let pageStart = text.start(ofPage: firstPage) else { return nil }
        self.init(
            id: id, heading: heading, documentSHA256: document, firstPage: firstPage, lastPage: lastPage,
            start: range.lowerBound - pageStart, end: range.upperBound - pageStart)
    }

    public init?(_ chunk: PlannedChunk, document: String, text: DocumentText) {
        self.init(
            id: chunk.id, heading: chunk.heading, document: document, firstPage: chunk.firstPage,
            lastPage: chunk.lastPage, range: chunk.start..<chunk.end, in: text)
    }

    /// The text at this place in `pages` (the document's pages `firstPage...lastPage`), joined as `DocumentText`
    /// joins them; nil when they are too short to hold it.
    func text(in pages: [ExtractedPage]) -> String? {
        let text = DocumentText(pages: pages)
        guard start >= 0, start <= end, end <= text.bytes.count else { return nil }
        return text.string(start..<end)
    }
}
