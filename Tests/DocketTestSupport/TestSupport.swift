import Foundation

/// Where the tests find the repository's samples, the outside data and the built executable.
public enum TestPaths {
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let samples = repositoryRoot.appendingPathComponent("Samples")
    public static let sampleDocuments = samples.appendingPathComponent("documents")
    public static let sampleReference = samples.appendingPathComponent("reference")

    /// `../shared/data` beside the repository: outside documents that tests use when present.
    public static let sharedData = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    public static var hasSharedData: Bool {
        FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("README.md").path)
    }

    /// The `docket` executable of this build, for tests that start extraction workers.
    public static var docketExecutable: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("docket")
                .path,
            repositoryRoot.appendingPathComponent(".build/debug/docket").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    public static func sample(_ name: String) -> String { sampleDocuments.appendingPathComponent(name).path }

    public static func reference(_ name: String) -> String {
        (try? String(contentsOf: sampleReference.appendingPathComponent(name + ".txt"), encoding: .utf8)) ?? ""
    }
}

/// Text measures used to judge extraction against a reference text.
public enum TextMetrics {
    public static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Share of the reference's words (as a multiset) that the extracted text contains.
    public static func wordRecall(reference: String, extracted: String) -> Double {
        var available: [String: Int] = [:]
        for word in words(extracted) { available[word, default: 0] += 1 }
        let wanted = words(reference)
        guard !wanted.isEmpty else { return 1 }
        var found = 0
        for word in wanted where available[word, default: 0] > 0 {
            available[word]! -= 1
            found += 1
        }
        return Double(found) / Double(wanted.count)
    }

    /// Character error rate: edit distance over the reference length, whitespace collapsed.
    public static func characterErrorRate(reference: String, extracted: String) -> Double {
        let a = Array(collapse(reference)), b = Array(collapse(extracted))
        guard !a.isEmpty else { return b.isEmpty ? 0 : 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return Double(previous[b.count]) / Double(a.count)
    }

    public static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// A file only its owner may read, as Docket asks of password files.
public func writePrivate(_ text: String, to file: URL) throws {
    try text.write(to: file, atomically: true, encoding: .utf8)
    chmod(file.path, 0o600)
}

/// A list that callbacks on several threads may append to.
public final class LockedList<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []
    public init() {}
    public func append(_ element: Element) { lock.withLock { storage.append(element) } }
    public var items: [Element] { lock.withLock { storage } }
}

/// Hand-written PDFs for cases no real document shows on demand: one line of text per page, or the
/// lines given (Helvetica; what poppler reads from them is what a producer's file of the same text
/// gives), and a page tree whose /Count may lie.
public enum TinyPDF {
    public static func make(pages: Int, declaredCount: Int? = nil) -> Data {
        make(
            lines: (0..<pages).map { ["Clause \($0 + 1): governing law is the law of England."] },
            declaredCount: declaredCount)
    }

    /// One page per element of `lines`; `drawing` (content-stream operators) is added to every page,
    /// and `toUnicode` (a CMap) is given to the font, which then tells text extraction other
    /// characters than it shows.
    public static func make(
        lines: [[String]], declaredCount: Int? = nil, drawing: String = "", toUnicode: String? = nil
    ) -> Data {
        func escaped(_ line: String) -> String {
            line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)")
        }
        var objects: [String] = []
        let pages = lines.count
        let kids = (0..<pages).map { "\(3 + $0 * 2) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(declaredCount ?? pages) >>")
        let font = 3 + pages * 2
        for (page, text) in lines.enumerated() {
            let stream =
                "BT /F1 10 Tf 12 TL 72 700 Td " + text.map { "(\(escaped($0))) Tj T* " }.joined() + "ET " + drawing
            objects.append(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents \(4 + page * 2) 0 R /Resources << "
                    + "/Font << /F1 \(font) 0 R >> >> >>"
            )
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }
        if let toUnicode {
            objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode \(font + 1) 0 R >>")
            objects.append("<< /Length \(toUnicode.utf8.count) >>\nstream\n\(toUnicode)\nendstream")
        } else {
            objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    public static func write(pages: Int, declaredCount: Int? = nil) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-\(UUID()).pdf")
        try make(pages: pages, declaredCount: declaredCount).write(to: url)
        return url
    }
}

/// RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes), for CUAD's labels.
public enum CSVReader {
    public static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let char = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if char == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(char)
                }
            } else if char == "\"" {
                quoted = true
            } else if char == "," {
                row.append(field); field = ""
            } else if char == "\n" || char == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(char)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Rows as dictionaries keyed by the header row.
    public static func records(_ text: String) -> [[String: String]] {
        let all = rows(text)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
    }
}
