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
                while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D {
                    end -= 1
                }
                if end > start {
                    if let boundary = classify(
                        bytes, start..<end, afterSentenceEnd: endsSentence(previousLineEnd),
                        expectedNumber: lastTopNumber + 1)
                    {
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
    static let recitalWords = [
        "WHEREAS", "Whereas", "RECITALS", "Recitals", "Präambel", "PRÄAMBEL", "Vorbemerkung",
        "Préambule", "PRÉAMBULE", "NOW, THEREFORE", "NOW THEREFORE",
    ]
    static let signatureWords = [
        "IN WITNESS WHEREOF", "In witness whereof", "Signed for", "Signed by", "SIGNED",
        "For and on behalf of", "Signature", "Unterschrift", "Für den", "Fait à", "Pour le", "Pour la", "By:",
    ]
    static func classify(
        _ bytes: [UInt8], _ line: Range<Int>, afterSentenceEnd: Bool, expectedNumber: Int
    ) -> StructureBoundary? {
        let first = bytes[line.lowerBound]
        let slice = bytes[line]
        let itemMarker = line.count > 1 && bytes[line.lowerBound + 1] == UInt8(ascii: ")")
        // Most lines are running text: they are turned down on their bytes, before any string is made.
        if first >= 97 && first <= 122 && !itemMarker { return nil }
        if isDigit(first) {
            guard numberedCandidate(slice, afterSentenceEnd: afterSentenceEnd, expectedNumber: expectedNumber) else {
                return nil
            }
            return numbered(
                slice, offset: line.lowerBound, afterSentenceEnd: afterSentenceEnd, expectedNumber: expectedNumber)
        }
        if first == UInt8(ascii: "(") || itemMarker {
            return item(String(decoding: slice, as: UTF8.self), offset: line.lowerBound)
        }
        for (prefix, level) in keywordHeadingBytes[Int(first)] where slice.starts(with: prefix) {
            let text = String(decoding: slice, as: UTF8.self)
            let rest = text.dropFirst(String(decoding: prefix, as: UTF8.self).count)
            // "Section 3", "§ 1", "Schedule A", not "Sectional" or "Annex to the letter".
            let afterSpace = rest.drop { $0 == " " || $0 == "\u{00A0}" }
            let isSection = prefix == sectionSign
            guard let next = afterSpace.first,
                next.isNumber || (next.isUppercase && afterSpace.count <= 60) || isSection,
                rest.first != next || isSection
            else { continue }
            return StructureBoundary(offset: line.lowerBound, level: level, label: title(text))
        }
        if recitalWordBytes[Int(first)].contains(where: { slice.starts(with: $0) }) {
            return StructureBoundary(offset: line.lowerBound, level: 1, label: "Recitals")
        }
        if line.count <= 160, signatureWordBytes[Int(first)].contains(where: { slice.starts(with: $0) }) {
            return StructureBoundary(offset: line.lowerBound, level: 1, label: "Signatures")
        }
        if isAllCapsHeading(slice) {
            return StructureBoundary(
                offset: line.lowerBound, level: 1, label: title(String(decoding: slice, as: UTF8.self)))
        }
        return nil
    }

    /// The heading words as bytes, grouped by their first byte so a line is compared only with
    /// the words that start like it.
    static let keywordHeadingBytes = byFirstByte(keywordHeadings.map { (Array($0.prefix.utf8), $0.level) })
    static let sectionSign = Array("§".utf8)
    static let recitalWordBytes = byFirstByte(recitalWords.map { (Array($0.utf8), 1) }).map { $0.map(\.0) }
    static let signatureWordBytes = byFirstByte(signatureWords.map { (Array($0.utf8), 1) }).map { $0.map(\.0) }

    static func byFirstByte(_ words: [([UInt8], Int)]) -> [[([UInt8], Int)]] {
        var table = [[([UInt8], Int)]](repeating: [], count: 256)
        for word in words { table[Int(word.0[0])].append(word) }
        return table
    }

    /// A quick look at the bytes of a line that starts with a digit: could it open a clause?
    static func numberedCandidate(_ slice: ArraySlice<UInt8>, afterSentenceEnd: Bool, expectedNumber: Int) -> Bool {
        var index = slice.startIndex, dotted = false, top = 0, inTop = true
        while index < slice.endIndex, isDigit(slice[index]) || slice[index] == UInt8(ascii: ".") {
            if slice[index] == UInt8(ascii: ".") {
                dotted = true; inTop = false
            } else if inTop {
                top = top * 10 + Int(slice[index] - 48)
            }
            index += 1
            if index - slice.startIndex > 12 { return false }
        }
        guard index < slice.endIndex, slice[index] == 0x20 || slice[index] == 0x09 || slice[index] == 0xC2, top > 0,
            top <= 200
        else { return false }
        return afterSentenceEnd || (dotted && top == expectedNumber)
            || (dotted && slice[slice.startIndex..<index].dropLast().contains(UInt8(ascii: ".")))
    }

    /// "1. Definitions", "12.2 The Supplier shall…", "3.1.4 …". Read on bytes: lines that start
    /// with a digit are many (tables, dates, amounts) and most are not clauses.
    static func numbered(
        _ slice: ArraySlice<UInt8>, offset: Int, afterSentenceEnd: Bool, expectedNumber: Int
    ) -> StructureBoundary? {
        var parts: [Int] = []
        var index = slice.startIndex, value = 0, digits = 0, dotted = false
        while index < slice.endIndex, isDigit(slice[index]) || slice[index] == UInt8(ascii: ".") {
            if slice[index] == UInt8(ascii: ".") {
                dotted = true
                if digits > 0 { parts.append(value) }
                value = 0
                digits = 0
            } else {
                value = value * 10 + Int(slice[index] - 48)
                digits += 1
                if digits > 3 { return nil }
            }
            index += 1
        }
        if digits > 0 { parts.append(value) }
        guard let top = parts.first, parts.count <= 4, top > 0, top <= 200 else { return nil }
        var spaces = 0
        while index < slice.endIndex, slice[index] == 0x20 || slice[index] == 0x09 { index += 1; spaces += 1 }
        if index + 1 < slice.endIndex, slice[index] == 0xC2, slice[index + 1] == 0xA0 { index += 2; spaces += 1 }
        guard spaces > 0, index < slice.endIndex else { return nil }
        let next = slice[index]
        let upper =
            (next >= 65 && next <= 90) || (next == 0xC3 && index + 1 < slice.endIndex && slice[index + 1] <= 0x9E)
        let quote =
            next == UInt8(ascii: "\"") || (next == 0xE2 && index + 2 < slice.endIndex && slice[index + 2] == 0x9C)
        // A bare number only opens a clause after a finished sentence and before a capital:
        // otherwise it is a wrapped line that begins "30 days' notice".
        if !dotted && !(afterSentenceEnd && (upper || quote)) { return nil }
        // "31. Steuerliche…" after "… 3249" is a wrapped number, not clause 31; "4. Data
        // Protection" after a table row is clause 4, because clause 3 came before it.
        if parts.count == 1 && !afterSentenceEnd && top != expectedNumber { return nil }
        if dotted && !(upper || quote || next == UInt8(ascii: "(") || isDigit(next)) { return nil }
        let body = slice[index...]
        if dotted && parts.count == 1 && upper {
            let word = String(decoding: body.prefix { $0 != 0x20 }, as: UTF8.self).lowercased()
            if Lexicons.months.contains(word) { return nil }  // "14. September 1988"
        }
        let label = parts.map(String.init).joined(separator: ".")
        let heading = body.count <= 80 ? headingText(Substring(String(decoding: body, as: UTF8.self))) : nil
        return StructureBoundary(
            offset: offset, level: min(parts.count, 3), label: heading.map { label + " " + $0 } ?? label)
    }

    /// "(a)", "(iv)", "(1)", "a)".
    static func item(_ text: String, offset: Int) -> StructureBoundary? {
        let marker = text.prefix { $0 != ")" }
        let inner = marker.drop { $0 == "(" }
        guard marker.count < text.count, !inner.isEmpty, inner.count <= 4,
            inner.allSatisfy({ $0.isNumber }) || inner.allSatisfy({ "ivxlIVXL".contains($0) })
                || (inner.count == 1 && inner.first!.isLetter)
        else { return nil }
        return StructureBoundary(offset: offset, level: 4, label: "(\(inner))")
    }

    /// A short rest of line is the clause's title; a long one is its first sentence.
    static func headingText(_ body: Substring) -> String? {
        guard body.utf8.count <= 80 else { return nil }
        let trimmed = trimmedSpaces(body)
        guard !trimmed.isEmpty, trimmed.count <= 60, !trimmed.hasSuffix("."), !trimmed.hasSuffix(","),
            trimmed.split(separator: " ").count <= 8
        else { return nil }
        return trimmed
    }

    static func title(_ text: String) -> String {
        let trimmed = trimmedSpaces(Substring(text))
        return trimmed.count <= 80 ? trimmed : String(trimmed.prefix(80))
    }

    /// Spaces and tabs trimmed at both ends, as `trimmingCharacters(in: .whitespaces)` trims them,
    /// without the bridge to NSString that made that call a tenth of the decision stage.
    static func trimmedSpaces(_ text: Substring) -> String {
        func isSpace(_ character: Character) -> Bool { character.isWhitespace && !character.isNewline }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// Capitals only (ASCII and Latin-1), at least four letters, a dozen words at most.
    static func isAllCapsHeading(_ slice: ArraySlice<UInt8>) -> Bool {
        guard slice.count <= 100, slice.last != UInt8(ascii: ",") else { return false }
        var letters = 0, words = 1
        var previous: UInt8 = 0
        for byte in slice {
            if byte >= 97 && byte <= 122 { return false }
            if previous == 0xC3 && byte >= 0xA0 { return false }  // à…ÿ
            if byte >= 65 && byte <= 90 || (previous == 0xC3 && byte >= 0x80) { letters += 1 }
            if byte == 0x20 && previous != 0x20 { words += 1 }
            previous = byte
        }
        return letters >= 4 && words <= 12
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
