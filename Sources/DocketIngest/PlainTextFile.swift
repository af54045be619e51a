import DocketModel
import Foundation

/// Plain text and Markdown: UTF-8, or Windows-1252 when the bytes are not valid UTF-8.
/// A form feed starts a new page, as pdftotext writes them.
enum PlainTextFile {
    static let maximumBytes = 256 << 20

    static func read(path: String) throws -> [String] {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumBytes else {
            throw IngestError(.tooLarge, path: path, detail: "the text file is larger than \(maximumBytes >> 20) MB")
        }
        guard let data = try? Data(contentsOf: url) else {
            throw IngestError(.unreadable, path: path, detail: "the file cannot be read")
        }
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) ?? ""
        return text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
    }
}
