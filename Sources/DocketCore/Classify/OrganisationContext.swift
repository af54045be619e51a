/// Whether the words around a run of capitalised names make it an organisation's name, where no
/// legal form says so: "on behalf of Spencer-Ingram", "la société Chevalier", "die Hertrampf"
/// (a German name after an article is a firm's), "Webster-Williams, a Delaware corporation",
/// "Lagarde (ci-après le "Fournisseur")".
enum OrganisationContext {
    static let confidence = 0.94  // 30/31 on the development set (`make eval-detectors`)

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
        if words[last].isFollowed(by: .commaSpace), last + 2 < words.count,
            ["a", "an"].contains(words[last + 1].lower),
            words[(last + 2)..<min(words.count, last + 7)].contains(where: {
                Lexicons.organisationNouns.contains($0.lower)
            })
        {
            return true
        }
        return NameDetector.definitionFollows(words[last], bytes: bytes)
            && NameDetector.definedRole(after: words[last], bytes: bytes).map(Lexicons.organisationRoles.contains)
                == true
    }
}
