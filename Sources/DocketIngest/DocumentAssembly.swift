import DocketModel
import Foundation

/// The jobs of one document as they come back from the workers, put together in page order.
final class DocumentAssembly {
    let deadline: DispatchTime
    /// Jobs the document takes: 1, and one more per range when it is split.
    var expected = 1
    var split = false
    private var parts: [(slice: BatchSlice, collected: CollectingSink, error: IngestError?)] = []

    init(deadline: DispatchTime) { self.deadline = deadline }

    func add(_ slice: BatchSlice, _ collected: CollectingSink, error: IngestError?) {
        parts.append((slice, collected, error))
    }

    /// Every job is back; the first one is always among them, since only it may add more.
    var complete: Bool { parts.count == expected && parts.contains { $0.slice.first } }

    /// The document: the first job's header, every range's pages in order, their warnings once
    /// each, and the first error in page order. Ranges read from different bytes (the file was
    /// replaced while it was read) make the whole document fail: its text would mix two files.
    func document(path: String) -> ExtractedDocument {
        let ordered = parts.sorted { ($0.slice.pages?.lowerBound ?? 0) < ($1.slice.pages?.lowerBound ?? 0) }
        let merged = CollectingSink()
        if let header = ordered.lazy.compactMap(\.collected.header).first { merged.begin(header) }
        var seen = Set<String>()
        for part in ordered {
            part.collected.pages.forEach(merged.page)
            for warning in part.collected.warnings where seen.insert(warning).inserted { merged.warning(warning) }
        }
        var error = ordered.lazy.compactMap(\.error).first
        let hashes = Set(ordered.compactMap { $0.collected.header?.sha256 })
        if error == nil && hashes.count > 1 {
            error = IngestError(
                .extractionFailed, path: path,
                detail: "the file changed while it was being read; run again once it is no longer being written")
        }
        return ExtractedDocument(collected: merged, path: path, error: error)
    }
}
