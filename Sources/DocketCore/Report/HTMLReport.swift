import Foundation

/// A document's report as one self-contained HTML file (inline style, no scripts, nothing
/// fetched), with the same content as the Markdown report.
public enum HTMLReport {
    static let style = """
        body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
        table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem\
         .6rem;text-align:left}
        th{background:#f1f1f1}.level{font-weight:bold}.meta{color:#555;font-size:13px}.reviewed{border-left:4px solid\
         #2a6;padding:.3rem .8rem;background:#eef8f1}
        section.result{border-top:1px solid #ddd;padding-top:.4rem}code{font-size:12px}
        .ungrounded{border-left:4px solid #c33;padding:.3rem .8rem;background:#fbeeee}
        """

    /// Reports are inert: no script, no fetch from anywhere, no form, no base URL; only their own
    /// inline style. Opened from disk or served, a value that slipped past escaping runs nothing.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        + "base-uri 'none'; form-action 'none'"

    public static func page(title: String, body: String) -> String {
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"Content-Security-Policy\" "
            + "content=\"\(contentSecurityPolicy)\"><title>\(escape(title))</title><style>\(style)</style></head>\n"
            + "<body>\n\(body)</body></html>\n"
    }

    /// A table row of cells that are HTML already (escaped where they hold text); `classes` gives
    /// some cells, by position, a class for the style sheet.
    static func row(_ cells: [String], classes: [Int: String] = [:]) -> String {
        let tds = cells.enumerated().map { index, cell in
            classes[index].map { "<td class=\"\($0)\">\(cell)</td>" } ?? "<td>\(cell)</td>"
        }
        return "<tr>" + tds.joined() + "</tr>\n"
    }

    static func headerRow(_ titles: [String]) -> String {
        "<tr>" + titles.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
    }

    public static func render(_ document: DocumentReport, run: RunRecord) -> String {
        var body = "<h1>\(escape(document.name))</h1>\n"
        body +=
            "<p class=\"meta\">Run <code>\(escape(run.id))</code> of pipeline "
            + "<code>\(escape(run.pipeline))</code> · rule set <code>\(run.ruleSetVersion)</code> · sha256 "
            + "<code>\(document.sha256 ?? "–")</code> · <a href=\"index.html\">all documents</a></p>\n"
        if let error = document.error {
            body +=
                "<p><strong>Not processed:</strong> \(error.kind.rawValue): \(escape(error.detail)). "
                + "\(escape(error.kind.advice))</p>\n"
            return page(title: document.name, body: body)
        }
        if let clauses = document.clauses {
            body += contractSummary(ClauseSummary(clauses))
        }
        body += "<h2>Classification</h2>\n<table>" + headerRow(["type", "language", "level", "pages", "OCR pages"])
        let cells = [
            document.profile?.type.rawValue ?? "–", document.profile?.language ?? "–",
            escape(document.level ?? "–"), "\(document.pages)", "\(document.ocrPages)",
        ]
        body += row(cells, classes: [2: "level"]) + "</table>\n"
        if let decision = document.levelDecision {
            body += "<p class=\"meta\">Level decision <code>\(decision)</code></p>\n"
        }

        body += "<h2>Findings</h2>\n"
        if document.findings.isEmpty {
            body += "<p>No personal data or sensitive content found.</p>\n"
        } else {
            body +=
                "<p>" + document.findingCounts().map { "\(escape($0.type)) ×\($0.count)" }.joined(separator: " · ")
                + "</p>\n"
            body +=
                "<table id=\"findings\"><tr><th>type</th><th>page</th><th>value "
                + "(masked)</th><th>confidence</th><th>validated</th></tr>\n"
            for item in document.findings.prefix(MarkdownReport.findingRows) {
                body += row([
                    escape(item.type), "\(item.page)", escape(item.shown), String(format: "%.2f", item.confidence),
                    item.validated ? "yes" : "–",
                ])
            }
            body += "</table>\n"
            if document.findings.count > MarkdownReport.findingRows {
                body += "<p>… and \(document.findings.count - MarkdownReport.findingRows) more.</p>\n"
            }
        }

        body += "<h2>Model answers</h2>\n"
        if document.results.isEmpty { body += "<p>No task results.</p>\n" }
        for result in document.results {
            body +=
                "<section class=\"result\"><h3>\(escape(result.task)) — \(escape(result.heading)) "
                + "(\(result.pagesText))</h3>\n"
            if let review = result.review {
                body +=
                    "<p class=\"reviewed\"><strong>Reviewed by a person.</strong> "
                    + "\(escape(ResultFields.reviewLine(review)))</p>\n"
            }
            if !result.ungrounded.isEmpty {
                body +=
                    "<p class=\"ungrounded\"><strong>Ungrounded:</strong> "
                    + "\(escape(ResultFields.ungroundedLine(result.ungrounded)))</p>\n"
            }
            body +=
                "<ul>"
                + ResultFields.lines(result.resultJSON).map {
                    "<li><strong>\(escape($0.field)):</strong> \(escape($0.value))</li>"
                }.joined() + "</ul>\n"
            body +=
                "<p class=\"meta\">\(escape(result.model)) at \(escape(result.endpoint)), level "
                + "\(escape(result.level)), decision <code>\(result.decisionID)</code>"
            if result.modelResultJSON != nil { body += "; the model's answer was replaced by the reviewer's" }
            body += "</p></section>\n"
        }
        if !document.open.isEmpty {
            body += "<h2>Not answered</h2>\n<table><tr><th>task</th><th>part</th><th>status</th><th>reason</th></tr>\n"
            for unit in document.open {
                body += row([escape(unit.task), escape(unit.heading), unit.status.rawValue, escape(unit.reason ?? "")])
            }
            body += "</table>\n"
        }
        return page(title: document.name, body: body)
    }

    static func contractSummary(_ summary: ClauseSummary) -> String {
        var body = "<h2>Contract summary</h2>\n"
        if summary.rows.isEmpty {
            body += "<p>No clause category found.</p>\n"
        } else {
            body += "<table id=\"clauses\">" + headerRow(["category", "answer", "where", "score"])
            for row in summary.rows {
                body += self.row([
                    escape(row.category), escape(row.answer ?? "–"), escape(row.citation),
                    String(format: "%.2f", row.score),
                ])
            }
            body += "</table>\n"
        }
        body += "<p>Not found: \(escape(summary.notFound.joined(separator: ", "))).</p>\n"
        body += "<p class=\"meta\">\(escape(summary.languageNote)) Found on a CPU, without a language model.</p>\n"
        return body
    }

    /// The run's index: one row per document, linking its report.
    public static func index(_ report: RunReport) -> String {
        var body = "<h1>\(escape(report.run.pipeline)) — run \(escape(report.run.id))</h1>\n"
        body +=
            "<p class=\"meta\">\(report.run.status.rawValue), started \(AuditRecord.timestamp(report.run.startedAt)); "
            + "rule set <code>\(report.run.ruleSetVersion)</code></p>\n"
        body +=
            "<table>"
            + headerRow([
                "document", "type", "language", "level", "pages", "findings", "results", "reviewed", "not answered",
            ])
        for document in report.documents {
            let link = "<a href=\"\(escape(document.reportStem)).html\">\(escape(document.name))</a>"
            if let error = document.error {
                body += "<tr><td>\(link)</td><td colspan=\"8\">not processed: \(error.kind.rawValue)</td></tr>\n"
                continue
            }
            let cells = [
                link, document.profile?.type.rawValue ?? "–", document.profile?.language ?? "–",
                escape(document.level ?? "–"), "\(document.pages)", "\(document.findings.count)",
                "\(document.results.count)", "\(document.results.filter { $0.review != nil }.count)",
                "\(document.open.count)",
            ]
            body += row(cells, classes: [3: "level"])
        }
        body += "</table>\n"
        return page(title: "\(report.run.pipeline) \(report.run.id)", body: body)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
