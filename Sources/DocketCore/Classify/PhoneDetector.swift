import Foundation

/// Phone numbers in international (+49 40 3019 4417, +44 (0)117 496 0123), German (030 1234567,
/// (089) 2154-7730), French (04 78 92 31 56), UK (0117 496 0123) and US ((555) 123-4567,
/// 555-123-4567) formats. A candidate is a run of digits, spaces, dashes, dots, slashes and
/// parentheses that starts with "+", "(" or "0" (or is a US 3-3-4 number); it must have the
/// number of digits its format allows and is never a date or an amount.
enum PhoneDetector {
    static func detect(_ bytes: [UInt8], claimed: [Finding], into findings: inout [Finding]) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let startsCandidate = byte == UInt8(ascii: "+") || byte == UInt8(ascii: "(") || (byte >= 48 && byte <= 57)
            guard startsCandidate,
                index == 0 || !IdentifierDetector.isAlnum(bytes[index - 1]) && bytes[index - 1] != UInt8(ascii: "+")
            else {
                index += 1
                continue
            }
            var end = index
            var digits = 0, groups = 0, inGroup = false
            while end < count, isPhoneByte(bytes[end]), digits <= 15 {
                let isDigit = bytes[end] >= 48 && bytes[end] <= 57
                if isDigit { digits += 1; if !inGroup { groups += 1 } }
                inGroup = isDigit
                end += 1
            }
            while end > index, !(bytes[end - 1] >= 48 && bytes[end - 1] <= 57) && bytes[end - 1] != UInt8(ascii: ")") {
                end -= 1
            }
            defer { index = max(end, index + 1) }
            // Glued to letters or followed by ",dd" (an amount) or "%": not a phone number.
            if end < count, IdentifierDetector.isAlnum(bytes[end]) || bytes[end] == UInt8(ascii: "%") { continue }
            if end + 1 < count, bytes[end] == UInt8(ascii: ","), bytes[end + 1] >= 48, bytes[end + 1] <= 57 { continue }
            guard end > index, digits >= 8,
                let confidence = score(Array(bytes[index..<end]), digits: digits, groups: groups)
            else { continue }
            if claimed.contains(where: { $0.start < end && index < $0.end }) { continue }
            findings.append(Finding(type: FindingType.phone.rawValue, start: index, end: end, confidence: confidence))
        }
    }

    private static func isPhoneByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || byte == 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: "+")
    }

    static func score(_ candidate: [UInt8], digits: Int, groups: Int) -> Double? {
        let text = String(decoding: candidate, as: UTF8.self)
        if text.hasPrefix("+") {
            return (8...15).contains(digits) && groups >= 2 ? 0.9 : (8...15).contains(digits) ? 0.7 : nil
        }
        // Dates (14.09.1988, 2025-07-01) and decimal numbers are not phone numbers.
        if isDate(text) { return nil }
        let compact = text.filter(\.isNumber)
        if text.hasPrefix("(0") || text.hasPrefix("0") {
            guard (9...12).contains(digits), groups >= 2 || digits == 10, !compact.hasPrefix("00") || digits >= 11
            else { return nil }
            // French: ten digits in pairs; German and UK: an area code of 2–5 digits then the rest.
            return groups >= 2 ? 0.8 : 0.5
        }
        if digits == 10, groups == 3,
            text.range(of: #"^\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}$"#, options: .regularExpression) != nil
        {
            return 0.75
        }
        return nil
    }

    static func isDate(_ text: String) -> Bool {
        text.range(of: #"^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$"#, options: .regularExpression) != nil
    }
}
