import DocketModel

/// Email addresses: local part, "@", a dotted domain with a top-level domain of letters.
enum EmailDetector {
    static func detect(_ bytes: [UInt8], into findings: inout [Finding]) {
        var index = 0
        while let at = nextAt(bytes, from: index) {
            index = at + 1
            var start = at
            while start > 0, isLocal(bytes[start - 1]) { start -= 1 }
            var end = at + 1
            while end < bytes.count, isDomain(bytes[end]) { end += 1 }
            while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
            guard start < at, let lastDot = bytes[(at + 1)..<end].lastIndex(of: UInt8(ascii: ".")), lastDot > at + 1,
                end - lastDot > 2, bytes[(lastDot + 1)..<end].allSatisfy(isLetter)
            else { continue }
            findings.append(
                Finding(type: FindingType.email.rawValue, start: start, end: end, confidence: 0.95, validated: true))
            index = end
        }
    }

    private static func nextAt(_ bytes: [UInt8], from: Int) -> Int? {
        guard from < bytes.count else { return nil }
        return bytes[from...].firstIndex(of: UInt8(ascii: "@"))
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }

    private static func isLocal(_ byte: UInt8) -> Bool {
        IdentifierDetector.isAlnum(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private static func isDomain(_ byte: UInt8) -> Bool {
        IdentifierDetector.isAlnum(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
}
