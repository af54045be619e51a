/// A word of the text: letters (any script) and digits, with its byte range, lowercased.
struct Word {
    var start: Int
    var end: Int
    var lower: String
    /// First letter uppercase.
    var capitalized: Bool
    /// Every letter uppercase (and at least two letters).
    var allCaps: Bool
    /// The separator bytes that follow the word, up to three, packed: most words are never asked
    /// for them, so no string is made until one is (`after`).
    var afterBytes: UInt32
    var afterLength: UInt8
    var flags: WordFlags = []
    /// Only spaces or a line break between this word and the next.
    var spaceAfter = false

    var afterFirst: UInt8 { UInt8(truncatingIfNeeded: afterBytes) }

    /// The separator after the word (", ", " (\"", ". "…): name and party detectors read punctuation from it.
    var after: String {
        var bytes: [UInt8] = []
        for index in 0..<Int(afterLength) { bytes.append(UInt8(truncatingIfNeeded: afterBytes >> (8 * index))) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Splits UTF-8 text into words in one pass, lowercasing ASCII and Latin-1 letters rather than
/// doing a full Unicode case fold: the lexicons are English, German and French.
enum WordScanner {
    /// `indexed`: look each word up in `WordIndex` (off only while building that index).
    static func words(_ bytes: [UInt8], indexed: Bool = true) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(bytes.count / 6)
        var index = 0
        let count = bytes.count
        var lowered: [UInt8] = []
        while index < count {
            guard let length = wordCharacterLength(bytes, index) else {
                index += sequenceLength(bytes[index])
                continue
            }
            let start = index
            lowered.removeAll(keepingCapacity: true)
            var letters = 0, upper = 0
            var capitalized = false
            var step = length
            while true {
                let byte = bytes[index]
                var isUpper = false, isLetter = true
                if step == 1 {
                    isUpper = byte >= 65 && byte <= 90
                    isLetter = isUpper || byte >= 97
                    lowered.append(isUpper ? byte + 32 : byte)
                } else if byte == 0xC3 {
                    let next = bytes[index + 1]
                    isUpper = next <= 0x9E
                    lowered.append(0xC3)
                    lowered.append(isUpper ? next + 0x20 : next)
                } else {
                    lowered.append(contentsOf: bytes[index..<(index + step)])
                }
                if isLetter { letters += 1 }
                if isUpper { upper += 1 }
                if index == start { capitalized = isUpper }
                index += step
                guard index < count, let next = wordCharacterLength(bytes, index) else { break }
                step = next
            }
            var afterEnd = index
            while afterEnd < count, afterEnd - index < 3, wordCharacterLength(bytes, afterEnd) == nil { afterEnd += 1 }
            var packed: UInt32 = 0
            for (position, byte) in bytes[index..<afterEnd].enumerated() { packed |= UInt32(byte) << (8 * position) }
            words.append(
                Word(
                    start: start, end: index, lower: String(decoding: lowered, as: UTF8.self),
                    capitalized: capitalized, allCaps: letters >= 2 && upper == letters,
                    afterBytes: packed, afterLength: UInt8(afterEnd - index),
                    flags: indexed ? WordIndex.flags(bytes: lowered) : [],
                    spaceAfter: afterEnd > index && bytes[index..<afterEnd].allSatisfy { $0 == 0x20 || $0 == 0x0A }))
        }
        return words
    }

    /// The byte length of the character at `index` if it belongs to a word (ASCII letters and
    /// digits, letters beyond ASCII), nil for spaces, punctuation, quotes, dashes and symbols.
    @inline(__always)
    static func wordCharacterLength(_ bytes: [UInt8], _ index: Int) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 { return IdentifierDetector.isAlnum(byte) ? 1 : nil }
        let length = sequenceLength(byte)
        guard index + length <= bytes.count, length > 1 else { return nil }
        if byte == 0xC2 { return nil }  // U+0080–U+00BF: nbsp, « », §, ·
        if byte == 0xC3, bytes[index + 1] == 0x97 || bytes[index + 1] == 0xB7 { return nil }  // × ÷
        // U+2000–U+207F: dashes, quotes.
        if byte == 0xE2 && (bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81) { return nil }
        if byte == 0xEF && bytes[index + 1] == 0xBF { return nil }  // U+FFF0–U+FFFF: replacement character
        return length
    }

    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}
