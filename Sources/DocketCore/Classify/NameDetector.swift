import Foundation

/// Names of organisations and people, from the ways contracts introduce them:
/// - a capitalised name ending in a legal form ("Northwind Analytics Ltd", "ADAMS GOLF, LTD.");
/// - a salutation or title before a name ("Frau Lena Schäfer", "Mr J S Saunders");
/// - a party definition after the name ("Ingram Micro ("Distributor")", "… (hereinafter the
///   "Supplier")", "… nachfolgend "Arbeitgeber"", "… (ci-après le "Prestataire")").
enum NameDetector {
    static let connectors: Set<String> = ["&", "of", "and", "de", "der", "von", "van", "du", "des", "la", "le", "et", "und", "y"]
    /// Words that open a sentence or introduce a party, never part of its name.
    static let leadingNoise: Set<String> = ["this", "the", "between", "and", "by", "for", "with", "signed", "zwischen", "der", "die",
                                            "das", "firma", "und", "für", "entre", "la", "le", "société", "et", "pour", "par", "of"]
    /// Words that show a capitalised phrase is a document, a place or a role, not a party's name.
    static let notNames: Set<String> = [
        "agreement", "contract", "amendment", "schedule", "annex", "exhibit", "vertrag", "arbeitsvertrag", "contrat", "accord",
        "kingdom", "states", "germany", "deutschland", "france", "netherlands", "nederland", "switzerland", "schweiz", "austria",
        "österreich", "belgium", "belgique", "luxembourg", "italy", "italia", "spain", "españa", "ireland", "america", "europe",
    ]
    static let definitionStarts = ["(\"", "(“", "(„", "(«", "( \"", "(the", "(hereinafter", "(nachfolgend", "(ci-après", "(collectively", "(each"]

    static func detect(_ words: [Word], bytes: [UInt8], into findings: inout [Finding]) {
        var index = 0
        while index < words.count {
            if Lexicons.salutations.contains(words[index].lower), index + 1 < words.count, words[index + 1].capitalized {
                var first = index + 1
                while first + 1 < words.count, Lexicons.salutations.contains(words[first].lower) { first += 1 }  // "Frau Dr. …"
                let last = nameEnd(words, from: first, limit: 3)
                findings.append(Finding(type: FindingType.person.rawValue, start: words[first].start, end: words[last].end, confidence: 0.85))
                index = last + 1
                continue
            }
            // "Signed for Northwind Analytics Ltd: Priya Raman, Director": a name after a colon, before a comma.
            if index > 0, words[index - 1].after.hasPrefix(":"), words[index].capitalized, !Lexicons.legalForms.contains(words[index].lower) {
                let last = nameEnd(words, from: index, limit: 3)
                if last > index, words[last].after.hasPrefix(",") || words[last].after.hasPrefix("\n") || last + 1 == words.count {
                    findings.append(Finding(type: FindingType.person.rawValue, start: words[index].start, end: words[last].end, confidence: 0.7))
                    index = last + 1
                    continue
                }
            }
            if words[index].capitalized, let (last, isOrganisation, confidence) = name(words, bytes: bytes, from: index) {
                // Sentence openers and generic nouns before a name are not part of it: "Zwischen der Firma X GmbH".
                var first = index
                while first < last, leadingNoise.contains(words[first].lower) || notNames.contains(words[first].lower)
                        || !words[first].capitalized { first += 1 }
                let candidate = words[first...last]
                if !candidate.contains(where: { notNames.contains($0.lower) }) {
                    let type: FindingType = isOrganisation ? .organisation : .person
                    findings.append(Finding(type: type.rawValue, start: words[first].start, end: words[last].end, confidence: confidence))
                }
                index = last + 1
                continue
            }
            index += 1
        }
    }

    /// The last word of a run of capitalised words (and connectors) starting at `from`.
    static func nameEnd(_ words: [Word], from: Int, limit: Int) -> Int {
        var last = from
        while last + 1 < words.count, last + 1 - from < limit, words[last].spaceAfter || words[last].after == ". ",
              words[last + 1].capitalized || (words[last + 1].lower.count == 1 && words[last + 1].allCaps) {
            last += 1
        }
        return last
    }

    /// A name starting at `from`: ends at a legal form, or is followed by a party definition.
    static func name(_ words: [Word], bytes: [UInt8], from: Int) -> (Int, Bool, Double)? {
        var last = from
        var sawOrganisationWord = Lexicons.organisationWords.contains(words[from].lower)
        while last - from < 7 {
            let word = words[last]
            if last > from, word.capitalized, let length = legalFormLength(words, at: last) {
                // "Co., Ltd.", "GmbH & Co. KG": take the legal forms that follow too.
                var end = last + length - 1
                while end + 1 < words.count, words[end].after.count <= 3, let more = legalFormLength(words, at: end + 1) { end += more }
                return (end, true, 0.9)
            }
            if definitionFollows(word, bytes: bytes), last > from || word.allCaps {
                let isOrganisation = sawOrganisationWord || (last == from && word.allCaps)
                return (last, isOrganisation, 0.8)
            }
            guard last + 1 < words.count else { return nil }
            let separator = word.spaceAfter ? " " : word.after
            guard separator == " " || separator == ", " || separator == " & " || separator == ". " else { return nil }
            let next = words[last + 1]
            guard next.capitalized || connectors.contains(next.lower) || next.allCaps else { return nil }
            // A comma only before a legal form: "Adams Golf, Ltd." but not "Bristol, United Kingdom".
            if separator == ", " && !Lexicons.legalForms.contains(next.lower) { return nil }
            if Lexicons.organisationWords.contains(next.lower) { sawOrganisationWord = true }
            last += 1
        }
        return nil
    }

    /// Words a legal form takes at `index`: one ("GmbH", "Ltd"), or one a letter for dotted
    /// forms ("B.V.", "S.p.A.", "L.L.C.").
    static func legalFormLength(_ words: [Word], at index: Int) -> Int? {
        if Lexicons.legalForms.contains(words[index].lower) { return 1 }
        var letters = "", end = index
        while end < words.count, end - index < 4, words[end].lower.count == 1, words[end].after.hasPrefix(".") {
            letters += words[end].lower
            end += 1
            if end - index >= 2, Lexicons.legalForms.contains(letters) { return end - index }
        }
        return nil
    }

    /// Whether a party definition follows the word: ("Supplier"), (the "Company"), (hereinafter …).
    static func definitionFollows(_ word: Word, bytes: [UInt8]) -> Bool {
        let end = min(bytes.count, word.end + 16)
        guard word.end < end else { return false }
        let following = String(decoding: bytes[word.end..<end], as: UTF8.self).lowercased()
        let trimmed = following.drop { $0 == " " || $0 == "," }
        return definitionStarts.contains { trimmed.hasPrefix($0) }
            || trimmed.hasPrefix("nachfolgend") || trimmed.hasPrefix("hereinafter") || trimmed.hasPrefix("ci-après")
    }
}
