/// Whether the words around a run of capitalised names make it an organisation's name, where no
/// legal form says so: "on behalf of Spencer-Ingram", "la société Chevalier", "die Hertrampf"
/// (a German name after an article is a firm's), "Webster-Williams, a Delaware corporation",
/// "Lagarde (ci-après le "Fournisseur")".
enum OrganisationContext {
    static let confidence = 0.93  // 13/13 on the development set (`make eval-detectors`)

    static let organisationWordConfidence = 0.91  // 9/9
    static let ampersandConfidence = 0.8  // 3/3
    static let hyphenatedSurnamesConfidence = 0.95  // 46/46
    static let loneSurnameConfidence = 0.95  // 36/36

    /// A firm's name made of the run of names from `first` to `last` and what follows it, where the
    /// form of the name says so: "Tucker Group", "Ehlert Groep" (an organisation word after it),
    /// "Backer & Peeters", "van de Darnau & van der Kaay" (people are joined by "and", firms by "&"),
    /// "Hewlett-Packard", "Smith-Lawrence" (two surnames joined and alone: a person with a
    /// double-barrelled surname is named with a given name or a title, found before this runs).
    /// Two given names joined are one person's ("Kelly-Marie", "Hans-Peter"). And a surname alone
    /// mid-sentence ("paid to Blanchard").
    static func firmName(
        _ words: [Word], bytes: [UInt8], first: Int, last: Int, takenFrom: Int
    )
        -> (first: Int, last: Int, confidence: Double)?
    {
        var end = last
        while end + 1 < words.count, words[end + 1].start < takenFrom, words[end].isFollowed(by: .space),
            words[end + 1].flags.contains(.organisationWord), words[end + 1].capitalized
        { end += 1 }
        if end > last { return (first, end, organisationWordConfidence) }
        if words[last].isFollowed(by: .ampersand) {
            var next = last + 1
            while next < words.count, words[next - 1].spaceAfter || next == last + 1,
                !words[next].capitalized, Lexicons.nameParticles.contains(words[next].lower)
            { next += 1 }
            guard next < words.count, words[next].start < takenFrom, PersonDetector.isNamePart(words[next]) else {
                return nil
            }
            var start = first
            while start > 0, words[start - 1].spaceAfter, !words[start - 1].capitalized,
                Lexicons.nameParticles.contains(words[start - 1].lower)
            { start -= 1 }
            return (start, PersonDetector.runEnd(words, from: next, takenFrom: takenFrom), ampersandConfidence)
        }
        // "paid to Blanchard": a surname alone mid-sentence, neither a given name nor announced as a
        // person's, named a firm in every one of the development set's 50 such sentences.
        let word = words[first]
        if last == first, word.flags.contains(.surname), !word.flags.contains(.givenName),
            !word.flags.contains(.commonWord), !word.allCaps, !PersonDetector.announced(words, before: first),
            !PersonDetector.opensSentence(words, bytes: bytes, at: first),
            // Not a word of a capitalised phrase: "Branded Slot", "Champion's Tour", "Chip" Brewer.
            first == 0 || !words[first - 1].capitalized,
            !followedByCapital(words, at: first)
        {
            return (first, last, loneSurnameConfidence)
        }
        let pair = [words[first], words[last]]
        // Not a part of a longer compound: "Benedikt-Varga-Ring" is a street.
        if last == first + 1, words[first].isFollowed(by: .hyphen), !words[last].isFollowed(by: .hyphen),
            first == 0 || !words[first - 1].isFollowed(by: .hyphen), !pair.contains(where: \.allCaps),
            pair.contains(where: { $0.flags.contains(.surname) }),
            !pair.allSatisfy({ $0.flags.contains(.givenName) }),
            !PersonDetector.announced(words, before: first)
        {
            return (first, last, hyphenatedSurnamesConfidence)
        }
        return nil
    }

    /// "Branded Slot", "Champion's Tour": a capitalised word follows, after a space or a possessive.
    static func followedByCapital(_ words: [Word], at index: Int) -> Bool {
        if words[index].isFollowed(by: .space) { return index + 1 < words.count && words[index + 1].capitalized }
        return words[index].isFollowed(by: .apostrophe) && index + 2 < words.count && words[index + 2].capitalized
    }

    static func surrounds(_ words: [Word], bytes: [UInt8], first: Int, last: Int) -> Bool {
        introduced(words, first: first, last: last) || described(words, bytes: bytes, last: last)
    }

    /// "on behalf of X", "société X", "Firma X", "die X" (X known names only: "die Gesellschaft" is a noun).
    static func introduced(_ words: [Word], first: Int, last: Int) -> Bool {
        guard first > 0 else { return false }
        let previous = words[first - 1]
        if first > 1, previous.lower == "of", words[first - 2].lower == "behalf" { return true }
        guard previous.flags.contains(.organisationIntroducer), previous.spaceAfter else { return false }
        guard Lexicons.germanArticles.contains(previous.lower) else { return true }
        // "Ursula von der Leyen": the article belongs to the name.
        if first > 1, Lexicons.nameParticles.contains(words[first - 2].lower) { return false }
        return words[first...last].allSatisfy {
            PersonDetector.isInitial($0)
                || (!$0.flags.isDisjoint(with: .knownName) && !$0.flags.contains(.commonWord))
        }
    }

    /// "X, a Delaware corporation", "X (the "Supplier")".
    static func described(_ words: [Word], bytes: [UInt8], last: Int) -> Bool {
        if words[last].isFollowed(by: .commaSpace), last + 1 < words.count {
            // "X, a Delaware corporation", "X, eine Gesellschaft …", "X, cabinet d'expertise comptable" (the
            // noun first); not "the Company, the MHCs, the Bank", a list.
            let article = ["a", "an", "un", "une", "ein", "eine"].contains(words[last + 1].lower)
            let nouns = article ? (last + 2)..<min(words.count, last + 7) : (last + 1)..<(last + 2)
            if words[nouns].contains(where: { Lexicons.organisationNouns.contains($0.lower) }) { return true }
        }
        return NameDetector.definitionFollows(words[last], bytes: bytes)
            && NameDetector.definedRole(after: words[last], bytes: bytes).map(Lexicons.organisationRoles.contains)
                == true
    }
}
