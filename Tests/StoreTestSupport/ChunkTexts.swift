import DocketAudit
import DocketModel
import DocketRecords
import DocketStore

extension RunStore {
    /// `addUnits` with chunks given as text and heading: each text is stored as the one page of a document of its
    /// own first, as a run stores a document's pages before the chunks placed in them.
    public func addUnits(
        _ units: [UnitRecord], chunkTexts: [String: (text: String, heading: String)], run: String,
        audit: [AuditRecord]
    ) async throws {
        var chunks: [StoredChunk] = []
        for (id, chunk) in chunkTexts.sorted(by: { $0.key < $1.key }) {
            let sha = ContentHash.sha256(of: Array("chunk document \(id)".utf8))
            try await saveDocument(
                ExtractedDocument(
                    path: "\(id).txt", sha256: sha, kind: .text, pageCount: 1,
                    pages: [ExtractedPage(number: 1, text: chunk.text, source: .textLayer)]))
            chunks.append(
                StoredChunk(
                    id: id, heading: chunk.heading, documentSHA256: sha, firstPage: 1, lastPage: 1, start: 0,
                    end: chunk.text.utf8.count))
        }
        try await addUnits(units, chunks: chunks, run: run, audit: audit)
    }
}
