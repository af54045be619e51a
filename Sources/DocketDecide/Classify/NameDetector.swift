import DocketModel
import Foundation

/// Names of organisations and people, from the ways contracts introduce them:
/// - a capitalised name ending in a legal form ("Northwind Analytics Ltd", "ADAMS GOLF, LTD.");
/// - a salutation or title before a name ("Frau Lena Schäfer", "Mr J S Saunders");
/// - a party definition after the name ("Ingram Micro ("Distributor")", "… (hereinafter the
///   "Supplier")", "… nachfolgend "Arbeitgeber"", "… (ci-après le "Prestataire")").
enum NameDetector {
    // Shares of right findings on the development set (`make eval-detectors`), as PersonDetector explains.
    static let salutationConfidence = 0.95  // 58/58
    static let colonConfidence = 0.84  // 68/80
    static let legalFormConfidence = 0.95  // 268/268
    static let definitionConfidence = 0.95  // 37/38
    static let firmListConfidence = 0.95  // 38/38
    static let firmSuffixConfidence = 0.95  // 33/33

    static func detect(_ words: [Word], bytes: [UInt8], into findings: inout [Finding]) {
        var index = 0
        var noNameBefore = 0
        while index < words.count {
            if words[index].flags.contains(.salutation), index + 1 < words.count, words[index + 1].capitalized {
                var first = index + 1
                // "Frau Dr. …"
                while first + 1 < words.count, words[first].flags.contains(.salutation) { first += 1 }
                let last = nameEnd(words, from: first, limit: 3)
                findings.append(
                    Finding(
                        type: FindingType.person.rawValue, start: words[first].start, end: words[last].end,
                        confidence: salutationConfidence))
                index = last + 1
                continue
            }
            // "Signed for Northwind Analytics Ltd: Priya Raman, Director": a name after a colon, before a comma.
            if index > 0, words[index].capitalized, words[index - 1].afterFirst == UInt8(ascii: ":"),
                !words[index].flags.contains(.legalForm)
            {
                let last = nameEnd(words, from: index, limit: 3)
                // Names, not a title ("Title: Chief Executive Officer") nor a firm ("By: PRUDENTIAL BANCORP").
                if last > index,
                    words[index...last].allSatisfy({ PersonDetector.isNamePart($0) || PersonDetector.isInitial($0) }),
                    words[last].afterFirst == UInt8(ascii: ",") || words[last].afterFirst == 0x0A
                        || last + 1 == words.count
                {
                    findings.append(
                        Finding(
                            type: FindingType.person.rawValue, start: words[index].start, end: words[last].end,
                            confidence: colonConfidence))
                    index = last + 1
                    continue
                }
            }
            var stop = index
            if words[index].capitalized, index >= noNameBefore,
                let (start, last, isOrganisation, confidence) = name(words, bytes: bytes, from: index, stop: &stop)
            {
                // Sentence openers and generic nouns before a name are not part of it: "Zwischen der Firma X GmbH".
                var first = start
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
    /// Returns the first and last word of the name, whether it is an organisation's, and the confidence.
    static func name(_ words: [Word], bytes: [UInt8], from: Int, stop: inout Int) -> (Int, Int, Bool, Double)? {
        var last = from
        stop = from
        var sawOrganisationWord = words[from].flags.contains(.organisationWord)
        if let end = firmList(words, from: from) { return (from, end, true, firmListConfidence) }
        while last - from < 7 {
            let word = words[last]
            if last > from, isFirmSuffix(words, at: last) {
                var end = last
                while end + 1 < words.count, words[end].afterLength <= 3, let more = legalFormLength(words, at: end + 1)
                { end += more }
                return (from, end, true, firmSuffixConfidence)
            }
            if last > from, let length = legalFormLength(words, at: last), !isStateAndZip(words, at: last) {
                // "Co., Ltd.", "GmbH & Co. KG": take the legal forms that follow too.
                var end = last + length - 1
                while end + 1 < words.count, words[end].afterLength <= 3, let more = legalFormLength(words, at: end + 1)
                { end += more }
                return (from, end, true, legalFormConfidence)
            }
            if definitionFollows(word, bytes: bytes), last > from || word.allCaps {
                // A definition names the last of the parties listed before it: "between Reed-Jordan and
                // Fiona Brown (the "Employee")" defines Fiona Brown.
                let from =
                    (from..<last).last(where: { ["and", "und", "et"].contains(words[$0].lower) }).map { $0 + 1 } ?? from
                let role = definedRole(after: word, bytes: bytes) ?? ""
                let isOrganisation =
                    sawOrganisationWord || (last == from && word.allCaps) || Lexicons.organisationRoles.contains(role)
                // A defined term that names neither a firm nor a person is a thing: "Plan of
                // Reorganization (the "Plan")", "Licensed Marks (the "Marks")".
                let isPerson =
                    Lexicons.personRoles.contains(role)
                    || words[from...last].contains {
                        !$0.flags.isDisjoint(with: .knownName) && !$0.flags.contains(.commonWord) && $0.capitalized
                    }
                guard isOrganisation || isPerson else {
                    stop = last
                    return nil
                }
                return (from, last, isOrganisation, definitionConfidence)
            }
            stop = last
            guard last + 1 < words.count else { return nil }
            let separator = word.spaceAfter ? " " : word.after
            guard separator == " " || separator == ", " || separator == " & " || separator == ". " else { return nil }
            let next = words[last + 1]
            guard
                next.capitalized || next.flags.contains(.connector) || next.allCaps
                    || legalFormLength(words, at: last + 1) != nil
            else { return nil }
            // A comma only before a legal form: "Adams Golf, Ltd." but not "Bristol, United Kingdom".
            if separator == ", " && !next.flags.contains(.legalForm) { return nil }
            if next.flags.contains(.organisationWord) { sawOrganisationWord = true }
            last += 1
        }
        stop = from  // stopped by the length limit: a later start may still reach a name
        return nil
    }

    /// Words a legal form takes at `index`: one ("GmbH", "Ltd"), or up to four short ones whose
    /// letters make a form ("B.V.", "S.p.A.", "Sp. z o.o.", "A/S"). A form in lower case counts only
    /// where it is written so ("e.V.", "s.r.o."): "as" and "co" are English words too.
    static func legalFormLength(_ words: [Word], at index: Int) -> Int? {
        // Most words are not one: a dotted or spaced form starts with a word of one or two letters, and
        // one in lower case is dotted ("e.V.") or is "ry".
        let first = words[index]
        guard first.flags.contains(.legalForm) || first.lower.utf8.count <= 2 else { return nil }
        let dotted = first.afterFirst == UInt8(ascii: ".")
        guard first.capitalized || dotted || first.lower == "ry" else { return nil }
        var letters = "", best: (length: Int, letters: String)?
        var end = index
        while end < words.count, end - index < 4 {
            if end > index {
                let previous = words[end - 1]
                guard
                    previous.isFollowed(by: .dot) || previous.isFollowed(by: .dotSpace)
                        || previous.isFollowed(by: .space) || previous.isFollowed(by: .slash),
                    words[end].lower.count <= 4
                else { break }
            }
            letters += words[end].lower
            end += 1
            if Lexicons.legalForms.contains(letters) { best = (end - index, letters) }
        }
        guard let best else { return nil }
        if first.capitalized { return best.length }
        return Lexicons.lowercaseLegalForms.contains(best.letters) && (dotted || best.letters == "ry")
            ? best.length : nil
    }

    /// "Brockfort, KS 56065": a US state's code before a ZIP code, not a legal form ("KS", "AS").
    static func isStateAndZip(_ words: [Word], at index: Int) -> Bool {
        guard index + 1 < words.count, words[index].allCaps, words[index].end - words[index].start == 2,
            words[index].isFollowed(by: .space)
        else { return false }
        let zip = words[index + 1]
        return zip.flags.contains(.number) && zip.end - zip.start == 5
    }

    /// "Walter Brun & Söhne", "Jackson and Sons", "Rossi Girard et Fils": a firm's suffix after "&" or "and".
    static func isFirmSuffix(_ words: [Word], at index: Int) -> Bool {
        guard index > 0, words[index].flags.contains(.firmSuffix) else { return false }
        let previous = words[index - 1]
        return previous.isFollowed(by: .ampersand) || previous.afterFirst == UInt8(ascii: "&")
            || (["and", "und", "et", "e", "y"].contains(previous.lower) && previous.spaceAfter)
    }

    /// "Garcia, Gibson and Gonzalez", "Hines, Valdez & Martinez": three surnames, the last two joined
    /// by "and" or "&", the way law and accounting firms are named. A name that is a common word too
    /// counts here ("Hoffman, Hall and Miller"): three of them in this form are a firm. Returns the last word.
    static func firmList(_ words: [Word], from: Int) -> Int? {
        guard from + 2 < words.count, words[from].isFollowed(by: .commaSpace) else { return nil }
        let names: [Int]
        if words[from + 1].isFollowed(by: .ampersand) {
            names = [from, from + 1, from + 2]
        } else if from + 3 < words.count, words[from + 1].spaceAfter, words[from + 2].spaceAfter,
            ["and", "und", "et"].contains(words[from + 2].lower)
        {
            names = [from, from + 1, from + 3]
        } else {
            return nil
        }
        guard names.allSatisfy({ PersonDetector.isNamePart(words[$0]) }),
            names.filter({ words[$0].flags.contains(.surname) }).count >= 2
        else { return nil }
        return names[2]
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

    /// The role a party definition gives, lowercase: "supplier" in (the "Supplier"), nil if none is quoted
    /// within the next 40 bytes.
    static func definedRole(after word: Word, bytes: [UInt8]) -> String? {
        var position = word.end
        let limit = min(bytes.count, word.end + 40)
        while position < limit {
            if let quote = openingQuotes.first(where: { bytes[position...].starts(with: $0) }) {
                let start = position + quote.count
                var end = start
                while end < limit, end - start < 24, WordScanner.wordCharacterLength(bytes, end) != nil {
                    end += WordScanner.sequenceLength(bytes[end])
                }
                guard end > start else { return nil }
                return WordScanner.words(Array(bytes[start..<end]), indexed: false).first?.lower
            }
            position += 1
        }
        return nil
    }

    static let openingQuotes = ["\"", "“", "„", "«"].map { Array($0.utf8) }

    static let definitionOpenings = [
        "(\"", "(“", "(„", "(«", "( \"", "(the", "(hereinafter", "(nachfolgend", "(ci-après", "(collectively",
        "(each",
    ]
    .map { Array($0.utf8) }
    static let hereinafter = Array("hereinafter".utf8)
    static let nachfolgend = Array("nachfolgend".utf8)
    static let ciApres = Array("ci-après".utf8)
}
