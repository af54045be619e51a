import Yams

/// Reads typed values out of a YAML node tree, recording every problem with its line and column
/// instead of stopping at the first. Accessors return nil (or a default) after recording.
final class SpecReader {
    let file: String
    private(set) var issues: [SpecIssue] = []

    init(file: String) { self.file = file }

    func issue(_ node: Node?, _ message: String, hint: String? = nil) {
        issues.append(
            SpecIssue(
                file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1,
                message: message, hint: hint))
    }

    /// The entries of a mapping, in file order. Unknown keys are reported with a suggestion;
    /// missing required keys are reported at the mapping.
    func mapping(_ node: Node?, what: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            issue(
                node, "\(what) must be a mapping of keys to values",
                hint: "expected keys: " + allowed.joined(separator: ", "))
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { issue(key, "a key in \(what) must be a string"); continue }
            guard allowed.contains(name) else {
                issue(key, "unknown key `\(name)` in \(what)", hint: Suggestion.hint(for: name, among: allowed))
                continue
            }
            if values[name] != nil { issue(key, "`\(name)` appears twice in \(what)") }
            values[name] = value
        }
        for name in required where values[name] == nil {
            issue(node, "\(what) needs `\(name)`")
        }
        return values
    }

    func string(_ node: Node?, what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, node.tag != Tag(.null) else {
            issue(node, "\(what) must be a string")
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node?, what: String, range: ClosedRange<Int> = 0...Int.max) -> Int? {
        guard let node else { return nil }
        guard let value = node.int else { issue(node, "\(what) must be a whole number"); return nil }
        guard range.contains(value) else {
            issue(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    func double(_ node: Node?, what: String, range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) -> Double?
    {
        guard let node else { return nil }
        guard let value = node.float ?? node.int.map(Double.init) else {
            issue(node, "\(what) must be a number"); return nil
        }
        guard range.contains(value) else {
            issue(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    func bool(_ node: Node?, what: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else { issue(node, "\(what) must be true or false"); return nil }
        return value
    }

    func sequence(_ node: Node?, what: String) -> [Node]? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node else { issue(node, "\(what) must be a list"); return nil }
        return Array(sequence)
    }

    func strings(_ node: Node?, what: String) -> [String]? {
        // A single string stands for a list of one.
        if let node, case .scalar = node { return string(node, what: what).map { [$0] } }
        return sequence(node, what: what)?.compactMap { string($0, what: "each of \(what)") }
    }

    /// A string that must be one of `choices`.
    func choice<T: RawRepresentable>(_ node: Node?, what: String, as type: T.Type) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let raw = string(node, what: what) else { return nil }
        if let value = T(rawValue: raw) { return value }
        issue(
            node, "`\(raw)` is not a valid \(what)", hint: Suggestion.hint(for: raw, among: T.allCases.map(\.rawValue)))
        return nil
    }
}
