import DocketModel

/// Postal addresses. An address is anchored on a part that only addresses have:
/// - a street with its house number ("14 Harbour Street", "Leopoldstraße 118", "Alexia-Lutz-Straße 44",
///   "27 rue de la République", "avenue Bernasconi 66", "Am Sandtorkai 41");
/// - a post-office box ("P.O. Box 57599", "Postfach 44286", "BP 123") or a military address
///   ("PSC 3571, Box 7268", "APO AA 76798", "USNV Hart, FPO AP 40400");
/// - a postcode with its town ("80804 München", "BS1 4QA", "1016 DV Amsterdam", "Paulshire, OR 46193").
/// From the anchor it takes the lines or comma-separated parts around it that read like an address
/// (a flat or suite before, the town, region and postcode after). A street or box with a postcode is
/// surer than either alone. Confidences: shares of right findings on the development set
/// (`make eval-detectors`; right/found), smoothed and capped at 0.95 as PersonDetector explains.
enum AddressDetector {
    static let streetAndPostcode = 0.95  // 249/249
    static let streetOrBox = 0.95  // 38/38
    static let postcodeAlone = 0.67  // 1/1
    static let postcodeInRunningText = 0.17  // 0/4

    /// `shortPostcode`: four digits and a town ("1819 Rey-les-Bains", "3858 Bad Leonfelden"), which a
    /// year before a capitalised word reads like too; it counts only with a street.
    private enum Kind { case street, box, postcode, shortPostcode }

    static func detect(_ words: [Word], bytes: [UInt8], into findings: inout [Finding]) {
        var parts: [(first: Int, last: Int, kind: Kind)] = []
        var index = 0
        while index < words.count {
            // Every part starts with a number, a street or box word, or a word before a number.
            guard
                !words[index].flags.isDisjoint(with: [.number, .openingStreetWord, .addressOpener])
                    || (index + 1 < words.count && words[index + 1].flags.contains(.number))
            else {
                index += 1
                continue
            }
            if let last = street(words, at: index) {
                parts.append((index, last, .street))
                index = last + 1
            } else if let last = box(words, at: index) {
                parts.append((index, last, .box))
                index = last + 1
            } else if let last = postcode(words, at: index) {
                parts.append(
                    (
                        index, last,
                        isYearLike(words[index]) && words[index + 1].end - words[index + 1].start != 2
                            ? .shortPostcode : .postcode
                    ))
                index = last + 1
            } else {
                index += 1
            }
        }
        // Parts within the same few lines are one address.
        var part = 0
        while part < parts.count {
            var first = parts[part].first, last = parts[part].last
            var kinds: Set<Kind> = [parts[part].kind]
            var next = part + 1
            while next < parts.count, words[parts[next].first].start - words[last].end <= 80 {
                last = max(last, parts[next].last)
                kinds.insert(parts[next].kind)
                next += 1
            }
            let (start, streetBefore) = extendBackward(
                words, from: first, afterPostcode: parts[part].kind != .street)
            first = start
            last = extendForward(words, bytes: bytes, from: last)
            let anchored = kinds.contains(.street) || kinds.contains(.box) || streetBefore
            // "§ 16533 Haftungsbeschränkung" is a section, not a postcode and town.
            if !anchored, followsSectionSign(bytes, at: words[first].start) {
                part = next
                continue
            }
            if kinds == [.shortPostcode] && !anchored {
                part = next
                continue
            }
            // A postcode and town alone count where they start a line or follow a comma, as in an
            // address block; in running text "12000 Euros" reads the same.
            let laidOut =
                first == 0 || words[first - 1].afterFirst == 0x0A || words[first - 1].isFollowed(by: .commaSpace)
            let confidence =
                anchored && !kinds.isDisjoint(with: [.postcode, .shortPostcode])
                ? streetAndPostcode : anchored ? streetOrBox : laidOut ? postcodeAlone : postcodeInRunningText
            findings.append(
                Finding(
                    type: FindingType.postalAddress.rawValue, start: words[first].start, end: words[last].end,
                    confidence: confidence))
            part = next
        }
    }

    static func isNumber(_ word: Word) -> Bool { word.flags.contains(.number) && word.end - word.start <= 5 }

    static func isStreetName(_ word: Word) -> Bool {
        word.capitalized && (word.flags.contains(.streetWord) || hasStreetSuffix(word.lower))
    }

    /// Compared on bytes, and only where the last byte is one a suffix ends in: most words before a
    /// number ("Section 5") are no street, and `String.hasSuffix` for each suffix cost 3% of the stage.
    static func hasStreetSuffix(_ lower: String) -> Bool {
        var lower = lower
        return lower.withUTF8 { bytes in
            guard let last = bytes.last, streetSuffixEnds[Int(last)] else { return false }
            return streetSuffixBytes.contains { suffix in
                bytes.count > suffix.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
            }
        }
    }

    static let streetSuffixBytes = Lexicons.streetSuffixes.map { Array($0.utf8) }
    static let streetSuffixEnds: [Bool] = {
        var ends = [Bool](repeating: false, count: 256)
        for suffix in streetSuffixBytes { ends[Int(suffix.last!)] = true }
        return ends
    }()

    /// A street with its number; returns the last word of it.
    static func street(_ words: [Word], at index: Int) -> Int? {
        let word = words[index]
        // "Leopoldstraße 118", "Schwabinger Weg 12", "Gratzlstr. 9/7", "Szabadság utca 57." (a street word
        // in lower case after a name).
        let afterName =
            word.flags.contains(.streetWord) && index > 0 && words[index - 1].capitalized
            && words[index - 1].isFollowed(by: .space)
        if index + 1 < words.count, isNumber(words[index + 1]), isStreetName(word) || afterName,
            word.isFollowed(by: .space) || word.isFollowed(by: .dotSpace)
        {
            return numberEnd(words, at: index + 1)
        }
        // "avenue Bernasconi 66", "Strada Taliercio, 47", "Intrarea Diaconu Nr. 777": a street word first,
        // the number last.
        if word.flags.contains(.openingStreetWord) {
            var last = index + 1
            while last < words.count, last - index <= 5,
                words[last].capitalized || words[last].flags.contains(.connector)
            { last += 1 }
            // After a comma, a house number has at most three digits: "chemin Barman, 2835 Deshusses" is a postcode.
            let before = words[last - 1]
            let afterComma =
                before.isFollowed(by: .commaSpace) && last < words.count && words[last].end - words[last].start <= 3
            if last > index + 1, last < words.count, isNumber(words[last]),
                before.isFollowed(by: .space) || afterComma || before.isFollowed(by: .dotSpace)
            {
                return numberEnd(words, at: last)
            }
        }
        // "Grammova 8 ⏎ 777 63 Blovice", "Mirje 777 ⏎ 3170 Šempeter": a name and a house number ending a
        // line, a postcode opening the next, as countries write streets without a street word.
        if index + 1 < words.count, isNumber(words[index + 1]), word.capitalized, word.isFollowed(by: .space),
            word.flags.isDisjoint(with: [.commonWord, .month, .notName, .salutation, .legalForm]),
            !word.flags.contains(.headingWord)
        {
            let end = numberEnd(words, at: index + 1)
            if words[end].isFollowed(by: .newline), end + 1 < words.count, opensPostcode(words, at: end + 1) {
                return end
            }
        }
        // "14 Harbour Street", "27 rue de la République", "827 Hamilton Junctions Suite 973".
        guard isNumber(word), index + 1 < words.count, word.isFollowed(by: .space) || word.isFollowed(by: .commaSpace)
        else { return nil }
        var last = index + 1
        while last < words.count, last - index <= 5 {
            // "500 square feet" is no street: a closing street word is capitalised.
            if words[last].flags.contains(.streetWord), !words[last - 1].isFollowed(by: .newline),
                words[last].capitalized || words[last].flags.contains(.openingStreetWord)
            {
                var end = last
                // A French street word opens the name ("rue de la République"); an English one closes it.
                if words[last].flags.contains(.openingStreetWord) {
                    while end + 1 < words.count, end - last < 4,
                        words[end].isFollowed(by: .space) || words[end].isFollowed(by: .apostrophe),
                        words[end + 1].capitalized || words[end + 1].flags.contains(.connector)
                    { end += 1 }
                }
                return end
            }
            // "06 O'Devanney Street"
            guard words[last].capitalized,
                words[last - 1].isFollowed(by: .space) || words[last - 1].isFollowed(by: .apostrophe)
            else { return nil }
            last += 1
        }
        return nil
    }

    /// "§ 16533", "§\u{00A0}16533": a section sign, spaces or no-break spaces between.
    static func followsSectionSign(_ bytes: [UInt8], at start: Int) -> Bool {
        var position = start
        while position > 0 {
            if bytes[position - 1] == 0x20 {
                position -= 1
            } else if position >= 2, bytes[position - 2] == 0xC2, bytes[position - 1] == 0xA0 {
                position -= 2
            } else {
                break
            }
        }
        return position >= 2 && bytes[position - 2] == 0xC2 && bytes[position - 1] == 0xA7
    }

    /// A postcode's first word: four to six digits ("3170", "17066", "1636HO"), three or two digits
    /// and more after a space or hyphen ("777 63", "61-668"), a country letter and digits ("H-7317").
    static func opensPostcode(_ words: [Word], at index: Int) -> Bool {
        let word = words[index], length = word.end - word.start
        if word.flags.contains(.number) {
            if (4...6).contains(length) { return true }
            guard (2...3).contains(length), index + 1 < words.count, words[index + 1].flags.contains(.number) else {
                return false
            }
            return word.isFollowed(by: .space) || word.isFollowed(by: .hyphen)
        }
        return length == 1 && word.capitalized && word.isFollowed(by: .hyphen) && index + 1 < words.count
            && words[index + 1].flags.contains(.number)
    }

    /// "5/1", "12 a", "44b": the house number ends here.
    static func numberEnd(_ words: [Word], at index: Int) -> Int {
        var end = index
        while end + 1 < words.count, end - index < 2, words[end].isFollowed(by: .slash),
            words[end + 1].flags.contains(.number)
        { end += 1 }
        return end
    }

    /// A post-office box or a military address; returns its last word.
    static func box(_ words: [Word], at index: Int) -> Int? {
        let word = words[index]
        guard word.flags.contains(.addressOpener) else { return nil }
        func number(after position: Int) -> Int? {
            position < words.count && words[position].flags.contains(.number) ? position : nil
        }
        switch word.lower {
        case "p" where index + 2 < words.count && words[index + 1].lower == "o" && words[index + 2].lower == "box":
            return number(after: index + 3)
        case "po" where index + 1 < words.count && words[index + 1].lower == "box":
            return number(after: index + 2)
        case "post"
        where index + 2 < words.count && words[index + 1].lower == "office" && words[index + 2].lower == "box":
            return number(after: index + 3)
        case "postfach", "bp", "cs", "psc", "apartado", "casella":
            guard word.capitalized, let last = number(after: index + 1) else { return nil }
            var end = last
            while end + 1 < words.count, end - last < 3, words[end].isFollowed(by: .space),
                words[end + 1].flags.contains(.number),
                words[end + 1].end - words[end + 1].start <= 3
            { end += 1 }  // "Postfach 12 34 56"
            return end
        case "boîte" where index + 1 < words.count && words[index + 1].lower == "postale":
            return number(after: index + 2)
        case "apo", "fpo", "dpo":
            guard word.allCaps, index + 2 < words.count, words[index + 1].allCaps,
                ["aa", "ae", "ap"].contains(words[index + 1].lower)
            else { return nil }
            return number(after: index + 2)
        default:
            return nil
        }
    }

    /// A postcode with its town (or a US state with its ZIP code); returns the last word.
    static func postcode(_ words: [Word], at index: Int) -> Int? {
        let word = words[index]
        guard index + 1 < words.count else { return nil }
        let length = word.end - word.start, next = words[index + 1]
        let separated =
            word.isFollowed(by: .space) || word.isFollowed(by: .newline)
            || (word.end - word.start == 5 && word.isFollowed(by: .commaSpace))  // "08040, Talana (NU)"
        if word.flags.contains(.number), separated {
            let digits = word.lower.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
            // DE, FR, IT, ES: five digits, then a capitalised town.
            if length == 5, digits, next.capitalized, !next.flags.contains(.month) {
                return townEnd(words, from: index + 1)
            }
            // CZ, SK: "803 52 Dubnička"; PL: "05-398 Swarzędz".
            if digits, index + 2 < words.count, next.flags.contains(.number), words[index + 2].capitalized,
                (length == 3 && word.isFollowed(by: .space) && next.end - next.start == 2)
                    || (length == 2 && word.isFollowed(by: .hyphen) && next.end - next.start == 3)
            {
                return townEnd(words, from: index + 2)
            }
            // NL: four digits and two capitals, then the town.
            if length == 4, digits, next.allCaps, next.end - next.start == 2 {
                return index + 2 < words.count && words[index + 2].capitalized ? index + 2 : index + 1
            }
            // AT, BE, CH, DK: four digits, then the town.
            if length == 4, digits, next.capitalized, !next.flags.contains(.month) {
                return townEnd(words, from: index + 1)
            }
            return nil
        }
        // US: "Paulshire, OR 46193", "New Jeffreymouth, NM 72965-1234".
        if word.allCaps, length == 2, index > 0, words[index - 1].isFollowed(by: .commaSpace),
            words[index - 1].capitalized,
            next.flags.contains(.number), next.end - next.start == 5, word.isFollowed(by: .space)
        {
            return index + 1
        }
        // UK: outward code and inward code ("BS1 4QA").
        if ukOutward(word), word.isFollowed(by: .space), ukInward(next) { return index + 1 }
        return nil
    }

    /// The last word of a town's name: "München", "Bad Homburg", "Spittal an der Drau", "Rey-les-Bains".
    static func townEnd(_ words: [Word], from first: Int) -> Int {
        var last = first, next = first + 1
        while next < words.count, next - first < 5,
            words[next - 1].isFollowed(by: .space) || words[next - 1].isFollowed(by: .hyphen)
        {
            let word = words[next]
            if word.capitalized && !word.flags.contains(.number) {
                last = next
            } else if !Lexicons.townParticles.contains(word.lower) {
                break
            }
            next += 1
        }
        return last
    }

    static func isYearLike(_ word: Word) -> Bool {
        word.end - word.start == 4 && word.lower.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func ukOutward(_ word: Word) -> Bool {
        guard (2...4).contains(word.end - word.start), word.capitalized, word.allCaps || word.end - word.start <= 3
        else { return false }
        return word.lower.utf8.contains { $0 >= 48 && $0 <= 57 }
    }

    static func ukInward(_ word: Word) -> Bool {
        guard word.end - word.start == 3, word.flags.contains(.number) else { return false }
        let b = word.lower.utf8
        return b.dropFirst().allSatisfy { $0 >= 97 && $0 <= 122 }
    }

    /// The comma-separated parts (or lines) before the anchor that open an address, nearest first:
    /// the town before a postcode ("East Jennabury, E4B 8GY"), a street without a number ("Smith
    /// Drive, …"), a flat or suite ("Studio 96, …", "Flat 9, McDonald Alley"), a ship ("USS
    /// Richardson, FPO AE 21029"). A town is taken only before a postcode; a flat or ship opens the
    /// address. Returns the first word and whether a street, flat or ship was among the parts.
    static func extendBackward(_ words: [Word], from anchorFirst: Int, afterPostcode: Bool) -> (Int, Bool) {
        var first = anchorFirst, sawStreet = false, segments = 0
        // "Benedikt-Varga-Ring 6": the street's name is hyphenated; "Dunaújvárosi utca 168.", "Schwabinger
        // Weg 12": a name before the street word.
        while first > 0, words[first - 1].isFollowed(by: .hyphen), words[first - 1].capitalized { first -= 1 }
        if words[first].flags.contains(.streetWord), first > 0, words[first - 1].isFollowed(by: .space),
            words[first - 1].capitalized, words[first - 1].flags.isDisjoint(with: [.streetWord, .notName])
        {
            first -= 1
        }
        while segments < 3, first > 0 {
            let before = words[first - 1]
            guard
                before.isFollowed(by: .commaSpace) || before.isFollowed(by: .newline)
                    || before.isFollowed(by: .commaNewline)
            else { break }
            // The part: up to five capitalised words, particles or numbers joined by spaces or hyphens.
            var segmentFirst = first - 1
            while segmentFirst > 0, first - segmentFirst < 5,
                words[segmentFirst - 1].isFollowed(by: .space) || words[segmentFirst - 1].isFollowed(by: .hyphen)
                    || words[segmentFirst - 1].isFollowed(by: .apostrophe)
                    || words[segmentFirst - 1].isFollowed(by: .slash),
                words[segmentFirst - 1].capitalized || words[segmentFirst - 1].flags.contains(.number)
                    || Lexicons.nameParticles.contains(words[segmentFirst - 1].lower)
            { segmentFirst -= 1 }
            let walked = segmentFirst
            while segmentFirst < first - 1, !words[segmentFirst].capitalized,
                !words[segmentFirst].flags.contains(.number)
            { segmentFirst += 1 }
            // "rue de Berberat, 2392 Bonvini": a French street word opens the street's name.
            if walked > 0, words[walked - 1].flags.contains(.openingStreetWord),
                words[walked - 1].isFollowed(by: .space)
            {
                var streetFirst = walked - 1
                // "14, rue Vidal"
                if streetFirst > 0, isNumber(words[streetFirst - 1]), words[streetFirst - 1].isFollowed(by: .commaSpace)
                {
                    streetFirst -= 1
                }
                return (streetFirst, true)
            }
            let opening = words[segmentFirst], closing = words[first - 1]
            guard opening.capitalized || opening.flags.contains(.number) else { break }
            if segmentFirst + 1 < first, opening.capitalized,
                Lexicons.addressUnits.contains(opening.lower) || Lexicons.shipPrefixes.contains(opening.lower)
            {
                return (segmentFirst, true)  // "Studio 96", "USS Richardson": nothing comes before
            }
            // A street: a street word, a number and a name, a name and a number ("Palmotićeva 3, 19782
            // Orahovica"), or a house number alone before the postcode ("K lomu 98, 803 52 Dubnička").
            if closing.flags.contains(.streetWord) || closing.flags.contains(.number)
                || (opening.flags.contains(.number) && segmentFirst + 1 < first)
            {
                sawStreet = true
            } else if !(afterPostcode && segments == 0) {
                break
            }
            first = segmentFirst
            segments += 1
        }
        return (first, sawStreet)
    }

    /// The parts after the anchor that read like the rest of an address: a suite, the town, a
    /// region, a postcode; each after a comma or on a line of its own, at most four of them.
    static func extendForward(_ words: [Word], bytes: [UInt8], from anchorLast: Int) -> Int {
        var last = anchorLast, segments = 0
        while segments < 4, last + 1 < words.count {
            let word = words[last]
            let plainSpace = word.isFollowed(by: .space)
            // "utca 168., H-7669 Ózd": a house number with a full stop, as Hungarian writes it.
            let dotted =
                word.flags.contains(.number)
                && (word.isFollowed(by: .dotCommaSpace) || word.isFollowed(by: .dotNewline))
            guard
                plainSpace || word.isFollowed(by: .commaSpace) || word.isFollowed(by: .newline)
                    || word.isFollowed(by: .commaNewline) || dotted
            else { break }
            // A segment: up to five capitalised words, numbers or short codes on the same line.
            var end = last + 1, taken = 0
            while end < words.count, taken < 5 {
                let word = words[end]
                let fits =
                    word.capitalized || !word.flags.isDisjoint(with: [.number, .placeWord])
                    || Lexicons.nameParticles.contains(word.lower)
                guard fits, !word.flags.contains(.notName) || Lexicons.countries.contains(word.lower) else { break }
                taken += 1
                if end + 1 < words.count, word.isFollowed(by: .space) || word.isFollowed(by: .hyphen) {
                    end += 1
                } else {
                    break
                }
            }
            guard taken > 0 else { break }
            var segmentLast = last + taken
            // A segment must end on a capitalised word or a number, not a particle.
            while segmentLast > last, !(words[segmentLast].capitalized || words[segmentLast].flags.contains(.number)) {
                segmentLast -= 1
            }
            guard segmentLast > last else { break }
            // A plain space continues only into a postcode, a town after a postcode ("E42NA3N Cora Ville") or
            // a flat ("25 Apt. 59").
            if plainSpace,
                !(words[segmentLast].flags.contains(.number) || looksLikeCode(words[last + 1])
                    || Lexicons.addressUnits.contains(words[last + 1].lower))
            {
                break
            }
            last = segmentLast
            segments += 1
        }
        return last
    }

    /// "E4B", "W85", "E334195": a capital and digits.
    static func looksLikeCode(_ word: Word) -> Bool {
        word.capitalized && word.lower.utf8.contains { $0 >= 48 && $0 <= 57 }
    }
}
