import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import DocketStore
import Foundation

/// Writes what a run leaves in `Output/<pipeline>/<run-id>/`, each file atomically:
/// `results.jsonl` (one line per answered unit, keyed by `custom_id` as in the OpenAI Batch
/// format), `errors.jsonl` (failed documents, failed and held units), `summary.csv` (one row per
/// document), `reports/` (Markdown and HTML per document, `index.html`) and, at the end of a run,
/// `run.json`. Called again after a review, it rewrites everything but `run.json`.
public enum ReportWriter {
    /// Report file names stay well under the 255 bytes a name may have.
    static let maximumStemBytes = 120

    /// Returns how many answers are ungrounded (`run.json` counts them too). `status`: the status the
    /// run is about to be given, shown in place of the stored one (outputs are written before it is).
    @discardableResult
    public static func write(
        store: RunStore, run: String, folder: String, summary: RunSummary? = nil, status: RunStatus? = nil
    ) async throws -> Int {
        var report = try await RunReportBuilder.build(store: store, run: run)
        if let status { report.run.status = status }
        let ungrounded = ungroundedAnswers(report)
        try AtomicFile.write(resultLines(report), to: (folder as NSString).appendingPathComponent("results.jsonl"))
        try AtomicFile.write(errorLines(report), to: (folder as NSString).appendingPathComponent("errors.jsonl"))
        try AtomicFile.write(SummaryCSV.render(report), to: (folder as NSString).appendingPathComponent("summary.csv"))
        let reports = (folder as NSString).appendingPathComponent("reports")
        // One document's report that cannot be written must not cost the others theirs, the index
        // or run.json: the failures are collected and thrown at the end.
        var failures: [String] = []
        for document in report.documents {
            let stem = (reports as NSString).appendingPathComponent(document.reportStem)
            do {
                try AtomicFile.write(MarkdownReport.render(document, run: report.run), to: stem + ".md")
                try AtomicFile.write(HTMLReport.render(document, run: report.run), to: stem + ".html")
            } catch {
                failures.append("the report of document \((document.sha256 ?? "?").prefix(12)): \(error)")
            }
        }
        try AtomicFile.write(HTMLReport.index(report), to: (reports as NSString).appendingPathComponent("index.html"))
        if var summary {
            summary.ungroundedAnswers = ungrounded
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try AtomicFile.write(
                try encoder.encode(summary), to: (folder as NSString).appendingPathComponent("run.json"))
        }
        if !failures.isEmpty {
            throw StoreError(message: failures.joined(separator: "; ") + "; the other reports were written")
        }
        return ungrounded
    }

    /// Answers with a field that quotes what is not in the document.
    public static func ungroundedAnswers(_ report: RunReport) -> Int {
        report.documents.reduce(0) { $0 + $1.results.filter { !$0.ungrounded.isEmpty }.count }
    }

    static func jsonLine(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            + "\n"
    }

    static func resultLines(_ report: RunReport) throws -> String {
        var out = ""
        for document in report.documents {
            for result in document.results {
                var line: [String: Any] = [
                    "custom_id": result.unitKey, "document": document.name,
                    "document_sha256": document.sha256 ?? NSNull(),
                    "chunk_id": result.chunkID ?? NSNull(), "heading": result.heading,
                    "pages": [result.firstPage, result.lastPage],
                    "task": result.task, "level": result.level, "endpoint": result.endpoint, "model": result.model,
                    "weights_digest": result.weightsDigest ?? NSNull(), "decision_id": result.decisionID,
                    "result": (try? JSONSerialization.jsonObject(with: Data(result.resultJSON.utf8)))
                        ?? result.resultJSON,
                    "usage": ["prompt_tokens": result.promptTokens, "completion_tokens": result.completionTokens],
                    "latency_ms": result.latencyMilliseconds,
                ]
                if let review = result.review {
                    let review: [String: Any] = [
                        "challenge": review.id, "status": review.status.rawValue,
                        "reviewer": review.reviewer as Any? ?? NSNull(),
                        "reviewed_at": review.reviewedAt.map(AuditRecord.timestamp) as Any? ?? NSNull(),
                    ]
                    line["review"] = review
                }
                if !result.ungrounded.isEmpty { line["ungrounded"] = result.ungrounded }
                if let original = result.modelResultJSON {
                    line["model_result"] = (try? JSONSerialization.jsonObject(with: Data(original.utf8))) ?? original
                }
                out += try jsonLine(line)
            }
            if let clauses = document.clauses { out += try clauseLine(clauses, document: document) }
        }
        return out
    }

    /// A document's clause categories, one line after its task results: `task` "clauses", each category
    /// with its answer and the pages, heading and byte offsets of its passages.
    static func clauseLine(_ clauses: ContractClauses, document: DocumentReport) throws -> String {
        let categories: [[String: Any]] = clauses.categories.map { category in
            [
                "category": category.name, "answer": category.answer as Any? ?? NSNull(),
                "passages": category.passages.map { passage -> [String: Any] in
                    [
                        "score": (passage.score * 1000).rounded() / 1000,
                        "pages": [passage.firstPage, passage.lastPage],
                        "heading": passage.headingPath, "start": passage.start, "end": passage.end,
                    ]
                },
            ]
        }
        return try jsonLine([
            "custom_id": "clauses-\(clauses.document.prefix(32))", "document": document.name,
            "document_sha256": document.sha256 ?? NSNull(), "task": "clauses", "clauses": categories,
        ])
    }

    static func errorLines(_ report: RunReport) throws -> String {
        var out = ""
        for document in report.documents {
            if let error = document.error {
                out += try jsonLine([
                    "document": document.name, "path": document.path, "status": "failed", "kind": error.kind.rawValue,
                    "reason": error.detail, "what_to_do": error.kind.advice,
                ])
            }
            for unit in document.open where unit.status == .failed || unit.status == .held {
                out += try jsonLine([
                    "custom_id": unit.unitKey, "document": document.name, "task": unit.task, "heading": unit.heading,
                    "status": unit.status.rawValue, "reason": unit.reason ?? "",
                ])
            }
        }
        return out
    }
}
