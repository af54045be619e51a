import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import Foundation

/// What a document's report shows, as plain values for the templates (`Report/Templates`):
/// text as it is (each template escapes it for its format), numbers already formatted. The HTML
/// and Markdown reports render this one structure; the web workspace can render it too.
public struct DocumentView {
    struct Failure {
        var kind: String
        var detail: String
        var advice: String
    }

    struct Summary {
        struct Row {
            var category: String
            var answer: String
            var citation: String
            var score: String
            /// The best passage on its page, in the workspace.
            var href = ""
            var linked = false
            /// The finding's decision, where it is explained and contested (the workspace only).
            var decision: DecisionLink?
        }

        var rows: [Row]
        // Stored, not computed: templates see a value's stored properties only (Mirror).
        var hasRows: Bool
        var notFound: [String]
        var languageNote: String
        /// Whether the rows link their decisions (a column more).
        var hasDecisions = false
    }

    struct Findings {
        struct Count {
            var type: String
            var count: String
        }

        struct Row {
            var type: String
            var page: String
            var shown: String
            var confidence: String
            var validated: String
            var href = ""
            var linked = false
        }

        var counts: [Count]
        var rows: [Row]
        /// How many findings the table leaves out, if any.
        var more: String?
    }

    struct Result {
        struct Field {
            var field: String
            var value: String
        }

        var task: String
        var heading: String
        var pagesText: String
        var pagesHref: String
        var pagesLinked: Bool
        var review: String?
        var ungrounded: String?
        var fields: [Field]
        var model: String
        var endpoint: String
        var level: String
        var decisionID: String
        var decisionHref: String
        /// A flag, not a section over the href: inside a section over a string, swift-mustache
        /// looks names up by reflecting the string, which crashed on long strings.
        var decisionLinked: Bool
        var replaced: Bool
    }

    /// A decision's id, linked to its page in the workspace.
    struct DecisionLink {
        var id: String
        var href: String
        var linked: Bool

        init(id: String, links: ReportLinks) {
            self.id = id
            href = links.decision(id) ?? ""
            linked = links.decision(id) != nil
        }
    }

    struct Open {
        var task: String
        var heading: String
        var status: String
        var reason: String
    }

    /// Reports list at most this many findings; the counts by type cover all of them.
    static let findingRows = 300

    var title: String
    var contentSecurityPolicy = HTMLReport.contentSecurityPolicy
    var name: String
    var indexHref: String
    var runID: String
    var pipeline: String
    var ruleSet: String
    var sha256: String
    var error: Failure?
    var summary: Summary?
    var type: String
    var language: String
    var level: String
    var pages: String
    var ocrPages: String
    var levelDecision: DecisionLink?
    var findings: Findings?
    var results: [Result]
    var open: [Open]
    var hasOpen: Bool

    public init(_ document: DocumentReport, run: RunRecord, links: ReportLinks = .files) {
        title = document.name
        name = document.name
        indexHref = links.index(run: run.id)
        runID = run.id
        pipeline = run.pipeline
        ruleSet = run.ruleSetVersion
        sha256 = document.sha256 ?? "–"
        error = document.error.map { Failure(kind: $0.kind.rawValue, detail: $0.detail, advice: $0.kind.advice) }
        summary = document.clauses.map { clauses in
            let summary = ClauseSummary(clauses)
            return Summary(
                rows: summary.rows.map { row in
                    let href = links.passage(
                        run: run.id, sha256: document.sha256, page: row.best.firstPage,
                        span: row.best.start..<row.best.end)
                    let decision = document.sha256.map {
                        DecisionLink(
                            id: DecisionRecords.clauseID(run: run.id, document: $0, category: row.category),
                            links: links)
                    }
                    return .init(
                        category: row.category, answer: row.answer ?? "–", citation: row.citation,
                        score: String(format: "%.2f", row.score), href: href ?? "", linked: href != nil,
                        decision: decision?.linked == true ? decision : nil)
                }, hasRows: !summary.rows.isEmpty, notFound: summary.notFound, languageNote: summary.languageNote,
                hasDecisions: links.decision("") != nil)
        }
        type = document.profile?.type.rawValue ?? "–"
        language = document.profile?.language ?? "–"
        level = document.level ?? "–"
        pages = "\(document.pages)"
        ocrPages = "\(document.ocrPages)"
        levelDecision = document.levelDecision.map { DecisionLink(id: $0, links: links) }
        findings =
            document.findings.isEmpty
            ? nil
            : Findings(
                counts: document.findingCounts().map { .init(type: $0.type, count: "\($0.count)") },
                rows: document.findings.prefix(Self.findingRows).map { finding in
                    let href = links.passage(
                        run: run.id, sha256: document.sha256, page: finding.page, span: finding.span)
                    return .init(
                        type: finding.type, page: "\(finding.page)", shown: finding.shown,
                        confidence: String(format: "%.2f", finding.confidence),
                        validated: finding.validated ? "yes" : "–", href: href ?? "", linked: href != nil)
                },
                more: document.findings.count > Self.findingRows ? "\(document.findings.count - Self.findingRows)" : nil
            )
        results = document.results.map { result in
            let href = result.span.flatMap {
                links.passage(run: run.id, sha256: document.sha256, page: result.firstPage, span: $0)
            }
            return Result(
                task: result.task, heading: result.heading, pagesText: result.pagesText, pagesHref: href ?? "",
                pagesLinked: href != nil,
                review: result.review.map(ResultFields.reviewLine),
                ungrounded: result.ungrounded.isEmpty ? nil : ResultFields.ungroundedLine(result.ungrounded),
                fields: ResultFields.lines(result.resultJSON).map { .init(field: $0.field, value: $0.value) },
                model: result.model, endpoint: result.endpoint, level: result.level, decisionID: result.decisionID,
                decisionHref: links.decision(result.decisionID) ?? "",
                decisionLinked: links.decision(result.decisionID) != nil, replaced: result.modelResultJSON != nil)
        }
        open = document.open.map {
            .init(task: $0.task, heading: $0.heading, status: $0.status.rawValue, reason: $0.reason ?? "")
        }
        hasOpen = !open.isEmpty
    }
}
