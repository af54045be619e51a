import DocketModel

/// Phone numbers in international (+49 40 3019 4417, +44 (0)117 496 0123, 0049 …, 001-285-206-4121)
/// and national formats of the EU, the UK and the US (030 1234567, (089) 2154-7730, 04 78 92 31 56,
/// 0117 496 0123, (555) 123-4567), with extensions (x753, ext. 935, -12, poste 12).
///
/// A candidate is a run of digits, spaces, dashes, dots, slashes and parentheses. It counts when its
/// form says phone (a "+" or "00" prefix, a trunk "0" with groups, a US 3-3-4 number), or when a word
/// just before it does ("Tel.", "Mobil", "Fax", "joindre au", "call") and it has at least six digits.
/// Dates, amounts and percentages are never phone numbers. Confidences: shares of right findings on
/// the development set (`make eval-detectors`; right/found), smoothed and capped at 0.95 as
/// PersonDetector explains.
enum PhoneDetector {
    static let international = 0.95  // 167/167
    static let internationalUngrouped = 0.9  // 8/8
    static let nationalGrouped = 0.95  // 109/109
    static let nationalUngrouped = 0.95  // 21/21
    static let northAmerican = 0.95  // 22/22
    static let afterPhoneWord = 0.95  // 36/36

    /// `findings` holds what the identifier detectors found: digits they claimed are not read again,
    /// unless the claim is weak and the number's form or context says phone.
    static func detect(_ bytes: [UInt8], into findings: inout [Finding]) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let startsCandidate = byte == UInt8(ascii: "+") || byte == UInt8(ascii: "(") || isDigit(byte)
            guard startsCandidate,
                index == 0
                    || !IdentifierDetector.isAlnum(bytes[index - 1]) && bytes[index - 1] != UInt8(ascii: "+")
                        && bytes[index - 1] != UInt8(ascii: ".") && bytes[index - 1] != UInt8(ascii: ",")
            else {
                index += 1
                continue
            }
            var end = index
            var digits = 0, groups = 0, inGroup = false
            while end < count, isPhoneByte(bytes[end]), digits <= 18 {
                if isDigit(bytes[end]) {
                    digits += 1
                    if !inGroup { groups += 1 }
                    inGroup = true
                } else {
                    inGroup = false
                }
                end += 1
            }
            while end > index, !isDigit(bytes[end - 1]) && bytes[end - 1] != UInt8(ascii: ")") { end -= 1 }
            defer { index = max(end, index + 1) }
            guard end > index, digits >= 6 else { continue }
            // "-12" after a grouped number, "x753", " ext. 935", " poste 12": an extension, not part of the number.
            var numberDigits = digits, numberGroups = groups
            // Only where the number is grouped by spaces, slashes or brackets: in "322-347-6535" the dashes group it.
            let dashGrouped = !bytes[index..<end].contains {
                $0 == 0x20 || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "(")
            }
            // And only where what is left is a whole number: "(412)623-3079" and "(26)/018-1590" end in a group.
            if !dashGrouped, let dash = lastDash(bytes, from: index, to: end), groups >= 3, end - dash - 1 <= 4,
                digits - (end - dash - 1) >= 9
            {
                numberDigits -= end - dash - 1
                numberGroups -= 1
            }
            let extensionEnd = extensionEnd(bytes, at: end)
            let after = extensionEnd ?? end
            // Glued to letters, followed by ",dd" (an amount), "%" or a currency: not a phone number.
            if after < count, IdentifierDetector.isAlnum(bytes[after]) || bytes[after] == UInt8(ascii: "%") { continue }
            if after + 1 < count, bytes[after] == UInt8(ascii: ","), isDigit(bytes[after + 1]) { continue }
            // The form first; the words before only where the form is not enough (most numbers of a
            // contract are neither, and looking back costs more than reading the digits).
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            var announced = false
            var confidence = score(text, digits: numberDigits, groups: numberGroups)
            if confidence == nil, (6...15).contains(numberDigits), !bytes[index..<end].contains(UInt8(ascii: ".")) {
                // "Tel. 26 48 11 37", "Mobil 0766 959 609": a word that says phone.
                announced = announcedByContext(bytes, before: index)
                confidence = announced ? afterPhoneWord : nil
            }
            guard let confidence, !isAmount(bytes, start: index, end: after) else { continue }
            // A weak identifier reading of the same digits ("+41 24 864 09 71" as a tax id) gives way to
            // a number whose form or context says phone.
            let overlapping = findings.filter { $0.start < after && index < $0.end }
            if !overlapping.isEmpty {
                let strongForm =
                    text.hasPrefix("+") || text.hasPrefix("00") || numberGroups >= 2 || announced
                    || announcedByContext(bytes, before: index)
                if overlapping.contains(where: { $0.confidence > 0.5 || !strongForm }) { continue }
            }
            findings.removeAll { $0.start < after && index < $0.end && $0.confidence <= 0.5 }
            findings.append(Finding(type: FindingType.phone.rawValue, start: index, end: after, confidence: confidence))
            end = after
        }
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isPhoneByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: "+")
    }

    static func lastDash(_ bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var position = end - 1
        while position > start, isDigit(bytes[position]) { position -= 1 }
        return position > start && bytes[position] == UInt8(ascii: "-") ? position : nil
    }

    static let extensionWords = ["x", " x", " ext. ", " ext ", " ext.", " poste ", " Durchwahl ", " DW "].map {
        Array($0.utf8)
    }

    /// The end of an extension right after the number, if one follows.
    static func extensionEnd(_ bytes: [UInt8], at end: Int) -> Int? {
        for word in extensionWords where end + word.count < bytes.count {
            guard bytes[end..<(end + word.count)].elementsEqual(word), isDigit(bytes[end + word.count]) else {
                continue
            }
            var position = end + word.count
            while position < bytes.count, position - end - word.count < 6, isDigit(bytes[position]) { position += 1 }
            return position
        }
        return nil
    }

    static let currencies = ["eur", "usd", "gbp", "chf", "$", "€", "£"].map { Array($0.utf8) }

    /// A currency just before or after the digits, a space between or not: "EUR 12 345 678", "1 250 000 €".
    static func isAmount(_ bytes: [UInt8], start: Int, end: Int) -> Bool {
        func lowered<S: Sequence<UInt8>>(_ part: S) -> [UInt8] { part.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }
        var before = lowered(bytes[max(0, start - 5)..<start])
        if before.last == 0x20 { before.removeLast() }
        var after = lowered(bytes[end..<min(bytes.count, end + 5)])
        if after.first == 0x20 { after.removeFirst() }
        return currencies.contains { before.suffix($0.count).elementsEqual($0) || after.starts(with: $0) }
    }

    static let contextWords = [
        "tel", "tél", "phone", "fax", "mobil", "handy", "portable", "hotline", "call", "anruf", "erreichbar",
        "joindre", "appel", "rufnummer", "contact number", "numéro d'urgence", "notfallnummer", "gsm", "erreichen",
        "reach", "dial", "wählen", "composer",
    ].map { Array($0.utf8) }

    /// Whether a phone word comes at most 30 bytes before, on the same line.
    static func announcedByContext(_ bytes: [UInt8], before start: Int) -> Bool {
        var from = start
        while from > 0, start - from < 30, bytes[from - 1] != 0x0A { from -= 1 }
        let window = bytes[from..<start].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        guard window.count >= 3 else { return false }
        // At the start of a word: "Tel.", "Telefon", but not "Bestellung".
        return contextWords.contains { word in
            window.count >= word.count
                && (0...(window.count - word.count)).contains {
                    ($0 == 0 || !IdentifierDetector.isAlnum(window[$0 - 1]) && window[$0 - 1] < 0x80)
                        && window[$0..<($0 + word.count)] == word[...]
                }
        }
    }

    /// The confidence the number's form gives it, nil where the form alone does not say phone.
    static func score(_ text: String, digits: Int, groups: Int) -> Double? {
        // Dates (14.09.1988, 2025-07-01) and version or clause numbers are not phone numbers.
        if isDate(text) { return nil }
        if text.hasPrefix("+") || text.hasPrefix("(+") {
            guard (8...15).contains(digits) else { return nil }
            return groups >= 2 ? international : internationalUngrouped
        }
        if text.hasPrefix("00") || text.hasPrefix("(00") {
            return (10...15).contains(digits) ? international : nil
        }
        if text.hasPrefix("(0") || text.hasPrefix("0") {
            if (9...13).contains(digits), groups >= 2 { return nationalGrouped }
            // Stockholm's and Copenhagen-area numbers are short: "08-26 01 81".
            if digits == 8, groups >= 3 { return nationalGrouped }
            if (10...11).contains(digits) { return nationalUngrouped }
        }
        // Hungarian numbers after their area code and a slash: "30/166 1318", "(26)/018-1590".
        if digits == 9, isAreaSlashNumber(Array(text.utf8)) { return nationalGrouped }
        // A country code in brackets, without "+": "(351) 968 301 234".
        if text.hasPrefix("("), (11...13).contains(digits), groups >= 3, let close = text.firstIndex(of: ")"),
            text.distance(from: text.startIndex, to: close) == 4, text.dropFirst().first != "0"
        {
            return international
        }
        if digits == 10, isNorthAmerican(Array(text.utf8)) { return northAmerican }
        if digits == 11, text.hasPrefix("1-") || text.hasPrefix("1 ") { return northAmerican }
        return nil
    }

    /// "14.09.1988", "2025-07-01", "1/2/25": digits, a separator, digits, the same separator, digits.
    /// Read byte by byte: a regular expression here was compiled for every number of a contract.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 10 else { return false }
        var position = 0
        func digits(_ range: ClosedRange<Int>) -> Bool {
            let start = position
            while position < bytes.count, isDigit(bytes[position]), position - start < range.upperBound {
                position += 1
            }
            return range.contains(position - start)
        }
        guard digits(1...4), position < bytes.count else { return false }
        let separator = bytes[position]
        guard separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-")
        else { return false }
        position += 1
        guard digits(1...2), position < bytes.count, bytes[position] == separator else { return false }
        position += 1
        return digits(2...4) && position == bytes.count
    }

    /// "30/166 1318", "(26)/018-1590": two digits (in brackets or not), a slash, three digits, a space or
    /// a dash, four digits.
    static func isAreaSlashNumber(_ bytes: [UInt8]) -> Bool {
        var body = bytes[...]
        if body.first == UInt8(ascii: "(") {
            guard body.count == 13, body[body.startIndex + 3] == UInt8(ascii: ")") else { return false }
            body = body.dropFirst().prefix(2) + body.dropFirst(4)
        }
        let pattern = Array("00/000 0000".utf8)
        guard body.count == pattern.count else { return false }
        return zip(body, pattern).allSatisfy { byte, expected in
            switch expected {
            case UInt8(ascii: "0"): isDigit(byte)
            case 0x20: byte == 0x20 || byte == UInt8(ascii: "-")
            default: byte == expected
            }
        }
    }

    /// "(212) 555-0100", "212.555.0100", "212-555-0100 …": three digits (in brackets or not), an optional
    /// separator, three digits, a separator, four digits.
    static func isNorthAmerican(_ bytes: [UInt8]) -> Bool {
        var position = 0
        func skip(_ byte: UInt8) { if position < bytes.count, bytes[position] == byte { position += 1 } }
        func digits(_ count: Int) -> Bool {
            guard position + count <= bytes.count, bytes[position..<(position + count)].allSatisfy(isDigit) else {
                return false
            }
            position += count
            return true
        }
        func separator(optional: Bool) -> Bool {
            if position < bytes.count, [0x20, UInt8(ascii: "."), UInt8(ascii: "-")].contains(bytes[position]) {
                position += 1
                return true
            }
            return optional
        }
        skip(UInt8(ascii: "("))
        guard digits(3) else { return false }
        skip(UInt8(ascii: ")"))
        return separator(optional: true) && digits(3) && separator(optional: false) && digits(4)
    }
}
