import ArgumentParser
import DocketIngest
import DocketModel
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Extract every document in folders and write page texts and a summary.",
        discussion: """
            Writes OUTPUT/documents/<hash>/pages/NNNN.txt and document.json for each document, \
            and OUTPUT/ingest-summary.json and .csv for the whole batch, failures included. \
            Progress lines name documents by position and content hash.
            """)

    @Argument(help: "Folders (searched recursively) or files.")
    var inputs: [String]

    @Option(help: "Folder for the results.")
    var output = "Output/ingest"

    @OptionGroup var extraction: ExtractionOptionsGroup

    func run() throws {
        var paths: [String] = []
        for input in inputs { paths += try FolderScanner.files(in: input) }
        let batch = try extraction.batchExtractor()
        let writer = try IngestOutput(folder: URL(fileURLWithPath: output))
        let progress = IngestProgress(total: paths.count, writer: writer)
        let started = Date()
        batch.run(paths: paths) { index, document in progress.record(index, document) }
        try writer.finish()
        let seconds = Date().timeIntervalSince(started)
        print(
            String(
                format: "ingested %d documents (%d pages, %d OCR) in %.1f s; %d failed, %d partial; summary: %@",
                paths.count, progress.pages, progress.ocrPages, seconds, progress.failed, progress.partial,
                writer.folder.appendingPathComponent("ingest-summary.json").path))
    }
}

/// One line per document: position, short hash, outcome. Never document text.
private final class IngestProgress: @unchecked Sendable {
    // @unchecked: the batch calls back one document at a time, under its own lock.
    let total: Int
    let writer: IngestOutput
    var pages = 0, ocrPages = 0, failed = 0, partial = 0

    init(total: Int, writer: IngestOutput) {
        self.total = total
        self.writer = writer
    }

    func record(_ index: Int, _ document: ExtractedDocument) {
        do { try writer.add(document) } catch {
            FileHandle.standardError.write(
                Data("docket: cannot write the results for \(document.path): \(error)\n".utf8))
        }
        let id = "[\(index + 1)/\(total)] \(document.sha256.prefix(12))"
        if let error = document.error {
            failed += 1
            FileHandle.standardError.write(Data("\(id) failed: \(error)\n".utf8))
            return
        }
        pages += document.pages.count
        ocrPages += document.ocrPageCount
        if document.partial { partial += 1 }
        print(
            "\(id) \(document.kind?.rawValue ?? "?") \(document.pages.count) pages, \(document.ocrPageCount) "
                + "OCR\(document.partial ? ", partial" : "")"
        )
    }
}
