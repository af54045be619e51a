import DocketDecide
import DocketModel
import DocketSpec
import Foundation

/// Takes personal data out of text that leaves the run state: the audit trail's reasoning and
/// outcomes, a person's challenge, the findings shown in reports. Uses the same detectors as
/// classification; organisation names, special-category terms and markings are not personal
/// data about someone and stay readable.
public struct Masker: Sendable {
    public let classifier: Classifier

    public init(taxonomy: TaxonomySpec) {
        classifier = Classifier(taxonomy: taxonomy)
    }

    static let readable: Set<String> = Set(
        [FindingType.organisation, .confidential, .strictlyConfidential, .criminal].map(\.rawValue)
    )
    .union(FindingType.specialCategories.map(\.rawValue))

    /// Whether a finding of this type is personal data to mask.
    public static func masks(_ type: String) -> Bool { !readable.contains(type) }

    /// `text` with each personal-data finding replaced by its type in brackets: "[iban]".
    public func mask(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var position = 0
        for finding in classifier.findings(in: text) where Self.masks(finding.type) && finding.start >= position {
            output += bytes[position..<finding.start]
            output += Array("[\(finding.type)]".utf8)
            position = finding.end
        }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }

    /// A JSON text with every string in it masked; text that is not JSON is masked as text.
    public func maskJSON(_ json: String) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
            return mask(json)
        }
        func walk(_ value: Any) -> Any {
            switch value {
            case let string as String: return mask(string)
            case let array as [Any]: return array.map(walk)
            case let object as [String: Any]: return object.mapValues(walk)
            default: return value
            }
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: walk(value), options: [.sortedKeys, .fragmentsAllowed])
        else { return mask(json) }
        return String(decoding: data, as: UTF8.self)
    }

    /// A found value shown masked in a report: its first character and last two, "D•••00".
    public static func maskedValue(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 6 else { return "•••" }
        return String(trimmed.prefix(1)) + "•••" + String(trimmed.suffix(2))
    }
}
