/// Dates of birth: a date ("14.09.1988", "1988-09-14", "14 September 1988", "14 septembre 1988")
/// with a birth word just before it ("born", "geboren am", "née le", "date of birth").
enum DateOfBirthDetector {
    static let monthNames: Set<String> = LegalStructure.months.union(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])

    static func detect(_ words: [Word], bytes: [UInt8], into findings: inout [Finding]) {
        for index in words.indices {
            guard let last = dateEnd(words, at: index) else { continue }
            let start = words[index].start
            if ContextWords.before(bytes, offset: start, contains: Lexicons.birthContext) {
                findings.append(Finding(type: FindingType.dateOfBirth.rawValue, start: start, end: words[last].end, confidence: 0.9))
            }
        }
    }

    /// The last word of a date starting at `index`, if one starts there.
    static func dateEnd(_ words: [Word], at index: Int) -> Int? {
        guard index + 2 < words.count else { return nil }
        let a = words[index], b = words[index + 1], c = words[index + 2]
        let separators: Set<String> = [".", "/", "-", ". "]
        func number(_ word: Word, _ range: ClosedRange<Int>) -> Bool { Int(word.lower).map(range.contains) ?? false }
        // 14.09.1988, 14/09/1988, 1988-09-14
        if separators.contains(a.after), separators.contains(b.after) || b.after == "." {
            if number(a, 1...31), number(b, 1...12), number(c, 1900...2100) { return index + 2 }
            if number(a, 1900...2100), number(b, 1...12), number(c, 1...31) { return index + 2 }
        }
        // 14 September 1988, 14. September 1988, September 14, 1988
        if number(a, 1...31), monthNames.contains(b.lower), number(c, 1900...2100) { return index + 2 }
        if monthNames.contains(a.lower), number(b, 1...31), number(c, 1900...2100) { return index + 2 }
        return nil
    }
}
