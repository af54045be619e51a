import DocketModel

/// Confidentiality markings: "CONFIDENTIAL", "Strictly confidential", "Streng vertraulich",
/// "Confidentiel". A marking is a label, so it counts in capitals or on a short line of its own;
/// "Confidential Information" in running text is not one.
enum MarkingDetector {
    static let matcher = PhraseMatcher<FindingType>(
        Lexicons.markings.flatMap { type, phrases in phrases.map { ($0, type, 1.0) } })

    static func detect(_ words: [Word], bytes: [UInt8], into findings: inout [Finding]) {
        var claimedUpTo = -1
        // Longer phrases first, so "strictly confidential" is not also reported as "confidential".
        let matches = matcher.matches(in: words).sorted { ($0.first, -$0.last) < ($1.first, -$1.last) }
        for match in matches where match.first > claimedUpTo {
            let covered = words[match.first...match.last]
            let capitals = covered.allSatisfy(\.allCaps)
            guard capitals || onShortLine(bytes, start: covered.first!.start, end: covered.last!.end) else { continue }
            findings.append(
                Finding(
                    type: match.label.rawValue, start: covered.first!.start, end: covered.last!.end,
                    confidence: capitals ? 0.95 : 0.8))
            claimedUpTo = match.last
        }
    }

    /// The line holding the phrase has at most 40 other bytes on it.
    static func onShortLine(_ bytes: [UInt8], start: Int, end: Int) -> Bool {
        var lineStart = start, lineEnd = end
        while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0C { lineStart -= 1 }
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0C { lineEnd += 1 }
        return (lineEnd - lineStart) - (end - start) <= 40
    }
}
