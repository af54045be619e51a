import DocketModel

/// Finds identifiers with a checksum or a strict format: IBAN, payment cards, DE Steuer-ID and
/// USt-IdNr, FR NIR, SIREN and SIRET, NL BSN, UK NINO and US SSN. Printed identifiers come in
/// groups ("DE89 3704 0044 0532 0130 00"), so runs of letters and digits separated by single
/// spaces, dashes, dots or slashes are joined and every prefix that ends at a group boundary is
/// tried, longest validated match first.
enum IdentifierDetector {
    struct Run {
        var start: Int
        var end: Int
        var hasDigit: Bool
    }

    static func detect(_ bytes: [UInt8], into findings: inout [Finding]) {
        let runs = alphanumericRuns(bytes)
        var index = 0
        while index < runs.count {
            guard runs[index].hasDigit || startsIdentifierPrefix(bytes, runs, index) else { index += 1; continue }
            if let (finding, last) = longestMatch(bytes, runs, from: index) {
                findings.append(finding)
                index = last + 1
            } else {
                index += 1
            }
        }
    }

    /// Two capitals followed by digits: "DE89…", "DE123456789", "QQ 12 34 56 C".
    private static func startsIdentifierPrefix(_ bytes: [UInt8], _ runs: [Run], _ index: Int) -> Bool {
        let run = runs[index]
        guard run.end - run.start == 2, isUpper(bytes[run.start]), isUpper(bytes[run.start + 1]),
            index + 1 < runs.count, adjacent(bytes, run, runs[index + 1])
        else { return false }
        return runs[index + 1].hasDigit
    }

    static func alphanumericRuns(_ bytes: [UInt8]) -> [Run] {
        var runs: [Run] = []
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard isAlnum(byte) else { index += 1; continue }
            let start = index
            var hasDigit = false, hasLower = false
            while index < count, isAlnum(bytes[index]) {
                if bytes[index] < 58 { hasDigit = true } else if bytes[index] >= 97 { hasLower = true }
                index += 1
            }
            // A run glued to non-ASCII letters ("Straße12") is part of a word, not an identifier.
            if (start > 0 && bytes[start - 1] >= 0x80) || (index < count && bytes[index] >= 0x80) { continue }
            // Identifiers are digits and short groups of capitals ("GB82 WEST 1234…", "AB 12 34 56 C");
            // ordinary words cannot be part of one and are not kept.
            guard hasDigit || (!hasLower && index - start <= 4) else { continue }
            runs.append(Run(start: start, end: index, hasDigit: hasDigit))
        }
        return runs
    }

    /// One separator byte between two runs: a space, dash, dot or slash, or a line break where
    /// the number wrapped.
    static func adjacent(_ bytes: [UInt8], _ a: Run, _ b: Run) -> Bool {
        guard b.start == a.end + 1 else { return false }
        let separator = bytes[a.end]
        return separator == 0x20 || separator == 0x2D || separator == 0x2E || separator == 0x2F || separator == 0x0A
    }

    private static func longestMatch(_ bytes: [UInt8], _ runs: [Run], from first: Int) -> (Finding, Int)? {
        var compact = ""
        var groups: [Int] = []
        var candidates: [(Finding, Int)] = []
        var last = first
        while last < runs.count, last - first < 10 {
            if last > first && !adjacent(bytes, runs[last - 1], runs[last]) { break }
            let run = runs[last]
            compact += String(decoding: bytes[run.start..<run.end], as: UTF8.self)
            groups.append(run.end - run.start)
            if compact.utf8.count > 34 { break }
            if let finding = identify(compact, groups: groups, bytes: bytes, start: runs[first].start, end: run.end),
                finding.type != FindingType.paymentCard.rawValue
                    || !continuesBeyond(bytes, runs, first: first, last: last)
            {
                candidates.append((finding, last))
            }
            last += 1
        }
        return candidates.max { $0.0.confidence == $1.0.confidence ? $0.1 < $1.1 : $0.0.confidence < $1.0.confidence }
    }

    /// Whether the groups from `first` to `last` are part of a longer number printed the same way, as
    /// "4846 1454 3961" is of "4846 1454 3961 5122": a card is the whole number, not a Luhn-valid piece of
    /// one (a card with one digit changed is no card). An expiry date after it ("12/25") is no group of it.
    static func continuesBeyond(_ bytes: [UInt8], _ runs: [Run], first: Int, last: Int) -> Bool {
        func sameGroup(_ a: Run, _ b: Run) -> Bool {
            adjacent(bytes, a, b) && b.hasDigit && a.hasDigit && a.end - a.start == b.end - b.start
        }
        return (last + 1 < runs.count && sameGroup(runs[last], runs[last + 1]))
            || (first > 0 && sameGroup(runs[first - 1], runs[first]))
    }

    static func identify(_ value: String, groups: [Int], bytes: [UInt8], start: Int, end: Int) -> Finding? {
        let utf8 = Array(value.utf8)
        let allDigits = utf8.allSatisfy { $0 < 58 && $0 > 47 }
        func finding(_ type: FindingType, _ confidence: Double) -> Finding {
            Finding(type: type.rawValue, start: start, end: end, confidence: confidence, validated: true)
        }
        func context(_ words: [String]) -> Bool { ContextWords.before(bytes, offset: start, contains: words) }

        if utf8.count >= 15, isUpper(utf8[0]), isUpper(utf8[1]), Checksums.isValidIBAN(value) {
            return finding(.iban, 0.99)
        }
        if utf8.count == 11, value.hasPrefix("DE"), Checksums.isValidGermanVATID(value) {
            return finding(.deVatId, 0.9)
        }
        if utf8.count == 9, !allDigits, Checksums.isValidNINO(value) {
            return finding(.ukNino, context(["national insurance", "nino", "ni number", "ni no"]) ? 0.95 : 0.75)
        }
        if utf8.count == 15, Checksums.isValidFrenchNIR(value) {
            return finding(
                .frNir, context(["sécurité sociale", "securite sociale", "nir", "insee", "sécu"]) ? 0.95 : 0.8)
        }
        guard allDigits else { return nil }
        let cardWords = ["card", "karte", "carte", "visa", "mastercard", "amex", "diners", "maestro", "kreditkarte"]
        let looksLikeCard =
            (12...19).contains(utf8.count) && Checksums.isValidPaymentCard(value)
            && (cardGrouping(groups) || context(cardWords))
        switch utf8.count {
        case 14 where Checksums.isValidSIRET(value) && (context(siretWords) || !looksLikeCard):
            // Both are Luhn-valid: a 14-digit number is a SIRET unless it is printed or named as a card.
            return finding(.frSiret, context(siretWords) ? 0.95 : 0.4)
        case 12...19 where looksLikeCard:
            // Grouped as cards are printed (4-4-4-4, Amex 4-6-5, Diners 4-6-4, Maestro 4-4-4): more certain.
            let printed =
                [[4, 4, 4, 4], [4, 6, 5], [4, 6, 4], [4, 4, 4], [4, 4, 4, 4, 3]].contains(groups)
                || (groups.count == 1 && utf8.count >= 14)
            return finding(.paymentCard, context(cardWords) || printed ? 0.9 : (utf8.count < 14 ? 0.45 : 0.6))
        case 12...19 where Checksums.isValidLuhn(value) && context(cardWords):
            // A Luhn-valid number after "card" or "Karte" is a card, whatever its scheme.
            return finding(.paymentCard, 0.85)
        case 11 where Checksums.isValidGermanTaxID(value):
            return finding(
                .deTaxId, context(["steuer", "identifikationsnummer", "idnr", "tax id", "tin"]) ? 0.95 : 0.5)
        case 9:
            if groups == [3, 2, 4], bytes[start + 3] == 0x2D, Checksums.isValidSSN(value) {
                return finding(.usSsn, context(["ssn", "social security"]) ? 0.95 : 0.6)
            }
            if context(["bsn", "burgerservice", "sofinummer"]), Checksums.isValidBSN(value) {
                return finding(.nlBsn, 0.95)
            }
            if context(["siren", "rcs", "immatricul", "siret"]), Checksums.isValidSIREN(value) {
                return finding(.frSiren, 0.95)
            }
            if Checksums.isValidSIREN(value) && groups == [3, 3, 3] { return finding(.frSiren, 0.4) }
            if Checksums.isValidBSN(value) { return finding(.nlBsn, 0.3) }
            return nil
        default:
            return nil
        }
    }

    static let siretWords = ["siret", "siren", "rcs", "immatricul"]

    /// How card numbers are printed: one run, groups of four (the last shorter), or Amex's and
    /// Diners' 4-6-5 and 4-6-4. Table cells of one to three digits that happen to join into a
    /// Luhn-valid number are not a card (measured on CUAD: 51 such false alarms in 200 contracts).
    static func cardGrouping(_ groups: [Int]) -> Bool {
        guard let last = groups.last else { return false }
        return groups.count == 1 || (groups.dropLast().allSatisfy { $0 == 4 } && (1...4).contains(last))
            || groups == [4, 6, 5] || groups == [4, 6, 4]
    }

    static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
}

/// Whether words that name an identifier ("IBAN", "Steuer-ID", "SIREN") stand just before it.
enum ContextWords {
    static let window = 48

    /// Whether one of `words` is in the `window` bytes before `offset`, not looking before `from`.
    static func before(_ bytes: [UInt8], offset: Int, contains words: [String], from: Int = 0) -> Bool {
        let start = max(0, from, offset - window)
        guard start < offset else { return false }
        let lowered = bytes[start..<offset].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        // Compared as bytes: `String.contains` goes through NSString, and cost more than the detectors.
        return words.contains { word in
            let key = Array(word.utf8)
            guard !key.isEmpty, key.count <= lowered.count else { return false }
            return (0...(lowered.count - key.count)).contains { lowered[$0..<($0 + key.count)].elementsEqual(key) }
        }
    }
}
