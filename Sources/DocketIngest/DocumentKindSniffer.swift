import DocketModel
import Foundation

/// Tells a file's kind from its first bytes, falling back on the extension only for text,
/// which has no signature. A PDF renamed `.txt` is still a PDF.
public enum DocumentKindSniffer {
    /// `name`: the file's own name, for its extension, when `path` is another way to it.
    public static func kind(ofFile path: String, named name: String? = nil) throws -> DocumentKind? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError(.unreadable, path: path, detail: "cannot open the file for reading")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 1024)) ?? Data())
        return kind(head: head, fileExtension: ((name ?? path) as NSString).pathExtension.lowercased())
    }

    static func kind(head: [UInt8], fileExtension ext: String) -> DocumentKind? {
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        // PDF allows junk before the header; readers accept it within the first 1024 bytes.
        let pdfMagic = Array("%PDF-".utf8)
        if head.count >= pdfMagic.count,
            (0...(head.count - pdfMagic.count)).contains(where: {
                head[$0..<($0 + pdfMagic.count)].elementsEqual(pdfMagic)
            })
        {
            return .pdf
        }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return ext == "docx" ? .docx : nil }
        // Without its header a file named .pdf may still be a damaged PDF: let poppler judge it.
        if ext == "pdf" && !starts([0xD0, 0xCF, 0x11, 0xE0]) { return .pdf }
        if ["txt", "text", "md", "markdown"].contains(ext), looksLikeText(head) {
            return ext.hasPrefix("m") ? .markdown : .text
        }
        return nil
    }

    /// The error for a file that is none of the supported kinds, saying what it looks like.
    static func unsupported(path: String, named name: String? = nil) -> IngestError {
        let head = [UInt8]((FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 8) }) ?? Data())
        let ext = ((name ?? path) as NSString).pathExtension.lowercased()
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            // Word's own encryption wraps even a .docx in this older container.
            return ext == "docx"
                ? IngestError(
                    .unsupportedFeature, path: path,
                    detail:
                        "it is a password-protected Office document, which Docket cannot decrypt; save it without a "
                        + "password"
                )
                : IngestError(
                    .unsupportedFile, path: path,
                    detail: "it is a legacy Office file (.doc, .xls); save it as DOCX or PDF")
        }
        if head.isEmpty { return IngestError(.unsupportedFile, path: path, detail: "the file is empty") }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return IngestError(.unsupportedFile, path: path, detail: "it is a ZIP container but not named .docx")
        }
        return IngestError(.unsupportedFile, path: path, detail: "its content is not a supported document format")
    }

    private static func looksLikeText(_ head: [UInt8]) -> Bool {
        !head.contains(0)
    }
}
