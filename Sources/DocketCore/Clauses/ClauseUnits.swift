/// The passages a contract is scored in, as `scripts/clauses/train.py` cuts them for training: each
/// non-empty line (CUAD's texts, like Docket's page text, have a paragraph per line), and a line longer
/// than 600 bytes cut into sentences after ". " or "; " before a capital.
enum ClauseUnits {
    static let maxUnit = 600

    static func ranges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count, bytes[end] != 0x0A { end += 1 }
            var pieceStart = start
            while pieceStart < end, bytes[pieceStart] == 0x20 || bytes[pieceStart] == 0x09 { pieceStart += 1 }
            var position = pieceStart
            while position < end {
                if position - pieceStart >= maxUnit, bytes[position] == 0x20,
                    bytes[position - 1] == UInt8(ascii: ".") || bytes[position - 1] == UInt8(ascii: ";"),
                    position + 1 < end, bytes[position + 1] >= 65, bytes[position + 1] <= 90
                {
                    result.append(pieceStart..<position)
                    pieceStart = position + 1
                }
                position += 1
            }
            if end > pieceStart, (pieceStart..<end).contains(where: { !isSpace(bytes[$0]) }) {
                result.append(pieceStart..<end)
            }
            start = end + 1
        }
        return result
    }

    /// What Python's `bytes.strip()` strips.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
}
