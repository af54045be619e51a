import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import Foundation

/// What a run's index page shows: one row per document, linking its report.
public struct IndexView {
    struct Document: Codable {
        var href: String
        var name: String
        /// A document that could not be read, the error's kind and what to do. (A flag, not a
        /// section over the kind: swift-mustache reflects a section's string to look names up.)
        var failed: Bool
        var errorKind: String
        /// What is wrong with it and what to do.
        var errorDetail: String
        var type: String
        var language: String
        var level: String
        var pages: String
        var findings: String
        /// The findings by type: "email ×2 · iban ×1".
        var findingTypes: String?
        /// The clause categories found, with their answers where they have one.
        var clauses: String
        var results: String
        var reviewed: String
        var open: String
    }

    var title: String
    var contentSecurityPolicy = HTMLReport.contentSecurityPolicy
    var pipeline: String
    var runID: String
    var status: String
    var started: String
    var ruleSet: String
    var documents: [Document]
    /// Rows rendered already (`rowHTML`), as each document finished: the end of a run only joins them.
    var rows: String?
    /// The run's index pages before and after this one (files of at most `ReportWriter.Paging.index` rows).
    var previous: String?
    var next: String?

    public init(_ report: RunReport, links: ReportLinks = .files) {
        self.init(run: report.run, rows: report.documents.map { Self.row($0, run: report.run.id, links: links) })
    }

    init(run: RunRecord, rows: [Document] = []) {
        title = "\(run.pipeline) \(run.id)"
        pipeline = run.pipeline
        runID = run.id
        status = run.status.rawValue
        started = AuditRecord.timestamp(run.startedAt)
        ruleSet = run.ruleSetVersion
        documents = rows
    }

    /// A document's row, linking its report.
    static func row(_ document: DocumentReport, run: String, links: ReportLinks = .files) -> Document {
        Document(
            href: links.document(run: run, stem: document.reportStem, sha256: document.sha256),
            name: document.name, failed: document.error != nil, errorKind: document.error?.kind.rawValue ?? "",
            errorDetail: document.error.map { "\($0.detail). \($0.kind.advice)" } ?? "",
            type: document.profile?.type.rawValue ?? "–", language: document.profile?.language ?? "–",
            level: document.level ?? "–", pages: "\(document.pages)", findings: "\(document.findings.count)",
            findingTypes: document.findings.isEmpty
                ? nil : document.findingCounts().map { "\($0.type) ×\($0.count)" }.joined(separator: " · "),
            clauses: Self.clauses(document.clauses),
            results: "\(document.results.count)", reviewed: "\(document.results.filter { $0.review != nil }.count)",
            open: "\(document.open.count)")
    }

    /// A row as the index shows it (`Templates/run-row.html.mustache`), rendered once, when its document is done.
    static func rowHTML(_ row: Document) throws -> String { try ReportTemplates.render(row, "run-row.html") }

    /// "Governing Law: Germany · Parties · …", or "–" where the clause stage did not run.
    static func clauses(_ clauses: ContractClauses?) -> String {
        guard let clauses else { return "–" }
        let rows = ClauseSummary(clauses).rows
        guard !rows.isEmpty else { return "none found" }
        return rows.map { row in row.category + (row.answer.map { ": \($0)" } ?? "") }.joined(separator: " · ")
    }
}
