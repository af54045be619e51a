/// The words and word pairs of a passage as the clause model knows them, hashed exactly as
/// `scripts/clauses/train.py` hashes them: runs of ASCII letters (lowercased), digits (each folded to
/// "0") and non-ASCII bytes; 32-bit FNV-1a over a word's bytes, and over "word word" for a pair.
enum ClauseFeatures {
    static let offsetBasis: UInt32 = 2_166_136_261
    static let prime: UInt32 = 16_777_619

    @inline(__always)
    static func fold(_ hash: UInt32, _ byte: UInt8) -> UInt32 { (hash ^ UInt32(byte)) &* prime }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt32 { bytes.reduce(offsetBasis, fold) }

    /// Calls `body` with the hash of each word of a heading, marked "h " ("h governing").
    static func forEachHeadingWord(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (UInt32) -> Void)
    {
        let marked = fold(fold(offsetBasis, UInt8(ascii: "h")), 0x20)
        forEach(in: bytes, range, seed: marked) { hash, isPair in if !isPair { body(hash) } }
    }

    /// Calls `body` with each feature hash of `bytes[range]`, a word's and then its pair's with the
    /// word before; no string is made.
    @inline(__always)
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (UInt32) -> Void) {
        forEach(in: bytes, range, seed: offsetBasis) { hash, _ in body(hash) }
    }

    /// Words hashed from `seed` (a prefix's hash), and pairs as FNV-1a continued over "word word".
    @inline(__always)
    static func forEach(
        in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, seed: UInt32, _ body: (UInt32, Bool) -> Void
    ) {
        var word = seed, pair = offsetBasis
        var inWord = false, hasPrevious = false
        var previous = offsetBasis
        for index in range {
            var byte = bytes[index]
            if byte >= 65 && byte <= 90 {
                byte += 32
            } else if byte >= 48 && byte <= 57 {
                byte = 48
            } else if !(byte >= 97 && byte <= 122) && byte < 0x80 {
                if inWord {
                    body(word, false)
                    if hasPrevious { body(pair, true) }
                    previous = word
                    hasPrevious = true
                    inWord = false
                }
                continue
            }
            if !inWord {
                inWord = true
                word = seed
                // FNV-1a is sequential: the pair's hash continues from the previous word's, over a space.
                pair = fold(previous, 0x20)
            }
            word = fold(word, byte)
            pair = fold(pair, byte)
        }
        if inWord {
            body(word, false)
            if hasPrevious { body(pair, true) }
        }
    }
}
