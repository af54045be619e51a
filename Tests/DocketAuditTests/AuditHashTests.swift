import Foundation
import Testing

@testable import DocketAudit
@testable import DocketModel

/// A record's hash is the one every trail already kept was chained with: the fields joined by 0x1F, a 0x1F
/// within a field made a space. Compared with that formula as it was first written, on fields that hold the
/// separator, other control characters and text in other scripts.
@Suite struct AuditHashTests {
    static func firstFormula(_ record: AuditRecord) -> String {
        let fields: [String] = [
            "\(record.sequence)", record.id, record.at, record.run ?? "", record.kind.rawValue,
            record.documentSHA256 ?? "", record.chunkID ?? "", record.unitKey ?? "", record.inputHash ?? "",
            record.ruleSetVersion ?? "", record.promptSchemaHash ?? "", record.endpoint ?? "", record.model ?? "",
            record.weightsDigest ?? "", record.confidence.map { String($0) } ?? "", record.reasoning ?? "",
            record.outcome, record.actor ?? "", record.refersTo ?? "", record.previousHash,
        ].map { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
        return ContentHash.sha256(of: Array(fields.joined(separator: "\u{1F}").utf8))
    }

    @Test func theHashIsTheOneTheTrailWasChainedWith() {
        var record = AuditRecord(
            id: "d-1", kind: .inference, run: "r\u{1F}1", outcome: #"{"answer":"§ 4\u{1F}Haftung – 責任 😀"}"#)
        #expect(record.computedHash() == Self.firstFormula(record))
        record.sequence = 42
        record.reasoning = "a\u{1F}\u{1F}b\u{0}\tc\u{1F}"
        record.confidence = 0.875
        record.actor = "account:1 Zoë"
        record.previousHash = String(repeating: "ab", count: 32)
        #expect(record.computedHash() == Self.firstFormula(record))
    }
}
