import DocketModel
import Foundation

/// Writes what ingestion found under an output folder:
///
///     documents/<sha256 prefix>/document.json     path, hash, kind, metadata, per-page provenance
///     documents/<sha256 prefix>/pages/0001.txt    the text of each page
///     ingest-summary.json, ingest-summary.csv     one entry per input file, failures included
///
/// Folders are named by content hash, not file name: names often carry personal data.
/// Every file is written atomically (a temporary file, then a rename).
public final class IngestOutput {
    public let folder: URL
    private var entries: [SummaryEntry] = []

    public struct SummaryEntry: Codable, Sendable {
        public var path: String
        public var sha256: String
        public var kind: String?
        public var pages: Int
        public var ocrPages: Int
        public var partial: Bool
        public var error: String?
        public var errorMessage: String?
        public var folder: String?
    }

    public init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("documents"), withIntermediateDirectories: true)
    }

    public func add(_ document: ExtractedDocument) throws {
        var relative: String?
        if document.error == nil {
            let name = String(document.sha256.prefix(16))
            relative = "documents/\(name)"
            let root = folder.appendingPathComponent(relative!)
            let pagesFolder = root.appendingPathComponent("pages")
            try FileManager.default.createDirectory(at: pagesFolder, withIntermediateDirectories: true)
            for page in document.pages {
                try Data(page.text.utf8).write(
                    to: pagesFolder.appendingPathComponent(String(format: "%04d.txt", page.number)), options: .atomic)
            }
            var withoutText = document
            withoutText.pages = document.pages.map {
                var page = $0; page.text = ""; return page
            }
            try Self.encoder.encode(DocumentRecord(document: withoutText)).write(
                to: root.appendingPathComponent("document.json"), options: .atomic)
        }
        entries.append(
            SummaryEntry(
                path: document.path, sha256: document.sha256, kind: document.kind?.rawValue,
                pages: document.pages.count, ocrPages: document.ocrPageCount, partial: document.partial,
                error: document.error?.kind.rawValue, errorMessage: document.error?.description, folder: relative))
    }

    public func finish() throws {
        try Self.encoder.encode(entries).write(
            to: folder.appendingPathComponent("ingest-summary.json"), options: .atomic)
        var csv = "path,sha256,kind,pages,ocr_pages,partial,error\n"
        for entry in entries {
            let fields = [
                entry.path, entry.sha256, entry.kind ?? "", String(entry.pages), String(entry.ocrPages),
                String(entry.partial), entry.error ?? "",
            ]
            csv += fields.map(CSV.field).joined(separator: ",") + "\n"
        }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("ingest-summary.csv"), options: .atomic)
    }

    private struct DocumentRecord: Codable {
        var document: ExtractedDocument
        var note = "page texts are in pages/NNNN.txt"
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
