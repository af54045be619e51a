import DocketModel

/// People named in free text, without a title or a party definition to announce them: "The
/// Employee, Steven O. MacHugh, shall …", "Wie mit Friedrich besprochen", "Anežka K. Matějková ist …".
///
/// A candidate is a run of capitalised words on one line, with initials ("O.") and particles ("van",
/// "de") inside and hyphens joining parts ("Wieloch-Bolnbach"). Its words are looked up in the
/// name gazetteer (`NameGazetteer`): the more of them are known given names or surnames, the surer
/// the finding. One known part is enough beside an unknown capitalised word, since a surname from a
/// country the lists do not cover still follows a known given name. A lone name is taken mid-sentence,
/// or after a word that announces a person ("Employee", "Ansprechpartner", "Témoin").
/// Each kind's confidence is its share of right findings on the development set (`make eval-detectors`,
/// 2026-11-26; right/found in the comments), smoothed as (right + 1) / (found + 2) and at most 0.95.
/// A lone surname mid-sentence was never a person's there (0 of 50) but a firm's, so it is left to
/// `OrganisationContext`; a lone given name is a person's (29 of 35). The set is the one the rules
/// were written on: the figures are optimistic.
enum PersonDetector {
    static let bothKnown = 0.95  // 304/310
    static let oneKnown = 0.95  // 154/154
    static let initialAndKnown = 0.95  // 20/20
    static let loneNameInContext = 0.95  // 63/63
    static let loneGivenName = 0.81  // 29/35
    static let loneNameOpeningSentence = 0.77  // 22/28
    static let initialAndUnknown = 0.95  // 19/19

    /// Words in `taken` (other detectors' findings: organisations, addresses) are not looked at.
    static func detect(_ words: [Word], bytes: [UInt8], taken: [Finding], into findings: inout [Finding]) {
        var takenUntil = 0, takenIndex = 0
        let taken = taken.sorted { $0.start < $1.start }
        var index = 0
        while index < words.count {
            let start = words[index].start
            while takenIndex < taken.count, taken[takenIndex].end <= start { takenIndex += 1 }
            if takenIndex < taken.count, taken[takenIndex].start <= start {
                takenUntil = taken[takenIndex].end
            }
            // A letter and a full stop opening a line numbers a list ("A. You shall …"), it is no initial.
            guard start >= takenUntil, words[index].capitalized, startsName(words[index]),
                !(isInitial(words[index]) && opensLine(bytes, at: start))
            else {
                index += 1
                continue
            }
            let takenFrom = takenIndex < taken.count ? taken[takenIndex].start : .max
            var last = runEnd(words, from: index, takenFrom: takenFrom)
            if let firm = OrganisationContext.firmName(
                words, bytes: bytes, first: index, last: last, takenFrom: takenFrom)
            {
                findings.append(
                    Finding(
                        type: FindingType.organisation.rawValue, start: words[firm.first].start,
                        end: words[firm.last].end, confidence: firm.confidence))
                last = firm.last
            } else if OrganisationContext.surrounds(words, bytes: bytes, first: index, last: last) {
                findings.append(
                    Finding(
                        type: FindingType.organisation.rawValue, start: start, end: words[last].end,
                        confidence: OrganisationContext.confidence))
            } else if let confidence = score(words, bytes: bytes, first: index, last: last) {
                findings.append(
                    Finding(
                        type: FindingType.person.rawValue, start: start, end: words[last].end,
                        confidence: confidence))
            }
            index = last + 1
        }
    }

    /// Words that are never part of a person's name. Street words are not among them: addresses are
    /// found first and their words are taken, and "Jack Green" is a name.
    static let excluded: WordFlags = [
        .number, .notName, .legalForm, .month, .organisationWord, .salutation, .leadingNoise, .connector,
        .personContext, .placeWord,
    ]

    /// One letter and a full stop: "O." (one byte, or two for "Š").
    static func isInitial(_ word: Word) -> Bool {
        let length = word.end - word.start
        return word.capitalized && word.afterFirst == UInt8(ascii: ".")
            && (length == 1 || (length == 2 && word.lower.utf8.first.map { $0 >= 0xC0 } == true))
    }

    /// A capitalised word that may be part of a name: not a common word ("Licensed Marks", "Fee"),
    /// unless it is a known name too ("Grant", "Richter").
    static func isNamePart(_ word: Word) -> Bool {
        word.capitalized && word.flags.isDisjoint(with: excluded) && !isInitial(word) && word.end - word.start >= 2
            && (!word.flags.contains(.commonWord) || !word.flags.isDisjoint(with: .knownName))
    }

    static func startsName(_ word: Word) -> Bool { isNamePart(word) || isInitial(word) }

    /// The last word of the run that starts at `from`: name parts and initials joined by one space
    /// (or a hyphen, or the full stop of an initial), particles inside; at most five words.
    static func runEnd(_ words: [Word], from: Int, takenFrom: Int) -> Int {
        var last = from, candidate = from
        while candidate + 1 < words.count, candidate + 1 - from < 5 {
            let word = words[candidate]
            let joined =
                word.isFollowed(by: .space) || word.isFollowed(by: .hyphen)
                || (isInitial(word) && word.isFollowed(by: .dotSpace))
            let next = words[candidate + 1]
            guard joined, next.start < takenFrom else { break }
            if isNamePart(next) || isInitial(next) {
                candidate += 1
                last = candidate
            } else if !next.capitalized, next.end - next.start <= 5, Lexicons.nameParticles.contains(next.lower) {
                candidate += 1  // "Maarten de Vries": kept only if a name part follows
            } else {
                break
            }
        }
        return last
    }

    static func score(_ words: [Word], bytes: [UInt8], first: Int, last: Int) -> Double? {
        var parts = 0, known = 0, ambiguous = 0, initials = 0
        for word in words[first...last] {
            if isInitial(word) {
                initials += 1
            } else if isNamePart(word) {
                parts += 1
                if !word.flags.isDisjoint(with: .knownName) {
                    if word.flags.contains(.commonWord) { ambiguous += 1 } else { known += 1 }
                }
            }
        }
        // Headings and defined terms in capitals ("GRANT OF LICENSE") are not names; a signature
        // block's "CLAUS-DIETER FRITSCH" is, when the gazetteer knows all its parts but one.
        // One word in capitals is an acronym or a heading ("ERISA", "FEE") more often than a name.
        if words[first...last].allSatisfy({ $0.allCaps || isInitial($0) }),
            parts < 2 || known < parts - 1
        {
            return nil
        }
        let firstWord = words[first], lastWord = words[last]
        if parts >= 2 {
            if known >= 2 || (known == 1 && ambiguous >= 1) { return bothKnown }
            if known == 1 {
                // The known part is a given name first or a surname last: "Ryan Gallagher", "Clímaco Ródenas".
                let givenFirst = firstWord.flags.contains(.givenName) && !firstWord.flags.contains(.commonWord)
                let surnameLast = lastWord.flags.contains(.surname) && !lastWord.flags.contains(.commonWord)
                return givenFirst || surnameLast || initials > 0 ? oneKnown : nil
            }
            return nil
        }
        if parts == 1, initials > 0 {
            if known == 1 { return initialAndKnown }
            // "J. Horan": an unknown surname after an initial, unless the initial numbers a heading
            // ("Section A. Scope").
            return ambiguous == 0 && !follows(headingWord: words, at: first) ? initialAndUnknown : nil
        }
        guard parts == 1, known == 1 else { return nil }
        if announced(words, before: first) { return loneNameInContext }
        // A lone given name ("with Friedrich") is a person's; a lone surname is a firm's ("paid to
        // Blanchard"), found by OrganisationContext before this runs.
        guard opensSentence(words, bytes: bytes, at: first) else {
            return firstWord.flags.contains(.givenName) ? loneGivenName : nil
        }
        // "Curtis will countersign": a name opening a sentence before a lowercase word.
        let verbFollows = last + 1 < words.count && !words[last + 1].capitalized && words[last].isFollowed(by: .space)
        return verbFollows ? loneNameOpeningSentence : nil
    }

    static func follows(headingWord words: [Word], at index: Int) -> Bool {
        index > 0 && words[index - 1].flags.contains(.headingWord)
    }

    /// A word announcing a person just before: "Employee", "Hi", "mit" is not enough.
    static func announced(_ words: [Word], before index: Int) -> Bool {
        guard index > 0 else { return false }
        if words[index - 1].flags.contains(.personContext) { return true }
        return index > 1 && words[index - 2].flags.contains(.personContext) && words[index - 1].lower.count <= 3
    }

    static func opensLine(_ bytes: [UInt8], at start: Int) -> Bool {
        var position = start
        while position > 0, bytes[position - 1] == 0x20 || bytes[position - 1] == 0x09 { position -= 1 }
        return position == 0 || bytes[position - 1] == 0x0A
    }

    static func opensSentence(_ words: [Word], bytes: [UInt8], at index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = words[index - 1]
        var position = previous.end
        while position < words[index].start {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), 0x0A: return true
            default: position += 1
            }
        }
        return false
    }
}
