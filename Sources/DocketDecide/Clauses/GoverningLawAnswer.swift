import Foundation

/// CUAD's answer for Governing Law: the state, province or country whose law governs, read from the
/// passage the detector cites ("… governed by the laws of the State of New York" → "New York",
/// "… the laws of England and Wales" → "England and Wales", "… governed by Delaware law" → "Delaware").
public enum GoverningLawAnswer {
    static let skippedBefore = [
        "the ", "state of ", "commonwealth of ", "province of ", "federal republic of ", "republic of ",
        "kingdom of ", "principality of ", "grand duchy of ",
    ]

    public static func answer(in passage: String) -> String? {
        for marker in ["laws of ", "law of "] {
            var searchFrom = passage.startIndex
            while let found = passage.range(of: marker, options: .caseInsensitive, range: searchFrom..<passage.endIndex)
            {
                searchFrom = found.upperBound
                if let name = jurisdiction(passage, from: found.upperBound) { return name }
            }
        }
        // "governed by Delaware law", "German law applies".
        let words = passage.split(whereSeparator: { !$0.isLetter && $0 != "-" })
        for (index, word) in words.enumerated().dropFirst() where word.lowercased() == "law" {
            let previous = words[index - 1]
            if previous.first?.isUppercase == true, !["The", "This", "Applicable", "Governing"].contains(previous) {
                return String(previous)
            }
        }
        return nil
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
            if trimmed.first?.isUppercase == true {
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
    /// Wales", "Ontario, Canada") found in ours, without case.
    public static func matches(_ answer: String, cuad: String) -> Bool {
        let first = cuad.split(whereSeparator: { $0 == ";" || $0 == "," }).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let first, !first.isEmpty else { return false }
        return answer.lowercased().contains(first)
    }
}
