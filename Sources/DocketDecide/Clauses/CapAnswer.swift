import Foundation

/// The amount of a liability cap where the cited passage states one: what the liability may not exceed
/// ("shall not exceed $1,000,000" → "$1,000,000"; "shall exceed the fees paid in the twelve (12) months
/// preceding the claim" → that measure, as written). CUAD answers this category yes or no, so the
/// reader is checked by tests, not measured on CUAD.
enum CapAnswer {
    static let cues = [
        "not exceed ", "shall exceed ", "will exceed ", "exceed ", "limited to ", "capped at ", "up to ",
    ]
    static let currencies = ["$", "€", "£", "usd", "eur", "gbp", "chf", "dollars", "euros", "pounds"]
    /// EDGAR's plain-text filings spell the symbols they cannot hold: "(pounds)500,000" is £500,000 (found on the
    /// 14 test contracts: the one cap with a figure among them was missed for it).
    static let spelledSymbols = [("(pounds)", "£"), ("(pound)", "£"), ("(euro)", "€"), ("(euros)", "€")]

    static func answer(in text: String) -> String? {
        var passage = text
        // Each replacement bridges the passage to NSString: only when a spelled symbol can be there at all.
        if text.utf8.contains(UInt8(ascii: "(")) {
            for (spelled, symbol) in spelledSymbols {
                passage = passage.replacingOccurrences(of: spelled, with: symbol, options: .caseInsensitive)
            }
        }
        let lowered = passage.lowercased()
        for cue in cues {
            guard let range = lowered.range(of: cue) else { continue }
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            // The measure: up to the end of its sentence or item (a full stop before a space, not in "250.000").
            let rest = Array(passage.dropFirst(offset).prefix(160))
            let end = rest.indices.first {
                rest[$0] == ";" || (rest[$0] == "." && (rest.index(after: $0) == rest.endIndex || rest[$0 + 1] == " "))
            }
            var measure = String(rest[..<(end ?? rest.endIndex)])
            if let comma = measure.firstIndex(of: ","), !measure[..<comma].contains(where: \.isNumber) {
                measure = String(measure[..<comma])
            }
            measure = measure.trimmingCharacters(in: .whitespaces)
            guard !measure.isEmpty else { continue }
            if let amount = amount(in: measure) { return amount }
            let words = measure.lowercased()
            if ["fee", "amount", "price", "charge", "paid", "payable", "compensation"].contains(where: words.contains) {
                return measure
            }
        }
        return nil
    }

    /// "$1,000,000", "EUR 500.000", "2 million dollars": a figure beside a currency, as written.
    static func amount(in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        for (index, word) in words.enumerated() where word.contains(where: \.isNumber) {
            let lowered = word.lowercased()
            let before = index > 0 ? words[index - 1].lowercased() : ""
            var after = index + 1 < words.count ? words[index + 1].lowercased() : ""
            var end = index
            if ["million", "billion"].contains(after) {
                end += 1
                after = end + 1 < words.count ? words[end + 1].lowercased() : ""
            }
            let hasCurrency =
                currencies.contains { lowered.hasPrefix($0) || lowered.hasSuffix($0) }
                || currencies.contains(before) || currencies.contains(after)
            guard hasCurrency else { continue }
            var first = index
            if currencies.contains(before) { first -= 1 }
            if currencies.contains(after) { end += 1 }
            return words[first...end].joined(separator: " ").trimmingCharacters(
                in: .punctuationCharacters.subtracting(["$"]))
        }
        return nil
    }
}
