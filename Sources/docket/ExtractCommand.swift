import ArgumentParser
import DocketIngest
import DocketModel
import Foundation
import Synchronization

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the text of documents, page by page.",
        discussion: """
            Reads PDF (text layer, OCR where it is missing or unusable), PNG, JPEG, TIFF, DOCX, \
            plain text and Markdown. Each document is extracted in a worker process of its own. \
            Files are never modified. A file that cannot be read is reported on standard error \
            and the others go on; the exit status is then that of the first failed file \
            (see docs/extraction.md: exit codes).
            """)

    enum Format: String, ExpressibleByArgument {
        case text, json
    }

    @Argument(help: "Files to extract.")
    var files: [String]

    @Option(help: "text: the pages separated by form feeds; json: one JSON object per file and line.")
    var format: Format = .text

    @OptionGroup var extraction: ExtractionOptionsGroup

    func run() throws {
        let batch = try extraction.batchExtractor()
        let output = OutputState()
        let format = self.format, multiple = files.count > 1
        batch.run(paths: files) { _, document in
            output.write(document, format: format, withHeader: multiple)
        }
        if let code = output.firstFailure { throw ExitCode(code) }
    }
}

/// Prints documents as they complete and remembers the first failure's exit code.
private final class OutputState: Sendable {
    private let failure = Mutex<Int32?>(nil)
    var firstFailure: Int32? { failure.withLock { $0 } }
    /// Made per document: a JSONEncoder is not Sendable, and one per document costs nothing beside extraction.
    private var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    func write(_ document: ExtractedDocument, format: ExtractCommand.Format, withHeader: Bool) {
        if let error = document.error {
            FileHandle.standardError.write(Data("docket: \(error)\n".utf8))
            failure.withLock { if $0 == nil { $0 = error.kind.exitCode } }
        } else if document.partial {
            FileHandle.standardError.write(
                Data("docket: \(document.path): partial: \(document.warnings.joined(separator: "; "))\n".utf8))
        }
        switch format {
        case .json:
            if var line = try? encoder.encode(document) {
                line.append(0x0A)
                FileHandle.standardOutput.write(line)
            }
        case .text:
            guard document.error == nil else { return }
            var text = withHeader ? "==> \(document.path) <==\n" : ""
            text += document.pages.map(\.text).joined(separator: "\u{0C}")
            if !text.hasSuffix("\n") { text += "\n" }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
