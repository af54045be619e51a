import DocketModel
import Foundation

/// Chunks kept as places in their document's pages (`StoredChunk`): the text is stored once, as pages.
extension SQLRunStore {
    public func chunk(id: String) async throws -> (text: String, heading: String)? {
        try await executor.read { connection in
            guard let row = try connection.first("SELECT * FROM chunks WHERE id = $1", [id]) else { return nil }
            let heading = row.text("heading") ?? ""
            guard let place = Self.place(of: row) else {
                // Kept as text; the chunker makes no empty chunk, so an empty one is a text that could not be kept.
                guard let text = row.text("text"), !text.isEmpty else {
                    throw StoreError(message: "chunk \(id): its text was lost when its document was read again")
                }
                return (text, heading)
            }
            let pages = try connection.query(
                "SELECT number, text FROM pages WHERE sha256 = $1 AND number BETWEEN $2 AND $3 ORDER BY number",
                [place.documentSHA256, place.firstPage, place.lastPage]
            ).map(Self.page)
            guard let text = place.text(in: pages) else {
                throw StoreError(
                    message: "chunk \(id): the pages of document \(place.documentSHA256.prefix(12)) no longer hold it; "
                        + "read the document again in a new run")
            }
            return (text, heading)
        }
    }

    static func insert(_ chunk: StoredChunk, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO chunks (id, text, heading, document_sha256, first_page, last_page, start_byte, end_byte)
            VALUES ($1, '', $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
            """,
            [
                chunk.id, chunk.heading, chunk.documentSHA256, chunk.firstPage, chunk.lastPage, chunk.start,
                chunk.end,
            ])
    }

    /// Before a document's pages are replaced by a reading that differs, the chunks placed in them take their
    /// text as it was, so that what an earlier run sent is still what a rerun sends and a reviewer reads.
    static func keepChunkTexts(of document: ExtractedDocument, on connection: any SQLConnection) throws {
        let before = try connection.query(
            "SELECT number, text FROM pages WHERE sha256 = $1 ORDER BY number", [document.sha256]
        ).map(Self.page)
        guard !before.isEmpty,
            !before.elementsEqual(document.pages, by: { $0.number == $1.number && $0.text == $1.text })
        else { return }
        let placed = try connection.query(
            """
            SELECT * FROM chunks WHERE first_page IS NOT NULL
                AND id IN (SELECT chunk_id FROM units WHERE document_sha256 = $1 AND chunk_id IS NOT NULL)
            """, [document.sha256])
        for row in placed {
            guard let place = Self.place(of: row) else { continue }
            let pages = before.filter { (place.firstPage...place.lastPage).contains($0.number) }
            // Empty when the old pages did not hold it either: read as lost, never sent as an empty text.
            try connection.execute(
                "UPDATE chunks SET text = $1, first_page = NULL WHERE id = $2",
                [place.text(in: pages) ?? "", place.id])
        }
    }

    /// A page's number and text, all that cutting a chunk needs.
    private static func page(_ row: SQLRow) -> ExtractedPage {
        ExtractedPage(number: Int(row.integer("number") ?? 0), text: row.text("text") ?? "", source: .native)
    }

    private static func place(of row: SQLRow) -> StoredChunk? {
        guard let firstPage = row.integer("first_page"), let lastPage = row.integer("last_page"),
            let start = row.integer("start_byte"), let end = row.integer("end_byte"),
            let document = row.text("document_sha256")
        else { return nil }
        return StoredChunk(
            id: row.text("id") ?? "", heading: row.text("heading") ?? "", documentSHA256: document,
            firstPage: Int(firstPage), lastPage: Int(lastPage), start: Int(start), end: Int(end))
    }
}
