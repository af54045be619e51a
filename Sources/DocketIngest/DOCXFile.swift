import DocketModel
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Text of a Word document as a person reading it sees it: body paragraphs and tables in
/// document order (a table row as its cells joined by " | "), then the headers, footers,
/// footnotes, endnotes and comments the document's relationships name. Text marked hidden
/// (`w:vanish`) is left out and reported. A DOCX has no fixed pages; explicit page breaks and
/// the page breaks Word recorded when it last laid the document out start a new page.
///
/// Hostile files: every part is inflated with its bytes counted (a declared size is not
/// trusted), a DOCTYPE (where entity tricks live) is refused, and an XML error makes the
/// document damaged instead of silently short.
enum DOCXFile {
    /// Bytes one part may inflate to, and all parts read together.
    static let maximumPartBytes = 128 << 20
    static let maximumTotalBytes = 256 << 20

    static let relationshipTypes = [
        "header": "headers", "footer": "footers", "footnotes": "footnotes", "endnotes": "endnotes",
        "comments": "comments",
    ]

    static func read(path: String) throws -> (pages: [String], metadata: DocumentMetadata, warnings: [String]) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw IngestError(.damaged, path: path, detail: "the DOCX container (zip) cannot be opened")
        }
        var budget = maximumTotalBytes
        let main = try mainPart(archive, path: path, budget: &budget)
        guard let body = archive[main] else {
            throw IngestError(.damaged, path: path, detail: "the DOCX has no \(main)")
        }
        let parser = try parse(entryData(body, in: archive, path: path, budget: &budget), part: main, path: path)
        var pages = parser.finishedPages()
        var hidden = parser.hiddenCharacters
        // Headers, footers, notes and comments, in the order of the relationships.
        var extra: [String] = []
        for (type, target) in try relationships(of: main, in: archive, path: path, budget: &budget) {
            guard let label = relationshipTypes[type], let entry = archive[target] else { continue }
            let part = try parse(entryData(entry, in: archive, path: path, budget: &budget), part: target, path: path)
            hidden += part.hiddenCharacters
            let text = part.finishedPages().joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { extra.append("[\(label): \(target)]\n" + text) }
        }
        if !extra.isEmpty {
            pages[pages.count - 1] += (pages[pages.count - 1].isEmpty ? "" : "\n\n") + extra.joined(separator: "\n\n")
        }
        var metadata = DocumentMetadata()
        if let core = archive["docProps/core.xml"],
            let data = try? entryData(core, in: archive, path: path, budget: &budget)
        {
            metadata = CorePropertiesParser.parse(data)
        }
        let warnings =
            hidden > 0
            ? [
                "hidden text: \(hidden) characters marked hidden (w:vanish) were left out; a reader of the "
                    + "document does not see them"
            ]
            : []
        return (pages, metadata, warnings)
    }

    /// The main document part, as the package's relationships name it (word/document.xml by default).
    static func mainPart(_ archive: Archive, path: String, budget: inout Int) throws -> String {
        guard let rels = archive["_rels/.rels"] else { return "word/document.xml" }
        let found = try RelationshipParser.parse(
            entryData(rels, in: archive, path: path, budget: &budget), part: "_rels/.rels", path: path)
        let main = found.first { $0.type.hasSuffix("/officeDocument") && !$0.external }
        return main.flatMap { resolve($0.target, from: "") } ?? "word/document.xml"
    }

    /// (type, part) of the internal relationships of `part`, type being the last segment of the URI.
    static func relationships(
        of part: String, in archive: Archive, path: String, budget: inout Int
    ) throws -> [(String, String)] {
        let folder = (part as NSString).deletingLastPathComponent
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (part as NSString).lastPathComponent + ".rels"
        guard let rels = archive[relsPath] else { return [] }
        return try RelationshipParser.parse(
            entryData(rels, in: archive, path: path, budget: &budget), part: relsPath, path: path
        )
        .filter { !$0.external }
        .compactMap { relationship in
            resolve(relationship.target, from: folder).map {
                (String(relationship.type.split(separator: "/").last ?? ""), $0)
            }
        }
    }

    /// A relationship's target as a part name inside the package, or nil when it leaves it.
    static func resolve(_ target: String, from folder: String) -> String? {
        let joined =
            target.hasPrefix("/") ? String(target.dropFirst()) : (folder.isEmpty ? target : folder + "/" + target)
        var parts: [Substring] = []
        for segment in joined.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(segment)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    private static func parse(_ xml: Data, part: String, path: String) throws -> BodyParser {
        try refuseDoctype(xml, part: part, path: path)
        let parser = BodyParser()
        let xmlParser = XMLParser(data: xml)
        xmlParser.shouldResolveExternalEntities = false
        xmlParser.delegate = parser
        let parsed = xmlParser.parse()
        if !parsed || parser.error != nil {
            throw IngestError(
                .damaged, path: path, detail: "\(part) is not well-formed XML; nothing after the error could be read")
        }
        return parser
    }

    /// Word never writes a DOCTYPE; one in a part can only declare entities (billion laughs,
    /// external files) or hide text from a reader.
    static func refuseDoctype(_ xml: Data, part: String, path: String) throws {
        if xml.range(of: Data("<!DOCTYPE".utf8)) != nil || xml.range(of: Data("<!ENTITY".utf8)) != nil {
            throw IngestError(
                .damaged, path: path, detail: "\(part) declares a DOCTYPE or entities, which Word never writes; refused"
            )
        }
    }

    private struct Oversized: Error {}

    /// The part's bytes, counted as they are inflated: the declared size is not trusted.
    static func entryData(_ entry: Entry, in archive: Archive, path: String, budget: inout Int) throws -> Data {
        let limit = min(maximumPartBytes, budget)
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw Oversized() }
                data.append(chunk)
            }
        } catch is Oversized {
            throw IngestError(
                .tooLarge, path: path,
                detail: "\(entry.path) inflates to more than \(limit >> 20) MB (counted while inflating)")
        } catch {
            throw IngestError(.damaged, path: path, detail: "\(entry.path) cannot be inflated")
        }
        budget -= data.count
        return data
    }
}

/// The `Relationship` elements of a .rels part.
private final class RelationshipParser: NSObject, XMLParserDelegate {
    struct Relationship {
        var type: String
        var target: String
        var external: Bool
    }

    private(set) var found: [Relationship] = []
    private(set) var error: Error?

    static func parse(_ xml: Data, part: String, path: String) throws -> [Relationship] {
        try DOCXFile.refuseDoctype(xml, part: part, path: path)
        let delegate = RelationshipParser()
        let parser = XMLParser(data: xml)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse(), delegate.error == nil else {
            throw IngestError(.damaged, path: path, detail: "\(part) is not well-formed XML")
        }
        return delegate.found
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        guard name == "Relationship", let type = attributes["Type"], let target = attributes["Target"] else { return }
        found.append(Relationship(type: type, target: target, external: attributes["TargetMode"] == "External"))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

/// Walks a WordprocessingML part. Paragraph text is the concatenation of its visible `w:t` runs.
private final class BodyParser: NSObject, XMLParserDelegate {
    private(set) var error: Error?
    /// Characters of runs marked `w:vanish`, left out.
    private(set) var hiddenCharacters = 0
    private var runHidden = false
    private var inRunProperties = false
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

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        switch name {
        case "w:r": runHidden = false
        case "w:rPr": inRunProperties = true
        case "w:vanish":
            // Hidden unless switched off (w:val="false" or "0"); paragraph-mark properties hide no text.
            if inRunProperties { runHidden = !["false", "0", "off"].contains(attributes["w:val"] ?? "true") }
        case "w:t": inText = true
        case "w:tab": paragraph += "\t"
        case "w:br", "w:cr":
            if attributes["w:type"] == "page" {
                pageBreakPending = !page.isEmpty || !paragraph.isEmpty
            } else {
                paragraph += "\n"
            }
        case "w:lastRenderedPageBreak": pageBreakPending = !page.isEmpty
        case "w:tbl": rows.append([])
        case "w:tr": if !rows.isEmpty { rows[rows.count - 1] = [] }
        case "w:tc": cell = []
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        if runHidden { hiddenCharacters += string.count } else { paragraph += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:r": runHidden = false
        case "w:rPr": inRunProperties = false
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
        return DocumentMetadata(
            title: value("dc:title"), author: value("dc:creator"),
            producer: value("cp:lastModifiedBy"), creationDate: value("dcterms:created"))
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        current = name
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { values[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}
