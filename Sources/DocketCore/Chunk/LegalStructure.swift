import Foundation

/// A line that opens a part of the document: an article, a numbered clause, a schedule…
public struct StructureBoundary: Sendable, Equatable {
    /// Byte offset of the line's first visible character.
    public var offset: Int
    /// 1: articles, top-level clauses, schedules, recitals, signatures, all-caps headings;
    /// 2–3: numbered sub-clauses (1.1, 1.1.1); 4: lettered and roman items ((a), (ii)).
    public var level: Int
    /// What the heading path shows: "12 Termination", "12.2", "§ 3 Vergütung", "Schedule 1".
    public var label: String
}

/// Finds structure boundaries line by line. Works on UTF-8 bytes: it runs over every document,
/// so it must stay far from being the pipeline's bottleneck.
public enum LegalStructure {
    public static func boundaries(in text: DocumentText) -> [StructureBoundary] {
        let bytes = text.bytes
        var result: [StructureBoundary] = []
        var lineStart = 0
        var previousLineEnd: UInt8 = 0x0A  // the document start counts as after a full stop
        var lastTopNumber = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0A || bytes[index] == 0x0C {
                var start = lineStart
                while start < index, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D { start += 1 }
                var end = index
                while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
                if end > start {
                    if let boundary = classify(bytes, start..<end, afterSentenceEnd: endsSentence(previousLineEnd),
                                               expectedNumber: lastTopNumber + 1) {
                        result.append(boundary)
                        if let top = Int(boundary.label.prefix { $0.isNumber }) { lastTopNumber = top }
                    }
                    previousLineEnd = bytes[end - 1]
                }
                lineStart = index + 1
            }
            index += 1
        }
        return result
    }

    private static func endsSentence(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ";") || byte == 0x0A
            || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ")")
    }

    static let keywordHeadings: [(prefix: String, level: Int)] = [
        ("§", 1), ("Art.", 1), ("Artikel", 1), ("Article", 1), ("ARTICLE", 1), ("Section", 1), ("SECTION", 1),
        ("Clause", 1), ("CLAUSE", 1), ("Schedule", 1), ("SCHEDULE", 1), ("Annex", 1), ("ANNEX", 1), ("Annexe", 1),
        ("Anlage", 1), ("ANLAGE", 1), ("Anhang", 1), ("Exhibit", 1), ("EXHIBIT", 1), ("Appendix", 1), ("APPENDIX", 1),
    ]
    static let recitalWords = ["WHEREAS", "Whereas", "RECITALS", "Recitals", "Präambel", "PRÄAMBEL", "Vorbemerkung",
                               "Préambule", "PRÉAMBULE", "NOW, THEREFORE", "NOW THEREFORE"]
    static let signatureWords = ["IN WITNESS WHEREOF", "In witness whereof", "Signed for", "Signed by", "SIGNED",
                                 "For and on behalf of", "Signature", "Unterschrift", "Für den", "Fait à", "Pour le", "Pour la", "By:"]
    static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                      "october", "november", "december", "januar", "februar", "märz", "mai", "juni", "juli",
                                      "oktober", "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
                                      "septembre", "octobre", "novembre", "décembre"]

    static func classify(_ bytes: [UInt8], _ line: Range<Int>, afterSentenceEnd: Bool, expectedNumber: Int) -> StructureBoundary? {
        let text = String(decoding: bytes[line], as: UTF8.self)
        let first = bytes[line.lowerBound]
        if isDigit(first) {
            return numbered(text, offset: line.lowerBound, afterSentenceEnd: afterSentenceEnd, expectedNumber: expectedNumber)
        }
        if first == UInt8(ascii: "(") || (line.count > 1 && bytes[line.lowerBound + 1] == UInt8(ascii: ")")) {
            return item(text, offset: line.lowerBound)
        }
        for (prefix, level) in keywordHeadings where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            // "Section 3", "§ 1", "Schedule A", not "Sectional" or "Annex to the letter".
            let afterSpace = rest.drop { $0 == " " || $0 == "\u{00A0}" }
            guard let next = afterSpace.first, next.isNumber || (next.isUppercase && afterSpace.count <= 60) || prefix == "§",
                  rest.first != next || prefix == "§" else { continue }
            return StructureBoundary(offset: line.lowerBound, level: level, label: title(text))
        }
        for word in recitalWords where text.hasPrefix(word) {
            return StructureBoundary(offset: line.lowerBound, level: 1, label: "Recitals")
        }
        if text.count <= 120, signatureWords.contains(where: { text.hasPrefix($0) }) {
            return StructureBoundary(offset: line.lowerBound, level: 1, label: "Signatures")
        }
        if isAllCapsHeading(text) { return StructureBoundary(offset: line.lowerBound, level: 1, label: title(text)) }
        return nil
    }

    /// "1. Definitions", "12.2 The Supplier shall…", "3.1.4 …".
    static func numbered(_ text: String, offset: Int, afterSentenceEnd: Bool, expectedNumber: Int) -> StructureBoundary? {
        let number = text.prefix { $0.isNumber || $0 == "." }
        let parts = number.split(separator: ".", omittingEmptySubsequences: true)
        guard !parts.isEmpty, parts.count <= 4, parts.allSatisfy({ $0.count <= 3 }),
              let top = Int(parts[0]), top > 0, top <= 200 else { return nil }
        let rest = text.dropFirst(number.count)
        guard let space = rest.first, space == " " || space == "\t" || space == "\u{00A0}" else { return nil }
        let body = rest.drop { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        guard let next = body.first else { return nil }
        let dotted = number.contains(".")
        // A bare number only opens a clause after a finished sentence and before a capital:
        // otherwise it is a wrapped line that begins "30 days' notice".
        if !dotted && !(afterSentenceEnd && (next.isUppercase || next == "\"" || next == "“")) { return nil }
        // "31. Steuerliche…" after "… 3249" is a wrapped number, not clause 31; "4. Data
        // Protection" after a table row is clause 4, because clause 3 came before it.
        if parts.count == 1 && !afterSentenceEnd && top != expectedNumber { return nil }
        if dotted && !(next.isUppercase || next == "\"" || next == "“" || next == "(" || next.isNumber) { return nil }
        if let word = body.split(separator: " ").first, months.contains(word.lowercased()) { return nil }  // "14. September"
        let level = min(parts.count, 3)
        let label = parts.joined(separator: ".")
        let heading = headingText(body)
        return StructureBoundary(offset: offset, level: level, label: heading.map { label + " " + $0 } ?? label)
    }

    /// "(a)", "(iv)", "(1)", "a)".
    static func item(_ text: String, offset: Int) -> StructureBoundary? {
        let marker = text.prefix { $0 != ")" }
        let inner = marker.drop { $0 == "(" }
        guard marker.count < text.count, !inner.isEmpty, inner.count <= 4,
              inner.allSatisfy({ $0.isNumber }) || inner.allSatisfy({ "ivxlIVXL".contains($0) }) || (inner.count == 1 && inner.first!.isLetter)
        else { return nil }
        return StructureBoundary(offset: offset, level: 4, label: "(\(inner))")
    }

    /// A short rest of line is the clause's title; a long one is its first sentence.
    static func headingText(_ body: Substring) -> String? {
        let trimmed = String(body).trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 60, !trimmed.hasSuffix("."), !trimmed.hasSuffix(","),
              trimmed.split(separator: " ").count <= 8 else { return nil }
        return trimmed
    }

    static func title(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.count <= 80 ? trimmed : String(trimmed.prefix(80))
    }

    static func isAllCapsHeading(_ text: String) -> Bool {
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if scalar.properties.isLowercase { return false }
            letters += 1
        }
        let words = text.split(separator: " ").count
        return letters >= 4 && words <= 12 && !text.hasSuffix(",") && text.count <= 100
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
