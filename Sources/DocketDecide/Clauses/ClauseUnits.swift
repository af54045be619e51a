/// The passages a contract is scored in, as `scripts/clauses/train.py` cuts them for training: its
/// paragraphs, and a paragraph longer than 600 bytes cut into sentences after ". " or "; " before a capital.
/// A paragraph is a line, or lines joined where a line is as long as the text's full lines (at least 7/10
/// of the 90th percentile of its line lengths, and 60 bytes) but no longer than a printed line (200 bytes),
/// the next line is not blank, and the line does not end a sentence or item (".", ";", ":") where the next
/// begins one (a capital, a digit, "("): a PDF's page text has a line per printed line, CUAD's texts
/// (trained on) a line per paragraph.
/// Each passage carries the last heading above it (a line standing alone, at most 60 bytes, with a letter),
/// whose words the model reads as context.
enum ClauseUnits {
    struct Unit: Equatable {
        var range: Range<Int>
        /// Empty before the first heading.
        var heading: Range<Int>
    }

    static let maxUnit = 600
    static let headingLength = 60
    static let wrap = 200
    static let minLine = 60

    private struct Line {
        var start: Int, end: Int, length: Int
        /// Ends with ".", ";" or ":"; begins with a capital, a digit or "(".
        var endsSentence: Bool, beginsSentence: Bool
    }

    static func units(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unit] {
        let lines = self.lines(bytes)
        let lengths = lines.map(\.length).filter { $0 > 0 }.sorted()
        let width = lengths.isEmpty ? 0 : lengths[(lengths.count - 1) * 9 / 10]
        var result: [Unit] = []
        var index = 0, heading = 0..<0
        while index < lines.count {
            let first = index
            while index + 1 < lines.count, lines[index + 1].length > 0,
                (minLine...wrap).contains(lines[index].length), 10 * lines[index].length >= 7 * width,
                !(lines[index].endsSentence && lines[index + 1].beginsSentence)
            {
                index += 1
            }
            var pieceStart = lines[first].start
            let end = lines[index].end
            index += 1
            var position = pieceStart
            while position < end {
                if position - pieceStart >= maxUnit, bytes[position] == 0x20 || bytes[position] == 0x0A,
                    bytes[position - 1] == UInt8(ascii: ".") || bytes[position - 1] == UInt8(ascii: ";"),
                    position + 1 < end, bytes[position + 1] >= 65, bytes[position + 1] <= 90
                {
                    result.append(Unit(range: pieceStart..<position, heading: heading))
                    pieceStart = position + 1
                }
                position += 1
            }
            if end > pieceStart, (pieceStart..<end).contains(where: { !isSpace(bytes[$0]) }) {
                result.append(Unit(range: pieceStart..<end, heading: heading))
            }
            // A short line standing alone is a heading: the context of the passages below it.
            let line = lines[first]
            if index - 1 == first, (1...headingLength).contains(line.length),
                (line.start..<line.end).contains(where: {
                    (65...90).contains(bytes[$0]) || (97...122).contains(bytes[$0])
                })
            {
                heading = line.start..<line.end
            }
        }
        return result
    }

    /// Each line without its leading spaces and tabs, with its length stripped as Python's `bytes.strip()`.
    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count, bytes[end] != 0x0A { end += 1 }
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            var first = start, last = end
            while first < last, isSpace(bytes[first]) { first += 1 }
            while last > first, isSpace(bytes[last - 1]) { last -= 1 }
            let final = last > first ? bytes[last - 1] : 0, initial = last > first ? bytes[first] : 0
            lines.append(
                Line(
                    start: start, end: end, length: last - first,
                    endsSentence: final == UInt8(ascii: ".") || final == UInt8(ascii: ";")
                        || final == UInt8(ascii: ":"),
                    beginsSentence: (65...90).contains(initial) || (48...57).contains(initial) || initial == 40))
            start = end + 1
        }
        return lines
    }

    /// What Python's `bytes.strip()` strips.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
}
