import Foundation

/// Whether a model's answer quotes the contract truly. A task's schema marks the fields that quote the
/// text it was given with `"x-quote": true` (a string, or an array of strings); each quote must stand in
/// that text word for word, compared with whitespace, quotation marks and dashes normalised ("…" or
/// "..." may join pieces that stand apart). An answer that quotes what is not there is ungrounded,
/// whichever model gave it.
public enum QuoteGrounding {
    /// The top-level properties of `schema` marked as quotes.
    public static func quotedFields(schema: [String: Any]) -> [String] {
        let properties = schema["properties"] as? [String: Any] ?? [:]
        return properties.keys.sorted().filter { name in
            guard let property = properties[name] as? [String: Any] else { return false }
            return property["x-quote"] as? Bool == true
                || (property["items"] as? [String: Any])?["x-quote"] as? Bool == true
        }
    }

    /// The quoted fields of the answer whose quotes are not in the document's text, given `normalised`
    /// once per document (a document has many answers).
    public static func ungrounded(resultJSON: String, fields: [String], normalisedSource text: String) -> [String] {
        guard !fields.isEmpty,
            let answer = try? JSONSerialization.jsonObject(with: Data(resultJSON.utf8)) as? [String: Any]
        else { return [] }
        return fields.filter { field in
            let quotes = (answer[field] as? String).map { [$0] } ?? (answer[field] as? [String]) ?? []
            return quotes.contains { !stands(in: text, $0) }
        }
    }

    /// Every piece of the quote (split at an ellipsis) is in the text; an empty quote quotes nothing.
    static func stands(in text: String, _ quote: String) -> Bool {
        let pieces = quote.replacingOccurrences(of: "…", with: "...").components(separatedBy: "...")
            .map(normalised).filter { !$0.isEmpty }
        return pieces.allSatisfy { text.contains($0) }
    }

    /// One space for each run of whitespace; straight quotation marks and hyphens for their typographic
    /// forms (a PDF's “ ” ’ – —, a model's " ' -).
    public static func normalised(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var space = false
        for character in text {
            if character.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space { out.append(" ") }
            space = false
            switch character {
            case "“", "”", "„", "«", "»": out.append("\"")
            case "‘", "’", "‚": out.append("'")
            case "–", "—", "‑": out.append("-")
            default: out.append(character)
            }
        }
        return out
    }
}
