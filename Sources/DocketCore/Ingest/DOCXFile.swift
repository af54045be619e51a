import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Text of a Word document: body paragraphs and tables in document order, a row of a table as
/// its cells joined by " | ". A DOCX has no fixed pages; explicit page breaks and the page breaks
/// Word recorded when it last laid the document out (`w:lastRenderedPageBreak`) start a new page.
enum DOCXFile {
    /// A document.xml larger than this, uncompressed, is refused rather than inflated (zip bombs).
    static let maximumXMLBytes: UInt64 = 256 << 20

    static func read(path: String) throws -> (pages: [String], metadata: DocumentMetadata) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw IngestError(.damaged, path: path, detail: "the DOCX container (zip) cannot be opened")
        }
        guard let body = archive["word/document.xml"] else {
            throw IngestError(.damaged, path: path, detail: "the DOCX has no word/document.xml")
        }
        let xml = try entryData(body, in: archive, path: path)
        let parser = BodyParser()
        let xmlParser = XMLParser(data: xml)
        xmlParser.delegate = parser
        guard xmlParser.parse() else {
            throw IngestError(.damaged, path: path, detail: "word/document.xml is not well-formed XML")
        }
        var metadata = DocumentMetadata()
        if let core = archive["docProps/core.xml"], let data = try? entryData(core, in: archive, path: path) {
            metadata = CorePropertiesParser.parse(data)
        }
        return (parser.finishedPages(), metadata)
    }

    private static func entryData(_ entry: Entry, in archive: Archive, path: String) throws -> Data {
        guard entry.uncompressedSize <= maximumXMLBytes else {
            throw IngestError(.tooLarge, path: path, detail: "\(entry.path) inflates to more than \(maximumXMLBytes >> 20) MB")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw IngestError(.damaged, path: path, detail: "\(entry.path) cannot be inflated")
        }
        return data
    }
}

/// Walks word/document.xml. Paragraph text is the concatenation of its `w:t` runs.
private final class BodyParser: NSObject, XMLParserDelegate {
    private var pages: [String] = []
    private var page = ""
    private var paragraph = ""
    private var pageBreakPending = false
    private var inText = false
    /// One entry per open table (tables nest): the row being built, cell by cell.
    private var rows: [[String]] = []
    private var cell: [String] = []

    func finishedPages() -> [String] {
        flushPage()
        return pages.isEmpty ? [""] : pages
    }

    private func flushPage() {
        let text = page.trimmingCharacters(in: .newlines)
        if !text.isEmpty || pages.isEmpty { pages.append(text) }
        page = ""
    }

    private func emit(line: String) {
        if pageBreakPending {
            flushPage()
            pageBreakPending = false
        }
        page += line + "\n"
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "w:t": inText = true
        case "w:tab": paragraph += "\t"
        case "w:br", "w:cr":
            if attributes["w:type"] == "page" { pageBreakPending = !page.isEmpty || !paragraph.isEmpty } else { paragraph += "\n" }
        case "w:lastRenderedPageBreak": pageBreakPending = !page.isEmpty
        case "w:tbl": rows.append([])
        case "w:tr": if !rows.isEmpty { rows[rows.count - 1] = [] }
        case "w:tc": cell = []
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { paragraph += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:p":
            if rows.isEmpty {
                emit(line: paragraph)
            } else if !paragraph.isEmpty {
                cell.append(paragraph)
            }
            paragraph = ""
        case "w:tc":
            if !rows.isEmpty { rows[rows.count - 1].append(cell.joined(separator: " ")) }
            cell = []
        case "w:tr":
            if let row = rows.last, row.contains(where: { !$0.isEmpty }) {
                let line = row.joined(separator: " | ")
                if rows.count == 1 { emit(line: line) } else { cell.append(line) }
            }
        case "w:tbl": _ = rows.popLast()
        default: break
        }
    }
}

/// Reads title, author and creation date from docProps/core.xml.
private final class CorePropertiesParser: NSObject, XMLParserDelegate {
    private var current: String?
    private var values: [String: String] = [:]

    static func parse(_ data: Data) -> DocumentMetadata {
        let delegate = CorePropertiesParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        func value(_ key: String) -> String? {
            let text = delegate.values[key]?.trimmingCharacters(in: .whitespacesAndNewlines)
            return text?.isEmpty == false ? text : nil
        }
        return DocumentMetadata(title: value("dc:title"), author: value("dc:creator"),
                                producer: value("cp:lastModifiedBy"), creationDate: value("dcterms:created"))
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        current = name
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { values[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}
