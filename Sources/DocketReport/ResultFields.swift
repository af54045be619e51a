import DocketAudit
import Foundation

/// A task's JSON result as "field: value" lines for people to read, in the schema's order where
/// the JSON keeps it (sorted otherwise); arrays joined with commas.
enum ResultFields {
    static func lines(_ json: String) -> [(field: String, value: String)] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            return [("result", json)]
        }
        return object.keys.sorted().map { key in (key.replacingOccurrences(of: "_", with: " "), text(object[key]!)) }
    }

    static func text(_ value: Any) -> String {
        switch value {
        case let string as String: return string
        case let array as [Any]: return array.isEmpty ? "none" : array.map(text).joined(separator: ", ")
        case let object as [String: Any]:
            return object.keys.sorted().map { "\($0): \(text(object[$0]!))" }.joined(separator: "; ")
        case is NSNull: return "–"
        case let number as NSNumber: return number.stringValue
        default: return "\(value)"
        }
    }

    /// "the sentence quoted is not in the document's text": which quoted fields failed the check.
    static func ungroundedLine(_ fields: [String]) -> String {
        let names = fields.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
        return "the \(names) quoted \(fields.count == 1 ? "is" : "are") not in the document's text "
            + "(compared word for word, whitespace and quotation marks normalised)"
    }

    /// "Overturned by A. Reviewer on 2026-11-25: note" or "Upheld by …".
    static func reviewLine(_ review: Challenge) -> String {
        let day = review.reviewedAt.map { AuditRecord.timestamp($0).prefix(10) } ?? ""
        let verb = review.status == .overturned ? "Overturned" : "Upheld"
        return
            "\(verb) by \(review.reviewer.map(HumanActor.shown) ?? "a reviewer") on \(day) "
            + "after a challenge (\(review.id))"
            + (review.note.map { ": \($0)" } ?? "")
    }
}
