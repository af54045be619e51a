import DocketSpec

/// What a unit's rendered prompt would carry of a document, part by part (one part per template
/// variable), and the level that covers all of it: the level the gate decides on. Chunk text,
/// heading path, document name and document text each count, because each leaves the machine.
public struct PromptExposure: Sendable, Codable, Equatable {
    public struct Part: Sendable, Codable, Equatable {
        /// The template variable: `chunk.text`, `chunk.heading`, `document.name`, `document.text`.
        public var variable: String
        public var level: String
        /// Finding types in the part, sorted; never values.
        public var findings: [String]
        /// False when the part is not sent as it is (the document name replaced by its alias).
        public var sent: Bool

        public init(variable: String, level: String, findings: [String], sent: Bool) {
            self.variable = variable
            self.level = level
            self.findings = findings
            self.sent = sent
        }
    }

    public var parts: [Part]
    /// The level of everything sent: the highest level among the parts sent.
    public var level: String
    /// The prompt carries `DocumentAlias.name(sha256:)` instead of the file name, because the name
    /// is more sensitive than everything else the prompt carries.
    public var documentNameAliased: Bool

    /// Combines the parts' levels. A document name more sensitive than every other part is not
    /// sent: the alias carries nothing of it, so it cannot raise the level.
    public static func combine(_ parts: [Part], taxonomy: TaxonomySpec) -> PromptExposure {
        func rank(_ part: Part) -> Int { taxonomy.rank(of: part.level) ?? 0 }
        var parts = parts
        let others = parts.filter { $0.variable != DocumentAlias.variable }.map(rank).max() ?? 0
        var aliased = false
        if let index = parts.firstIndex(where: { $0.variable == DocumentAlias.variable }),
            rank(parts[index]) > others
        {
            parts[index].sent = false
            aliased = true
        }
        let top = parts.filter(\.sent).max { rank($0) < rank($1) }
        return PromptExposure(parts: parts, level: top?.level ?? taxonomy.defaultLevel, documentNameAliased: aliased)
    }
}

/// The neutral name a prompt carries in place of a document's file name.
public enum DocumentAlias {
    public static let variable = "document.name"

    public static func name(sha256: String) -> String { "document " + String(sha256.prefix(12)) }
}
