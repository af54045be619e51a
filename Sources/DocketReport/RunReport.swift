import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import Foundation

/// Everything a run's output files show, gathered from the store: documents with their
/// classification, masked findings and current task results. Built fresh each time, so reports
/// regenerated after a review show the reviewed result.
public struct RunReport: Sendable {
    public var run: RunRecord
    public var documents: [DocumentReport]
    public var generatedAt: Date
}

public struct DocumentReport: Sendable {
    public var name: String
    public var path: String
    public var sha256: String?
    /// Why the document could not be read; nothing else is known of it then.
    public var error: IngestError?
    public var profile: DocumentProfile?
    public var level: String?
    /// The audit record of the document's level.
    public var levelDecision: String?
    public var pages = 0
    public var ocrPages = 0
    public var findings: [FoundItem] = []
    /// The clause categories found (nil: not looked for).
    public var clauses: ContractClauses?
    public var results: [TaskResult] = []
    /// Units with no result: held for a person, failed, or not run yet.
    public var open: [OpenUnit] = []

    /// "<first 12 of sha>-<name>": unique even when two files share a name, and at most
    /// `ReportWriter.maximumStemBytes` long whatever the name (`.html` and temporary names are added).
    public var reportStem: String { Self.stem(name: name, sha256: sha256) }

    static func stem(name: String, sha256: String?) -> String {
        let safe = name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "-" }
        var stem = "\((sha256 ?? "failed").prefix(12))-"
        for character in safe {
            guard stem.utf8.count + character.utf8.count <= ReportWriter.maximumStemBytes else { break }
            stem.append(character)
        }
        return stem
    }

    public func findingCounts() -> [(type: String, count: Int)] {
        Dictionary(grouping: findings, by: \.type).map { ($0.key, $0.value.count) }.sorted { $0.type < $1.type }
    }
}

/// A finding as reports show it: where it is and what kind, with its value masked.
public struct FoundItem: Sendable, Equatable {
    public var type: String
    public var page: Int
    /// Personal data masked ("D•••00"); special-category terms, markings and organisations as found.
    public var shown: String
    public var confidence: Double
    public var validated: Bool
    /// Where it is: byte offsets of the document's text (pages joined by form feeds).
    public var span: Range<Int> = 0..<0
}

/// A unit's current result, with where it comes from in the document.
public struct TaskResult: Sendable {
    public var task: String
    public var unitKey: String
    public var chunkID: String?
    /// The clause heading path, or "whole document".
    public var heading: String
    public var firstPage: Int
    public var lastPage: Int
    public var level: String
    /// The result in force: the reviewer's when a review overturned the model's.
    public var resultJSON: String
    /// The model's own answer, when a reviewer replaced it.
    public var modelResultJSON: String?
    public var endpoint: String
    public var model: String
    public var weightsDigest: String?
    public var decisionID: String
    /// The latest review of this result, if a person reviewed it.
    public var review: Challenge?
    public var promptTokens: Int
    public var completionTokens: Int
    public var latencyMilliseconds: Int
    /// The answer's fields that quote what is not in the document's text (`QuoteGrounding`).
    public var ungrounded: [String] = []
    /// The chunk's byte offsets in the document's text; nil for a whole-document unit.
    public var span: Range<Int>?

    public var pagesText: String { firstPage == lastPage ? "p. \(firstPage)" : "pp. \(firstPage)–\(lastPage)" }
}

public struct OpenUnit: Sendable {
    public var task: String
    public var unitKey: String
    public var heading: String
    public var status: UnitStatus
    public var reason: String?
}
