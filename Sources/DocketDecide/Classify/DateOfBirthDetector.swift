import DocketModel

/// Dates of birth: a date ("14.09.1988", "1988-09-14", "14 September 1988", "14 septembre 1988")
/// with a birth word just before it ("born", "geboren am", "née le", "date of birth").
enum DateOfBirthDetector {
    static func detect(_ words: [Word], bytes: [UInt8], into findings: inout [Finding]) {
        // A birth word belongs to the first date after it: the contract's date that follows the birthday in the
        // same sentence ("geb. 14.09.1988, Vertrag vom 01.02.2025") is not a birthday.
        var previousDateEnd = 0
        for index in words.indices {
            // A date inside the one before ("2019-12-31-2020" reads as two) is that one's.
            guard words[index].start >= previousDateEnd, let last = dateEnd(words, at: index) else { continue }
            let start = words[index].start
            if ContextWords.before(bytes, offset: start, contains: Lexicons.birthContext, from: previousDateEnd) {
                findings.append(
                    Finding(type: FindingType.dateOfBirth.rawValue, start: start, end: words[last].end, confidence: 0.9)
                )
            }
            previousDateEnd = words[last].end
        }
    }

    /// The text with every date of birth blanked, byte for byte: what a contract's answer may be read from (a
    /// person's birthday is never the agreement's date).
    static func blanked(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var found: [Finding] = []
        detect(WordScanner.words(bytes), bytes: bytes, into: &found)
        guard !found.isEmpty else { return text }
        for finding in found {
            bytes.replaceSubrange(
                finding.start..<finding.end, with: repeatElement(0x20, count: finding.end - finding.start))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The last word of a date starting at `index`, if one starts there.
    static func dateEnd(_ words: [Word], at index: Int) -> Int? {
        guard index + 2 < words.count else { return nil }
        let a = words[index], b = words[index + 1], c = words[index + 2]
        // Every date starts with a number or a month and ends with a year.
        guard !a.flags.isDisjoint(with: [.number, .month]), c.flags.contains(.number) else { return nil }
        func number(_ word: Word, _ range: ClosedRange<Int>) -> Bool {
            word.flags.contains(.number) && (Int(word.lower).map(range.contains) ?? false)
        }
        func separator(_ after: String) -> Bool { after == "." || after == "/" || after == "-" || after == ". " }
        // 14.09.1988, 14/09/1988, 1988-09-14
        if separator(a.after), separator(b.after) {
            if number(a, 1...31), number(b, 1...12), number(c, 1900...2100) { return index + 2 }
            if number(a, 1900...2100), number(b, 1...12), number(c, 1...31) { return index + 2 }
        }
        // 5/22/1979: the month first, as American forms write it
        if separator(a.after), separator(b.after), number(a, 1...12), number(b, 13...31), number(c, 1900...2100) {
            return index + 2
        }
        // 14 September 1988, 14. September 1988, September 14, 1988
        if number(a, 1...31), b.flags.contains(.month), number(c, 1900...2100) { return index + 2 }
        if a.flags.contains(.month), number(b, 1...31), number(c, 1900...2100) { return index + 2 }
        return nil
    }
}
