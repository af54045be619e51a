import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import DocketSpec
import DocketStore
import Foundation

/// Writes what a run leaves in `Output/<pipeline>/<run-id>/`, each file atomically:
/// `results.jsonl` (one line per answered unit, keyed by `custom_id` as in the OpenAI Batch
/// format), `errors.jsonl` (failed documents, failed and held units), `summary.csv` (one row per
/// document), `reports/` (Markdown and HTML per document, and the index: `index.html`, `index-2.html`, …,
/// `Paging.index` documents each) and, at the end of a run, `run.json`. A run writes each document's
/// report as its last unit is done (`writeDocument`); at its end `write` goes through the run's documents
/// a page at a time, so that neither its memory nor any page grows with the run. Called again after a
/// review, it rewrites everything but `run.json`.
public enum ReportWriter {
    /// Report file names stay well under the 255 bytes a name may have.
    static let maximumStemBytes = 120
    /// How many documents are read from the store at once, and shown on one index page.
    public struct Paging: Sendable {
        public var read = 200
        public var index = 500
        public init(read: Int = 200, index: Int = 500) {
            self.read = max(1, read)
            self.index = max(1, index)
        }
    }

    /// Returns how many answers are ungrounded (`run.json` counts them too). `status`: the status the
    /// run is about to be given, shown in place of the stored one (outputs are written before it is).
    /// `rewriteReports` false (the end of a run): a document whose report and outputs were written during the
    /// run is only gathered, not read from the store again.
    @discardableResult
    public static func write(
        store: RunStore, run: String, folder: String, summary: RunSummary? = nil, status: RunStatus? = nil,
        rewriteReports: Bool = true, paging: Paging = Paging()
    ) async throws -> Int {
        guard var record = try await store.run(id: run) else {
            throw StoreError(message: "no run \(run) in this store")
        }
        if let status { record.status = status }
        let outputs = RunOutputs(pipeline: try? PipelineLoader.load(path: record.pipelineFile))
        let columns = outputs.columns
        let results = try AppendingFile(path: (folder as NSString).appendingPathComponent("results.jsonl"))
        let errors = try AppendingFile(path: (folder as NSString).appendingPathComponent("errors.jsonl"))
        let summaryCSV = try AppendingFile(path: (folder as NSString).appendingPathComponent("summary.csv"))
        try summaryCSV.append(columns.header)
        let reports = (folder as NSString).appendingPathComponent("reports")
        var index = IndexPages(folder: reports, run: record, pageSize: paging.index)
        var ungrounded = 0
        // One document's report that cannot be written must not cost the others theirs, the index
        // or run.json: the failures are collected and thrown at the end.
        var failures: [String] = []
        var after: String?
        while true {
            let outlines = try await store.runDocumentOutlines(run: run, after: after, limit: paging.read)
            guard let last = outlines.last else { break }
            var made: [String: DocumentOutputs] = [:]
            if !rewriteReports {
                for outline in outlines {
                    let stem = DocumentReport.stem(
                        name: (outline.path as NSString).lastPathComponent, sha256: outline.sha256)
                    made[outline.path] = DocumentOutputs.read(reports: reports, stem: stem, columns: columns)
                }
            }
            // The documents without kept outputs, with their plans: one query for the page, not one each.
            if made.count < outlines.count {
                let missing = try await store.runDocuments(run: run, after: after, limit: paging.read)
                    .filter { made[$0.path] == nil }
                let report = try await RunReportBuilder.build(
                    store: store, run: run, documents: missing, quoted: outputs.quoted)
                for document in report.documents {
                    let part = try DocumentOutputs(document, run: record.id, columns: columns)
                    made[document.path] = part
                    do {
                        try writeReports(document, run: record, reports: reports, part: part)
                    } catch {
                        failures.append("the report of document \((document.sha256 ?? "?").prefix(12)): \(error)")
                    }
                }
            }
            for outline in outlines {
                guard let part = made[outline.path] else { continue }
                try part.appendLines(results: results, errors: errors)
                try summaryCSV.append(part.summaryRow)
                try index.add(part.indexRow)
                ungrounded += part.ungrounded
            }
            after = last.path
            if outlines.count < paging.read { break }
        }
        try index.finish()
        try results.commit()
        try errors.commit()
        try summaryCSV.commit()
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

    /// One document's reports, Markdown and HTML, and its part of the run's files, written while the run goes
    /// on: when its last unit is done. `outputs`: read once for the run.
    public static func writeDocument(
        store: RunStore, run: String, sha256: String, folder: String, outputs: RunOutputs
    ) async throws {
        let report = try await RunReportBuilder.build(store: store, run: run, document: sha256, quoted: outputs.quoted)
        let reports = (folder as NSString).appendingPathComponent("reports")
        for document in report.documents {
            try writeReports(
                document, run: report.run, reports: reports,
                part: try DocumentOutputs(document, run: run, columns: outputs.columns))
        }
    }

    static func writeReports(_ document: DocumentReport, run: RunRecord, reports: String, part: DocumentOutputs) throws
    {
        let stem = (reports as NSString).appendingPathComponent(document.reportStem)
        // Both reports render one view, made into Mustache's dictionaries once: made for each report, the view and
        // its dictionaries took 4.6% of a run's CPU in a profile, 2.4% made once.
        let tree = MustacheTree.of(DocumentView(document, run: run))
        try AtomicFile.write(ReportTemplates.render(tree: tree, MarkdownReport.template), to: stem + ".md")
        try AtomicFile.write(ReportTemplates.render(tree: tree, HTMLReport.template), to: stem + ".html")
        try part.write(reports: reports, stem: document.reportStem)
    }

    /// Removes a document's reports and its kept part of the run's files from a run folder (an erasure;
    /// `write` then makes the run's files without it). Every file they name begins with its hash's prefix.
    public static func removeReports(sha256: String, folder: String) throws {
        let reports = (folder as NSString).appendingPathComponent("reports")
        for place in [reports, DocumentOutputs.folder(reports: reports)] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: place)) ?? []
            where name.hasPrefix(sha256.prefix(12) + "-") {
                try FileManager.default.removeItem(atPath: (place as NSString).appendingPathComponent(name))
            }
        }
    }

    /// Answers with a field that quotes what is not in the document.
    public static func ungroundedAnswers(_ report: RunReport) -> Int {
        report.documents.reduce(0) { $0 + ungroundedAnswers($1) }
    }

    static func ungroundedAnswers(_ document: DocumentReport) -> Int {
        document.results.filter { !$0.ungrounded.isEmpty }.count
    }

    static func jsonLine(_ object: [String: Any]) throws -> String { try JSONLine.text(object) }

    /// The document's lines of `results.jsonl`: each answered unit, then its clause categories.
    static func resultLines(_ document: DocumentReport) throws -> String {
        var out = ""
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

    /// The document's lines of `errors.jsonl`: why it could not be read, its failed and held units.
    static func errorLines(_ document: DocumentReport) throws -> String {
        var out = ""
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
        return out
    }
}
