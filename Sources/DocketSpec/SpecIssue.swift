import Foundation

/// One problem in a pipeline file, with where it is and, when we can guess it, the fix.
public struct SpecIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    public var description: String {
        "\(file):\(line):\(column): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}

/// Every problem found in a pipeline file; loading reports them all at once.
public struct PipelineSpecError: Error, Sendable, CustomStringConvertible {
    public var issues: [SpecIssue]
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// "did you mean `clearance`?": the closest candidate within a small edit distance.
enum Suggestion {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    static func hint(for word: String, among candidates: [String]) -> String {
        if let match = closest(to: word, among: candidates) { return "did you mean `\(match)`?" }
        return "expected one of: " + candidates.joined(separator: ", ")
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
