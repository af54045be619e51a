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

/// What may follow a word, packed as `Word.afterBytes` packs it: comparing one costs two integer
/// comparisons, where `Word.after` makes a string.
struct Separator {
    let bytes: UInt32
    let length: UInt8

    // The bytes packed little-endian, as literals so that no static initialiser runs in the hot loops.
    static let space = Separator(bytes: 0x20, length: 1)
    static let hyphen = Separator(bytes: 0x2D, length: 1)
    static let dotSpace = Separator(bytes: 0x202E, length: 2)
    static let commaSpace = Separator(bytes: 0x202C, length: 2)
    static let commaNewline = Separator(bytes: 0x0A2C, length: 2)
    static let newline = Separator(bytes: 0x0A, length: 1)
    static let slash = Separator(bytes: 0x2F, length: 1)
    static let dot = Separator(bytes: 0x2E, length: 1)
    static let apostrophe = Separator(bytes: 0x27, length: 1)
    static let ampersand = Separator(bytes: 0x20_2620, length: 3)
    static let dotCommaSpace = Separator(bytes: 0x20_2C2E, length: 3)
    static let dotNewline = Separator(bytes: 0x0A2E, length: 2)
}

extension Word {
    @inline(__always)
    func isFollowed(by separator: Separator) -> Bool {
        afterLength == separator.length && afterBytes == separator.bytes
    }
}

/// Splits UTF-8 text into words in one pass, lowercasing ASCII, Latin-1 and Latin Extended-A
/// letters rather than doing a full Unicode case fold: the lexicons are English, German and
/// French, and names of EU residents are written with Extended-A too ("Šibalić", "Łukasz").
enum WordScanner {
    /// `indexed`: look each word up in `WordIndex` (off where only the words count: building that index,
    /// guessing a language).
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
                } else if byte == 0xC4 || byte == 0xC5 {
                    let letter = extendedALetter(byte, bytes[index + 1])
                    isUpper = letter.isUpper
                    lowered.append(letter.lower.0)
                    lowered.append(letter.lower.1)
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

    /// A letter of Latin Extended-A (U+0100–U+017F, lead byte 0xC4 or 0xC5): whether it is a
    /// capital, and its lowercase UTF-8 bytes. Capitals are the even code points, except in
    /// U+0139–U+0148 and U+0179–U+017E where they are the odd ones (scripts/detectors/make_gazetteer.py
    /// lowers the gazetteer the same way).
    @inline(__always)
    static func extendedALetter(_ lead: UInt8, _ next: UInt8) -> (isUpper: Bool, lower: (UInt8, UInt8)) {
        let code = (UInt32(lead & 0x1F) << 6) | UInt32(next & 0x3F)
        let isUpper: Bool
        switch code {
        case 0x130: isUpper = true
        case 0x138, 0x149, 0x17F: isUpper = false
        case 0x139...0x148, 0x179...0x17E: isUpper = code % 2 == 1
        default: isUpper = code == 0x178 || code % 2 == 0
        }
        guard isUpper else { return (false, (lead, next)) }
        let lower = code == 0x178 ? 0xFF : code + 1
        return (true, (UInt8(0xC0 | (lower >> 6)), UInt8(0x80 | (lower & 0x3F))))
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
