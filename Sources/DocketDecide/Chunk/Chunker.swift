import DocketModel
import DocketSpec
import Foundation

/// Splits a document into chunks: on its legal structure (`clauses`), by page, or whole; then
/// keeps each chunk within a token budget, cutting long clauses at sentence ends with overlap.
/// Pure: the same pages and settings always give the same chunks, with the same ids.
public struct Chunker: Sendable {
    /// Part of every chunk id: a new chunker version gives new ids, and so new work.
    public static let version = "chunker-1"

    public var spec: ChunkingSpec
    public var estimator: TokenEstimator

    public init(spec: ChunkingSpec, estimator: TokenEstimator = TokenEstimator()) {
        self.spec = spec
        self.estimator = estimator
    }

    public func chunks(documentSHA256: String, pages: [ExtractedPage]) -> [Chunk] {
        let text = DocumentText(pages: pages)
        var pieces: [Piece] = []
        switch spec.strategy {
        case .wholeDocument:
            pieces = [Piece(range: 0..<text.bytes.count, path: [])]
        case .pages:
            for (index, start) in text.pageStarts.enumerated() {
                let end = index + 1 < text.pageStarts.count ? text.pageStarts[index + 1] - 1 : text.bytes.count
                pieces += split(Piece(range: start..<end, path: ["page \(text.pageNumbers[index])"]), in: text.bytes)
            }
        case .clauses:
            pieces = clausePieces(text)
        }
        return pieces.compactMap { trim($0, text.bytes) }.enumerated().map { index, piece in
            let body = text.string(piece.range)
            let characters = text.bytes[piece.range].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            return Chunk(
                id: Self.id(document: documentSHA256, range: piece.range), index: index,
                firstPage: text.page(at: piece.range.lowerBound),
                lastPage: text.page(at: max(piece.range.lowerBound, piece.range.upperBound - 1)),
                start: piece.range.lowerBound, end: piece.range.upperBound, headingPath: piece.path,
                tokenEstimate: estimator.tokens(characters: characters, language: nil), characters: characters,
                text: body)
        }
    }

    static func id(document: String, range: Range<Int>) -> String {
        String(
            ContentHash.sha256(of: Array("\(document):\(range.lowerBound):\(range.upperBound):\(version)".utf8)).prefix(
                32))
    }

    struct Piece {
        var range: Range<Int>
        var path: [String]
    }

    private var maxBytes: Int { max(64, estimator.characters(forTokens: spec.maxTokens, language: nil)) }
    private var overlapBytes: Int { estimator.characters(forTokens: spec.overlapTokens, language: nil) }

    /// One piece per top-level part (a clause with its sub-clauses); sub-clauses are grouped
    /// while they fit the budget, and a part too long on its own is split at sentence ends.
    func clausePieces(_ text: DocumentText) -> [Piece] {
        let boundaries = LegalStructure.boundaries(in: text)
        var segments: [(range: Range<Int>, level: Int, path: [String])] = []
        var path: [(level: Int, label: String)] = []
        var start = 0, currentPath: [String] = []
        var currentLevel = 1
        for boundary in boundaries where boundary.offset > start || (boundary.offset == 0 && segments.isEmpty) {
            // "WHEREAS …" after "RECITALS", a second signature line: the same part goes on.
            if boundary.level == 1, path.count == 1, path[0].label == boundary.label { continue }
            if boundary.offset > start { segments.append((start..<boundary.offset, currentLevel, currentPath)) }
            path.removeAll { $0.level >= boundary.level }
            path.append((boundary.level, boundary.label))
            start = boundary.offset
            currentLevel = boundary.level
            currentPath = path.map(\.label)
        }
        segments.append((start..<text.bytes.count, currentLevel, currentPath))

        var pieces: [Piece] = []
        var open: Piece?
        for segment in segments {
            if var current = open, segment.level > 1, segment.range.upperBound - current.range.lowerBound <= maxBytes {
                current.range = current.range.lowerBound..<segment.range.upperBound
                open = current
                continue
            }
            if let current = open { pieces += split(current, in: text.bytes) }
            open = Piece(range: segment.range, path: segment.path)
        }
        if let current = open { pieces += split(current, in: text.bytes) }
        return pieces
    }

    /// Cuts a piece longer than the budget into overlapping parts, each ending at a sentence end
    /// when one lies in the last third of the budget, else at a space.
    func split(_ piece: Piece, in bytes: [UInt8]) -> [Piece] {
        guard piece.range.count > maxBytes else { return [piece] }
        var parts: [Piece] = []
        var start = piece.range.lowerBound
        while piece.range.upperBound - start > maxBytes {
            let limit = start + maxBytes
            let cut =
                sentenceEnd(in: bytes, from: start + maxBytes * 2 / 3, to: limit)
                ?? lastSpace(in: bytes, from: start + maxBytes / 2, to: limit)
                ?? characterBoundary(in: bytes, at: limit)
            parts.append(Piece(range: start..<cut, path: piece.path))
            let overlapStart = max(start + 1, cut - overlapBytes)
            start =
                overlapBytes > 0
                ? (sentenceStart(in: bytes, from: overlapStart, to: cut)
                    ?? characterBoundary(in: bytes, at: overlapStart)) : cut
        }
        parts.append(Piece(range: start..<piece.range.upperBound, path: piece.path))
        return parts
    }

    /// The offset just after the last ". ", "? ", "! " or ";\n" between `from` and `to`.
    func sentenceEnd(in bytes: [UInt8], from: Int, to: Int) -> Int? {
        var index = min(to, bytes.count) - 1
        while index > from {
            let byte = bytes[index - 1]
            if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!")
                || byte == UInt8(ascii: ";"))
                && (bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0C)
            {
                return index
            }
            index -= 1
        }
        return nil
    }

    /// The start of the first sentence that begins between `from` and `to`, so that an overlap
    /// repeats whole sentences.
    func sentenceStart(in bytes: [UInt8], from: Int, to: Int) -> Int? {
        var index = max(from, 1)
        while index < to {
            let byte = bytes[index - 1]
            if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!")
                || byte == UInt8(ascii: ";"))
                && (bytes[index] == 0x20 || bytes[index] == 0x0A)
            {
                while index < to, bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
                return index < to ? index : nil
            }
            index += 1
        }
        return nil
    }

    func lastSpace(in bytes: [UInt8], from: Int, to: Int) -> Int? {
        var index = min(to, bytes.count) - 1
        while index > from {
            if bytes[index] == 0x20 || bytes[index] == 0x0A { return index + 1 }
            index -= 1
        }
        return nil
    }

    /// `offset`, moved back to the start of a UTF-8 character.
    func characterBoundary(in bytes: [UInt8], at offset: Int) -> Int {
        var index = min(offset, bytes.count)
        while index > 0, index < bytes.count, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }

    /// Drops whitespace at both ends; an empty piece disappears.
    func trim(_ piece: Piece, _ bytes: [UInt8]) -> Piece? {
        var start = piece.range.lowerBound, end = piece.range.upperBound
        while start < end, [0x20, 0x0A, 0x0C, 0x0D, 0x09].contains(bytes[start]) { start += 1 }
        while end > start, [0x20, 0x0A, 0x0C, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
        return start < end ? Piece(range: start..<end, path: piece.path) : nil
    }
}
