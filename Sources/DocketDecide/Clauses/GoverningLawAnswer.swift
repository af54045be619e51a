import Foundation

/// CUAD's answer for Governing Law: the state, province or country whose law governs, read from the
/// passage the detector cites ("… governed by the laws of the State of New York" → "New York",
/// "… the laws of England and Wales" → "England and Wales", "… governed by Delaware law" → "Delaware",
/// "English law" → "England"). Where a passage names a federal law and a state's ("the laws of the United
/// States and of the Commonwealth of Kentucky"), the state's is the answer, as CUAD gives it; "the laws of that
/// State" and "the laws thereof" are the state the passage named before.
public enum GoverningLawAnswer {
    static let skippedBefore = [
        "the ", "state of ", "commonwealth of ", "province of ", "federal republic of ", "republic of ",
        "kingdom of ", "principality of ", "grand duchy of ",
    ]
    /// Laws a contract names beside a state's: the state's is the answer.
    static let federal: Set<String> = ["united states", "united states of america", "usa", "u.s", "us"]
    /// Words that stand before "law" without naming a jurisdiction ("GOVERNING LAW", "applicable law").
    static let notJurisdictions: Set<String> = [
        "the", "this", "applicable", "governing", "controlling", "choice", "any", "such", "federal", "common", "case",
        "and", "of", "by", "local", "national", "foreign", "statutory", "substantive", "procedural", "other",
    ]
    /// An adjective for a country's law, and the name CUAD answers with.
    static let adjectives: [String: String] = [
        "english": "England", "german": "Germany", "french": "France", "italian": "Italy", "swiss": "Switzerland",
        "dutch": "Netherlands", "irish": "Ireland", "scottish": "Scotland", "spanish": "Spain", "swedish": "Sweden",
        "danish": "Denmark", "austrian": "Austria", "belgian": "Belgium", "canadian": "Canada", "israeli": "Israel",
        "japanese": "Japan", "chinese": "People's Republic of China", "prc": "People's Republic of China",
        "singapore": "Singapore", "korean": "Korea", "indian": "India", "australian": "Australia",
    ]
    /// Words that refer back to a state named earlier in the passage.
    static let referringBack = ["laws of that state", "laws of such state", "laws of said state", "laws thereof"]

    public static func answer(in passage: String) -> String? {
        let lowered = passage.lowercased()
        if referringBack.contains(where: lowered.contains), let named = namedJurisdictions(passage).last {
            return named
        }
        var found: [String] = []
        for marker in ["laws of ", "law of ", "laws in "] {
            var searchFrom = passage.startIndex
            while let range = passage.range(of: marker, options: .caseInsensitive, range: searchFrom..<passage.endIndex)
            {
                searchFrom = range.upperBound
                if let name = jurisdiction(passage, from: range.upperBound) { found.append(name) }
            }
            if !found.isEmpty { break }
        }
        // "the laws of the United States and the State of Florida": the state's.
        if let first = found.first {
            if federal.contains(first.lowercased()),
                let state = namedJurisdictions(passage).first(where: { !federal.contains($0.lowercased()) })
            {
                return state
            }
            return adjectives[first.lowercased()] ?? first
        }
        // "governed by Delaware law", "English law applies", "the PRC Law".
        let words = passage.split(whereSeparator: { !$0.isLetter && $0 != "-" })
        for (index, word) in words.enumerated().dropFirst() where ["law", "laws"].contains(word.lowercased()) {
            let previous = words[index - 1]
            if previous.first?.isUppercase == true, !notJurisdictions.contains(previous.lowercased()) {
                return adjectives[previous.lowercased()] ?? String(previous)
            }
        }
        // "the internal laws, and not the laws regarding conflicts, of the State of North Carolina".
        return lowered.contains("law") ? namedJurisdictions(passage).first : nil
    }

    /// The jurisdictions written "State of X", "Commonwealth of X", "Province of X", in the passage's order.
    static func namedJurisdictions(_ passage: String) -> [String] {
        var names: [(at: Int, name: String)] = []
        for marker in ["state of ", "commonwealth of ", "province of "] {
            var searchFrom = passage.startIndex
            while let range = passage.range(of: marker, options: .caseInsensitive, range: searchFrom..<passage.endIndex)
            {
                searchFrom = range.upperBound
                if let name = jurisdiction(passage, from: range.upperBound) {
                    names.append((passage.distance(from: passage.startIndex, to: range.lowerBound), name))
                }
            }
        }
        return names.sorted { $0.at < $1.at }.map(\.name)
    }

    /// Capitalised words from `start` (after "the", "State of" …), "and" or "of" between them: at most five.
    static func jurisdiction(_ passage: String, from start: String.Index) -> String? {
        var position = start
        var skipped = true
        while skipped {
            skipped = false
            for prefix in skippedBefore
            where passage[position...].prefix(prefix.count).lowercased() == prefix {
                position = passage.index(position, offsetBy: prefix.count)
                skipped = true
            }
        }
        var names: [Substring] = []
        for word in passage[position...].split(separator: " ", omittingEmptySubsequences: true).prefix(6) {
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:()\"'"))
            if trimmed.first?.isUppercase == true, !(names.isEmpty && notJurisdictions.contains(trimmed.lowercased())) {
                names.append(Substring(trimmed))
            } else if ["and", "of"].contains(trimmed), !names.isEmpty {
                names.append(Substring(trimmed))
            } else {
                break
            }
            if trimmed.count < word.count { break }  // a comma or full stop ends the name
        }
        while let last = names.last, ["and", "of"].contains(last) { names.removeLast() }
        return names.isEmpty ? nil : names.joined(separator: " ")
    }

    /// Whether an answer read from the text is CUAD's: the first jurisdiction CUAD names ("England;
    /// Wales", "Ontario, Canada", "Province of Ontario", "Federal Republic of Germany") found in ours, without
    /// case and without the "State of", "Republic of" before a name.
    public static func matches(_ answer: String, cuad: String) -> Bool {
        let first = cuad.split(whereSeparator: { $0 == ";" || $0 == "," }).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard var first, !first.isEmpty else { return false }
        var stripped = true
        while stripped {
            stripped = false
            for prefix in skippedBefore where first.hasPrefix(prefix) && first.count > prefix.count {
                first = String(first.dropFirst(prefix.count))
                stripped = true
            }
        }
        return answer.lowercased().contains(first)
    }
}
