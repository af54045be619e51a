import Foundation

/// What a run's index page shows: one row per document, linking its report.
struct IndexView {
    struct Document {
        var stem: String
        var name: String
        /// The error's kind, for a document that could not be read.
        var error: String?
        var type: String
        var language: String
        var level: String
        var pages: String
        var findings: String
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

    init(_ report: RunReport) {
        title = "\(report.run.pipeline) \(report.run.id)"
        pipeline = report.run.pipeline
        runID = report.run.id
        status = report.run.status.rawValue
        started = AuditRecord.timestamp(report.run.startedAt)
        ruleSet = report.run.ruleSetVersion
        documents = report.documents.map { document in
            Document(
                stem: document.reportStem, name: document.name, error: document.error?.kind.rawValue,
                type: document.profile?.type.rawValue ?? "–", language: document.profile?.language ?? "–",
                level: document.level ?? "–", pages: "\(document.pages)", findings: "\(document.findings.count)",
                results: "\(document.results.count)", reviewed: "\(document.results.filter { $0.review != nil }.count)",
                open: "\(document.open.count)")
        }
    }
}
