/// Postal addresses: a street with its house number ("14 Harbour Street", "Leopoldstraße 118",
/// "27 rue de la République", "Am Sandtorkai 41") and a postcode with its town ("80804 München",
/// "BS1 4QA", "1016 DV Amsterdam"). Either alone is weaker evidence than both together.
enum AddressDetector {
    static func detect(_ words: [Word], bytes: [UInt8], into findings: inout [Finding]) {
        var parts: [(start: Int, end: Int, kind: Int)] = []  // kind 0 street, 1 postcode
        for index in words.indices {
            if let range = street(words, at: index) { parts.append((range.0, range.1, 0)) }
            if let range = postcode(words, at: index) { parts.append((range.0, range.1, 1)) }
        }
        // A street and a postcode within 60 bytes are one address.
        var index = 0
        while index < parts.count {
            var end = parts[index].end
            var kinds = Set([parts[index].kind])
            var next = index + 1
            while next < parts.count, parts[next].start - end <= 60 {
                end = max(end, parts[next].end)
                kinds.insert(parts[next].kind)
                next += 1
            }
            findings.append(
                Finding(
                    type: FindingType.postalAddress.rawValue, start: parts[index].start, end: end,
                    confidence: kinds.count == 2 ? 0.9 : 0.55))
            index = next
        }
    }

    static func isNumber(_ word: Word) -> Bool { word.flags.contains(.number) && word.end - word.start <= 4 }

    static func street(_ words: [Word], at index: Int) -> (Int, Int)? {
        let word = words[index]
        // "Leopoldstraße 118", "Schwabinger Weg 12", "Am Sandtorkai 41".
        if index + 1 < words.count, isNumber(words[index + 1]), word.capitalized,
            word.flags.contains(.streetWord) || Lexicons.streetSuffixes.contains(where: { word.lower.hasSuffix($0) })
        {
            var start = index
            if index > 0, words[index - 1].capitalized, words[index - 1].spaceAfter {
                start = index - 1
            }
            return (words[start].start, words[index + 1].end)
        }
        // "14 Harbour Street", "27 rue de la République", "8 place Bellecour".
        if isNumber(word), index + 1 < words.count {
            var last = index + 1
            while last < words.count, last - index <= 5 {
                if words[last].flags.contains(.streetWord) {
                    // A French street word opens the name ("rue de la République"); an English one closes it.
                    var end = last
                    if words[last].flags.contains(.frenchStreetWord) {
                        while end + 1 < words.count, end - last < 4,
                            words[end + 1].capitalized || words[end + 1].flags.contains(.connector)
                        { end += 1 }
                    }
                    return (word.start, words[end].end)
                }
                guard words[last].capitalized else { return nil }
                last += 1
            }
        }
        return nil
    }

    static func postcode(_ words: [Word], at index: Int) -> (Int, Int)? {
        let word = words[index]
        guard index + 1 < words.count, word.spaceAfter else { return nil }
        let length = word.end - word.start, next = words[index + 1]
        if word.flags.contains(.number) {
            let digits = word.lower.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
            // DE and FR: five digits, then a capitalised town.
            if length == 5, digits, next.capitalized { return (word.start, next.end) }
            // NL: four digits and two capitals, then the town.
            if length == 4, digits, next.allCaps, next.end - next.start == 2 {
                return (
                    word.start, (index + 2 < words.count && words[index + 2].capitalized ? words[index + 2] : next).end
                )
            }
            return nil
        }
        // UK: outward code and inward code ("BS1 4QA").
        return ukOutward(word) && ukInward(next) ? (word.start, next.end) : nil
    }

    static func ukOutward(_ word: Word) -> Bool {
        guard (2...4).contains(word.end - word.start), word.capitalized else { return false }
        return word.lower.utf8.contains { $0 >= 48 && $0 <= 57 }
    }

    static func ukInward(_ word: Word) -> Bool {
        guard word.end - word.start == 3, word.flags.contains(.number) else { return false }
        let b = word.lower.utf8
        return b.dropFirst().allSatisfy { $0 >= 97 && $0 <= 122 }
    }
}
