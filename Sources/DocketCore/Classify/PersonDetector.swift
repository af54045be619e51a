/// People named in free text, without a title or a party definition to announce them: "The
/// Employee, Steven O. MacHugh, shall …", "Wie mit Friedrich besprochen", "Anežka K. Matějková ist …".
///
/// A candidate is a run of capitalised words on one line, with initials ("O.") and particles ("van",
/// "de") inside and hyphens joining parts ("Wieloch-Bolnbach"). Its words are looked up in the
/// name gazetteer (`NameGazetteer`): the more of them are known given names or surnames, the surer
/// the finding. One known part is enough beside an unknown capitalised word, since a surname from a
/// country the lists do not cover still follows a known given name. A lone name is taken mid-sentence,
/// or after a word that announces a person ("Employee", "Ansprechpartner", "Témoin").
/// The confidences are the shares of right findings of each kind on the development set
/// (`make eval-detectors`).
enum PersonDetector {
    static let bothKnown = 0.95
    static let oneKnown = 0.85
    static let initialAndKnown = 0.9
    static let loneNameInContext = 0.85
    static let loneName = 0.65
    static let loneNameOpeningSentence = 0.6
    static let initialAndUnknown = 0.6

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
            guard start >= takenUntil, words[index].capitalized, startsName(words[index]) else {
                index += 1
                continue
            }
            let last = runEnd(words, from: index, takenFrom: takenIndex < taken.count ? taken[takenIndex].start : .max)
            if let context = organisationContext(words, bytes: bytes, first: index, last: last) {
                findings.append(
                    Finding(
                        type: FindingType.organisation.rawValue, start: start, end: words[last].end,
                        confidence: context))
            } else if let confidence = score(words, bytes: bytes, first: index, last: last) {
                findings.append(
                    Finding(
                        type: FindingType.person.rawValue, start: start, end: words[last].end,
                        confidence: confidence))
            }
            index = last + 1
        }
    }

    static let excluded: WordFlags = [
        .number, .notName, .legalForm, .month, .streetWord, .organisationWord, .salutation, .leadingNoise,
        .connector, .personContext, .placeWord,
    ]

    /// One letter and a full stop: "O." (one byte, or two for "Š").
    static func isInitial(_ word: Word) -> Bool {
        let length = word.end - word.start
        return word.capitalized && word.afterFirst == UInt8(ascii: ".")
            && (length == 1 || (length == 2 && word.lower.utf8.first.map { $0 >= 0xC0 } == true))
    }

    static func isNamePart(_ word: Word) -> Bool {
        word.capitalized && word.flags.isDisjoint(with: excluded) && !isInitial(word) && word.end - word.start >= 2
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
                    if word.flags.contains(.ambiguousName) { ambiguous += 1 } else { known += 1 }
                }
            }
        }
        // Headings and defined terms in capitals ("GRANT OF LICENSE") are not names; a signature
        // block's "CLAIRE MACCONNAGHY" is, when the gazetteer knows every part.
        if words[first...last].allSatisfy({ $0.allCaps || isInitial($0) }) && known < max(1, parts - 1) { return nil }
        let firstWord = words[first], lastWord = words[last]
        if parts >= 2 {
            if known >= 2 || (known == 1 && ambiguous >= 1) { return bothKnown }
            if known == 1 {
                // The known part is a given name first or a surname last: "Ryan Gallagher", "Clímaco Ródenas".
                let givenFirst = firstWord.flags.contains(.givenName) && !firstWord.flags.contains(.ambiguousName)
                let surnameLast = lastWord.flags.contains(.surname) && !lastWord.flags.contains(.ambiguousName)
                return givenFirst || surnameLast || initials > 0 ? oneKnown : nil
            }
            return nil
        }
        if parts == 1, initials > 0 {
            if known == 1 { return initialAndKnown }
            // "J. Horan": an unknown surname after an initial, unless the initial numbers a heading ("Section A. Scope").
            return ambiguous == 0 && !follows(headingWord: words, at: first) ? initialAndUnknown : nil
        }
        guard parts == 1, known == 1 else { return nil }
        if announced(words, before: first) { return loneNameInContext }
        guard opensSentence(words, bytes: bytes, at: first) else { return loneName }
        // "Curtis will countersign": a name opening a sentence before a lowercase word.
        let verbFollows = last + 1 < words.count && !words[last + 1].capitalized && words[last].isFollowed(by: .space)
        return verbFollows ? loneNameOpeningSentence : nil
    }

    static func follows(headingWord words: [Word], at index: Int) -> Bool {
        index > 0 && Lexicons.headingWords.contains(words[index - 1].lower)
    }

    static let organisationByContext = 0.8

    /// Whether the words around a run of names make it an organisation's name: "on behalf of X",
    /// "la société X", "die X", "X, a Delaware corporation", "X (the "Supplier")".
    static func organisationContext(_ words: [Word], bytes: [UInt8], first: Int, last: Int) -> Double? {
        if first > 0 {
            let previous = words[first - 1]
            guard previous.flags.contains(.organisationIntroducer) || previous.end - previous.start == 2 else {
                return trailingOrganisationContext(words, bytes: bytes, last: last)
            }
            let article = ["der", "die", "den", "dem"].contains(previous.lower)
            // After an article only names the gazetteer knows: "die Gesellschaft" is a noun.
            let allNames = words[first...last].allSatisfy {
                isInitial($0) || (!$0.flags.isDisjoint(with: .knownName) && !$0.flags.contains(.ambiguousName))
            }
            if previous.flags.contains(.organisationIntroducer), previous.spaceAfter,
                !article || (allNames && (first < 2 || !["von", "van", "in"].contains(words[first - 2].lower)))
            {
                return organisationByContext
            }
            if first > 1, previous.lower == "of", words[first - 2].lower == "behalf" { return organisationByContext }
        }
        return trailingOrganisationContext(words, bytes: bytes, last: last)
    }

    static func trailingOrganisationContext(_ words: [Word], bytes: [UInt8], last: Int) -> Double? {
        if words[last].isFollowed(by: .commaSpace), last + 2 < words.count,
            ["a", "an"].contains(words[last + 1].lower),
            words[(last + 2)..<min(words.count, last + 7)].contains(where: {
                Lexicons.organisationNouns.contains($0.lower)
            })
        {
            return organisationByContext
        }
        if NameDetector.definitionFollows(words[last], bytes: bytes),
            NameDetector.definedRole(after: words[last], bytes: bytes).map(Lexicons.organisationRoles.contains) == true
        {
            return organisationByContext
        }
        return nil
    }

    /// A word announcing a person just before: "Employee", "Hi", "mit" is not enough.
    static func announced(_ words: [Word], before index: Int) -> Bool {
        guard index > 0 else { return false }
        if words[index - 1].flags.contains(.personContext) { return true }
        return index > 1 && words[index - 2].flags.contains(.personContext) && words[index - 1].lower.count <= 3
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
