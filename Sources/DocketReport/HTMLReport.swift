import DocketRecords
import Foundation

/// A document's report as one self-contained HTML file (inline style, no scripts, nothing
/// fetched), with the same content as the Markdown report: both render one `DocumentView`.
public enum HTMLReport {
    /// Reports are inert: no script, no fetch from anywhere, no form, no base URL; only their own
    /// inline style. Opened from disk or served, a value that slipped past escaping runs nothing.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        + "base-uri 'none'; form-action 'none'"

    static let template = "document.html"

    /// Rendered from `Templates/document.html.mustache`, with the style of `Templates/head.mustache`.
    public static func render(_ document: DocumentReport, run: RunRecord) throws -> String {
        try ReportTemplates.render(DocumentView(document, run: run), template)
    }

    /// The run's index: one row per document, linking its report (`Templates/index.html.mustache`).
    public static func index(_ report: RunReport) throws -> String {
        try ReportTemplates.render(IndexView(report), "index.html")
    }
}
