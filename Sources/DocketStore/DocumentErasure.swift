import DocketAudit
import Foundation

/// Erasing a document (GDPR Art. 17) from a store: what goes, in which order, written once for
/// both stores. Every statement takes the document's sha256 as `$1`. What proves each automated
/// decision stays in the chain (ids, hashes, levels, rules, models); the text models and people
/// wrote about the document, its pages and their cached layouts, chunks, file names, units, results,
/// plans and clause grid cells go.
public enum DocumentErasure {
    public struct Counts: Sendable, Codable, Equatable {
        public var pages = 0
        public var units = 0
        public var results = 0
        public var auditTexts = 0
        public var runs: [String] = []

        public var isEmpty: Bool { pages == 0 && units == 0 && results == 0 && auditTexts == 0 && runs.isEmpty }
    }

    static let units = "SELECT key FROM units WHERE document_sha256 = $1"

    static let counting = [
        ("pages", "SELECT COUNT(*) AS n FROM pages WHERE sha256 = $1"),
        ("units", "SELECT COUNT(*) AS n FROM units WHERE document_sha256 = $1"),
        ("results", "SELECT COUNT(*) AS n FROM results WHERE unit_key IN (\(units))"),
        ("audit_texts", "SELECT COUNT(*) AS n FROM audit_texts WHERE document_sha256 = $1 OR unit_key IN (\(units))"),
    ]

    static let runs = """
        SELECT run_id FROM run_documents WHERE sha256 = $1
        UNION SELECT run_id FROM run_units WHERE unit_key IN (\(units))
        """

    /// In order: what refers to units and chunks before them.
    static let statements = [
        "DELETE FROM audit_texts WHERE document_sha256 = $1 OR unit_key IN (\(units))",
        """
        UPDATE challenges SET reason = '[erased]', note = CASE WHEN note IS NULL THEN NULL ELSE '[erased]' END,\
         result_json = NULL
        WHERE unit_key IN (\(units)) OR decision_id IN (SELECT id FROM audit_records WHERE document_sha256 = $1)
        """,
        """
        UPDATE rerun_requests SET note = NULL, problem = NULL WHERE challenge_id IN (SELECT id FROM challenges
        WHERE unit_key IN (\(units)) OR decision_id IN (SELECT id FROM audit_records WHERE document_sha256 = $1))
        """,
        "DELETE FROM results WHERE unit_key IN (\(units))",
        "DELETE FROM attempts WHERE unit_key IN (\(units))",
        "DELETE FROM run_units WHERE unit_key IN (\(units))",
        "DELETE FROM chunks WHERE id IN (SELECT chunk_id FROM units WHERE document_sha256 = $1 AND chunk_id IS NOT "
            + "NULL)",
        "DELETE FROM units WHERE document_sha256 = $1",
        "DELETE FROM page_layouts WHERE sha256 = $1",
        "DELETE FROM pages WHERE sha256 = $1",
        "DELETE FROM documents WHERE sha256 = $1",
        "DELETE FROM clause_cells WHERE (run_id, path) IN (SELECT run_id, path FROM run_documents WHERE sha256 = $1)",
        "DELETE FROM run_documents WHERE sha256 = $1",
        "DELETE FROM submission_files WHERE sha256 = $1",
    ]

    /// The trail's record of the erasure: counts and ids only.
    public static func record(
        sha256: String, counts: Counts, by actor: HumanActor, reference: String?, at date: Date = Date()
    ) -> AuditRecord {
        var record = AuditRecord(
            id: AuditRecord.decisionID("erasure", sha256, AuditRecord.timestamp(date)), kind: .erasure,
            run: nil, outcome: "", at: date)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        record.outcome = String(decoding: (try? encoder.encode(counts)) ?? Data(), as: UTF8.self)
        record.documentSHA256 = sha256
        record.actor = actor.recorded
        record.reasoning =
            "erased on request (GDPR Art. 17)" + (reference.map { ", reference \($0)" } ?? "")
            + "; the records about the document keep ids, hashes, levels, rules and models"
        return record
    }
}
