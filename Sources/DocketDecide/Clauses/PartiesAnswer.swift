import DocketModel
import DocketSpec
import Foundation

/// CUAD's answer for Parties: the firms and people the cited passage names, each with the role its
/// party definition gives ("Slinger Bag Inc. (the "Company"); Aitan Zacharin (the "Consultant")"),
/// found by Docket's own name detectors.
public enum PartiesAnswer {
    static let classifier = Classifier(taxonomy: TaxonomySpec(levels: ["public"], defaultLevel: "public", rules: []))

    /// `maskingPeople`: a person's name is written "[person]", as reports mask it; firms stay readable.
    public static func answer(in passage: String, maskingPeople: Bool = false) -> String? {
        let bytes = Array(passage.utf8)
        var names: [String] = []
        for finding in classifier.findings(in: passage)
        where (finding.type == FindingType.organisation.rawValue || finding.type == FindingType.person.rawValue)
            && finding.confidence >= 0.5
        {
            let found = String(decoding: bytes[finding.start..<finding.end], as: UTF8.self)
            let name = maskingPeople && finding.type == FindingType.person.rawValue ? "[person]" : found
            let entry = role(after: finding.end, in: bytes).map { "\(name) (\($0))" } ?? name
            if !names.contains(entry) { names.append(entry) }
        }
        return names.isEmpty ? nil : names.joined(separator: "; ")
    }

    /// The quoted role of a party definition right after a name: (the "Company"), ("PSS").
    static func role(after end: Int, in bytes: [UInt8]) -> String? {
        var position = end
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x2C || bytes[position] == 0x2E {
            position += 1
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "(") else { return nil }
        let window = bytes[position..<min(bytes.count, position + 60)]
        let text = String(decoding: window, as: UTF8.self)
        let quotes: Set<Character> = ["\"", "“", "”", "„", "«", "»"]
        guard let open = text.firstIndex(where: { quotes.contains($0) }) else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(where: { quotes.contains($0) }), close > rest.startIndex else { return nil }
        return String(rest[..<close])
    }

    /// Whether the answer names at least half of the parties CUAD lists ("Gulf South Medical Supply,
    /// Inc. ("GSMS"); Physician Sales & Service, Inc. ("PSS")"), a name counting where one holds the other.
    public static func matches(_ answer: String, cuad: String) -> Bool {
        func name(_ entry: Substring) -> String {
            let cut = entry.firstIndex(of: "(").map { entry[..<$0] } ?? entry
            return cut.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).lowercased()
        }
        let theirs = cuad.split(separator: ";").map(name).filter { !$0.isEmpty }
        let ours = answer.split(separator: ";").map(name).filter { !$0.isEmpty }
        guard !theirs.isEmpty else { return false }
        let found = theirs.filter { party in ours.contains { party.contains($0) || $0.contains(party) } }
        return found.count * 2 >= theirs.count
    }
}
