import Foundation

/// Names of organisations and people, from the ways contracts introduce them:
/// - a capitalised name ending in a legal form ("Northwind Analytics Ltd", "ADAMS GOLF, LTD.");
/// - a salutation or title before a name ("Frau Lena Schäfer", "Mr J S Saunders");
/// - a party definition after the name ("Ingram Micro ("Distributor")", "… (hereinafter the
///   "Supplier")", "… nachfolgend "Arbeitgeber"", "… (ci-après le "Prestataire")").
enum NameDetector {

    static func detect(_ words: [Word], bytes: [UInt8], into findings: inout [Finding]) {
        var index = 0
        var noNameBefore = 0
        while index < words.count {
            if words[index].flags.contains(.salutation), index + 1 < words.count, words[index + 1].capitalized {
                var first = index + 1
                while first + 1 < words.count, words[first].flags.contains(.salutation) { first += 1 }  // "Frau Dr. …"
                let last = nameEnd(words, from: first, limit: 3)
                findings.append(
                    Finding(
                        type: FindingType.person.rawValue, start: words[first].start, end: words[last].end,
                        confidence: 0.85))
                index = last + 1
                continue
            }
            // "Signed for Northwind Analytics Ltd: Priya Raman, Director": a name after a colon, before a comma.
            if index > 0, words[index].capitalized, words[index - 1].afterFirst == UInt8(ascii: ":"),
                !words[index].flags.contains(.legalForm)
            {
                let last = nameEnd(words, from: index, limit: 3)
                if last > index,
                    words[last].afterFirst == UInt8(ascii: ",") || words[last].afterFirst == 0x0A
                        || last + 1 == words.count
                {
                    findings.append(
                        Finding(
                            type: FindingType.person.rawValue, start: words[index].start, end: words[last].end,
                            confidence: 0.7))
                    index = last + 1
                    continue
                }
            }
            var stop = index
            if words[index].capitalized, index >= noNameBefore,
                let (last, isOrganisation, confidence) = name(words, bytes: bytes, from: index, stop: &stop)
            {
                // Sentence openers and generic nouns before a name are not part of it: "Zwischen der Firma X GmbH".
                var first = index
                while first < last,
                    !words[first].flags.isDisjoint(with: [.leadingNoise, .notName])
                        || !words[first].capitalized
                { first += 1 }
                let candidate = words[first...last]
                if !candidate.contains(where: { $0.flags.contains(.notName) }) {
                    let type: FindingType = isOrganisation ? .organisation : .person
                    findings.append(
                        Finding(
                            type: type.rawValue, start: words[first].start, end: words[last].end, confidence: confidence
                        ))
                }
                index = last + 1
                continue
            }
            noNameBefore = max(noNameBefore, stop + 1)
            index += 1
        }
    }

    /// The last word of a run of capitalised words (and connectors) starting at `from`.
    static func nameEnd(_ words: [Word], from: Int, limit: Int) -> Int {
        var last = from
        while last + 1 < words.count, last + 1 - from < limit, words[last].spaceAfter || words[last].after == ". ",
            words[last + 1].capitalized || (words[last + 1].lower.count == 1 && words[last + 1].allCaps)
        {
            last += 1
        }
        return last
    }

    /// A name starting at `from`: ends at a legal form, or is followed by a party definition.
    /// Returns nil and sets `stop` to the word where the run ended without a name, so the
    /// caller need not try again from the words in between (they would end there too).
    static func name(_ words: [Word], bytes: [UInt8], from: Int, stop: inout Int) -> (Int, Bool, Double)? {
        var last = from
        stop = from
        var sawOrganisationWord = words[from].flags.contains(.organisationWord)
        while last - from < 7 {
            let word = words[last]
            if last > from, word.capitalized, let length = legalFormLength(words, at: last) {
                // "Co., Ltd.", "GmbH & Co. KG": take the legal forms that follow too.
                var end = last + length - 1
                while end + 1 < words.count, words[end].afterLength <= 3, let more = legalFormLength(words, at: end + 1)
                { end += more }
                return (end, true, 0.9)
            }
            if definitionFollows(word, bytes: bytes), last > from || word.allCaps {
                let isOrganisation = sawOrganisationWord || (last == from && word.allCaps)
                return (last, isOrganisation, 0.8)
            }
            stop = last
            guard last + 1 < words.count else { return nil }
            let separator = word.spaceAfter ? " " : word.after
            guard separator == " " || separator == ", " || separator == " & " || separator == ". " else { return nil }
            let next = words[last + 1]
            guard next.capitalized || next.flags.contains(.connector) || next.allCaps else { return nil }
            // A comma only before a legal form: "Adams Golf, Ltd." but not "Bristol, United Kingdom".
            if separator == ", " && !next.flags.contains(.legalForm) { return nil }
            if next.flags.contains(.organisationWord) { sawOrganisationWord = true }
            last += 1
        }
        stop = from  // stopped by the length limit: a later start may still reach a name
        return nil
    }

    /// Words a legal form takes at `index`: one ("GmbH", "Ltd"), or one a letter for dotted
    /// forms ("B.V.", "S.p.A.", "L.L.C.").
    static func legalFormLength(_ words: [Word], at index: Int) -> Int? {
        if words[index].flags.contains(.legalForm) { return 1 }
        var letters = "", end = index
        while end < words.count, end - index < 4, words[end].lower.count == 1,
            words[end].afterFirst == UInt8(ascii: ".")
        {
            letters += words[end].lower
            end += 1
            if end - index >= 2, Lexicons.legalForms.contains(letters) { return end - index }
        }
        return nil
    }

    /// Whether a party definition follows the word: ("Supplier"), (the "Company"), (hereinafter …),
    /// nachfolgend "Arbeitgeber", (ci-après le "Prestataire"). Compared on bytes, case-insensitively.
    static func definitionFollows(_ word: Word, bytes: [UInt8]) -> Bool {
        var next = word.end
        while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x2C || bytes[next] == 0x0A { next += 1 }
        guard next < bytes.count else { return false }
        let rest = bytes[next..<min(bytes.count, next + 16)]
        func starts(_ prefix: [UInt8]) -> Bool {
            rest.count >= prefix.count && zip(rest, prefix).allSatisfy { ($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) == $1 }
        }
        switch bytes[next] | 0x20 {
        case UInt8(ascii: "("):
            return definitionOpenings.contains { starts($0) }
        case UInt8(ascii: "h"): return starts(hereinafter)
        case UInt8(ascii: "n"): return starts(nachfolgend)
        case UInt8(ascii: "c"): return starts(ciApres)
        default: return false
        }
    }

    static let definitionOpenings = [
        "(\"", "(“", "(„", "(«", "( \"", "(the", "(hereinafter", "(nachfolgend", "(ci-après", "(collectively", "(each",
    ]
    .map { Array($0.utf8) }
    static let hereinafter = Array("hereinafter".utf8)
    static let nachfolgend = Array("nachfolgend".utf8)
    static let ciApres = Array("ci-après".utf8)
}
