import DocketModel
import Foundation

/// A PDF page as the workspace shows it: a PNG, and its text with each scalar's glyph box, so that
/// a chunk, a finding or a clause passage can be highlighted where it is. Called only in a worker
/// process (`docket page-worker`), never in the web process: poppler stays isolated as in a run.
public enum PageImage {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The page's size in points and its text layer, with one box (x1, y1, x2, y2 in points from the
    /// top left) or nil per Unicode scalar of `text`.
    public struct Layout: Codable, Sendable, Equatable {
        public var width: Double
        public var height: Double
        public var text: String
        public var boxes: [[Double]?]
        /// For a page read by OCR: tesseract's words with their boxes in points (the text is then OCR's).
        public var words: [Word]?
    }

    public struct Word: Codable, Sendable, Equatable {
        public var text: String
        public var box: [Double]
    }

    /// What the worker sets up before it opens a document, as an extraction worker does: no core
    /// dump, default signals, and an address-space limit.
    public static func isolateWorker(memoryLimitMB: Int) {
        WorkerHygiene.apply()
        let bytes = rlim_t(memoryLimitMB) << 20
        var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }

    /// The file, if it is still the one read at the run (its SHA-256), and one of its pages.
    static func page(path: String, sha256: String, number: Int) throws -> (PDFFile, PDFPage) {
        guard (try? ContentHash.sha256(ofFile: path)) == sha256 else {
            throw Failure(description: "the file is gone or changed since it was read")
        }
        let file: PDFFile
        do { file = try PDFFile(path: path, passwords: []) } catch let error as IngestError {
            throw Failure(
                description: error.kind == .passwordRequired ? "the file needs a password" : "poppler cannot open it")
        }
        guard number >= 1, number <= file.pageCount, let page = file.page(number - 1) else {
            throw Failure(description: "the document has no page \(number)")
        }
        return (file, page)
    }

    public static func layout(path: String, sha256: String, page number: Int) throws -> Layout {
        let (file, page) = try page(path: path, sha256: sha256, number: number)
        defer { withExtendedLifetime(file) {} }
        let (width, height) = page.size
        let (text, boxes) = page.textWithBoxes
        return Layout(
            width: width, height: height, text: text, boxes: boxes.map { $0.map { [$0.x1, $0.y1, $0.x2, $0.y2] } })
    }

    /// The page as OCR reads it (the run's languages and resolution), with tesseract's word boxes.
    public static func ocrLayout(
        path: String, sha256: String, page number: Int, languages: [String], dpi: Int
    ) throws
        -> Layout
    {
        let (file, page) = try page(path: path, sha256: sha256, number: number)
        defer { withExtendedLifetime(file) {} }
        guard let image = page.renderGray(dpi: page.ocrDPI(requested: dpi)) else {
            throw Failure(description: "the page cannot be rendered")
        }
        let engine: OCREngine
        do { engine = try OCREngine(languages: languages) } catch {
            throw Failure(description: "tesseract cannot load the languages \(languages.joined(separator: "+"))")
        }
        let (text, words) = engine.recognizeWords(image)
        // Pixels at the rendered resolution to points.
        let scale = 72 / Double(image.dpi)
        let (width, height) = page.size
        return Layout(
            width: width, height: height, text: text, boxes: [],
            words: words.map { Word(text: $0.text, box: $0.box.map { $0 * scale }) })
    }

    public static func writePNG(path: String, sha256: String, page number: Int, dpi: Int, to output: String) throws {
        let (file, page) = try page(path: path, sha256: sha256, number: number)
        defer { withExtendedLifetime(file) {} }
        guard page.writePNG(dpi: dpi, to: output) else { throw Failure(description: "the page cannot be rendered") }
    }
}
