import Foundation

/// A document's report in Markdown: the contract summary (clause categories, answers, citations),
/// classification, findings by type and page (masked), and each task result citing its pages and
/// clause heading.
public enum MarkdownReport {
    /// Reports list at most this many findings; the counts by type cover all of them.
    static let findingRows = 300

    public static func render(_ document: DocumentReport, run: RunRecord) -> String {
        var out = "# \(escape(document.name))\n\n"
        out +=
            "Run `\(run.id)` of pipeline `\(run.pipeline)` · rule set `\(run.ruleSetVersion)` · sha256 "
            + "`\(document.sha256 ?? "–")`\n\n"
        if let error = document.error {
            out += "**Not processed:** \(error.kind.rawValue): \(escape(error.detail)). \(error.kind.advice)\n"
            return out
        }
        if let clauses = document.clauses {
            out += contractSummary(ClauseSummary(clauses))
        }
        out +=
            "## Classification\n\n| type | language | level | pages | OCR pages |\n| --- | --- | --- | ---: | ---: |\n"
        out +=
            "| \(document.profile?.type.rawValue ?? "–") | \(document.profile?.language ?? "–") | "
            + "**\(document.level ?? "–")** | \(document.pages) | \(document.ocrPages) |\n\n"
        if let decision = document.levelDecision {
            out += "Level decision: `\(decision)` (`docket audit show \(decision)`).\n\n"
        }

        out += "## Findings\n\n"
        if document.findings.isEmpty {
            out += "No personal data or sensitive content found.\n\n"
        } else {
            out += document.findingCounts().map { "\($0.type) ×\($0.count)" }.joined(separator: " · ") + "\n\n"
            out += "| type | page | value (masked) | confidence | validated |\n| --- | ---: | --- | ---: | --- |\n"
            for item in document.findings.prefix(findingRows) {
                out +=
                    "| \(item.type) | \(item.page) | \(escape(item.shown)) | "
                    + "\(String(format: "%.2f", item.confidence)) | \(item.validated ? "yes" : "–") |\n"
            }
            if document.findings.count > findingRows {
                out += "\n… and \(document.findings.count - findingRows) more.\n"
            }
            out += "\n"
        }

        out += "## Model answers\n\n"
        if document.results.isEmpty { out += "No task results.\n\n" }
        for result in document.results {
            out += "### \(result.task) — \(escape(result.heading)) (\(result.pagesText))\n\n"
            if let review = result.review {
                out += "> **Reviewed by a person.** \(escape(ResultFields.reviewLine(review)))\n\n"
            }
            if !result.ungrounded.isEmpty {
                out += "> **Ungrounded:** \(escape(ResultFields.ungroundedLine(result.ungrounded)))\n\n"
            }
            for (field, value) in ResultFields.lines(result.resultJSON) { out += "- **\(field):** \(escape(value))\n" }
            out +=
                "\n<sub>\(result.model) at \(result.endpoint), level \(result.level), decision `\(result.decisionID)`"
            if result.modelResultJSON != nil { out += "; the model's answer was replaced by the reviewer's" }
            out += "</sub>\n\n"
        }
        if !document.open.isEmpty {
            out += "## Not answered\n\n| task | part | status | reason |\n| --- | --- | --- | --- |\n"
            for unit in document.open {
                out +=
                    "| \(unit.task) | \(escape(unit.heading)) | \(unit.status.rawValue) | "
                    + "\(escape(unit.reason ?? "")) |\n"
            }
            out += "\n"
        }
        return out
    }

    static func contractSummary(_ summary: ClauseSummary) -> String {
        var out = "## Contract summary\n\n"
        if summary.rows.isEmpty {
            out += "No clause category found.\n\n"
        } else {
            out += "| category | answer | where | score |\n| --- | --- | --- | ---: |\n"
            for row in summary.rows {
                out +=
                    "| \(escape(row.category)) | \(escape(row.answer ?? "–")) | \(escape(row.citation)) | "
                    + String(format: "%.2f", row.score) + " |\n"
            }
            out += "\n"
        }
        out += "Not found: " + summary.notFound.map(escape).joined(separator: ", ") + ".\n\n"
        out += "\(summary.languageNote) Found on a CPU, without a language model.\n\n"
        return out
    }

    /// Keeps table cells and text from turning into Markdown or HTML: every ASCII punctuation
    /// character (what CommonMark may read as markup, the backslash itself included) is
    /// backslash-escaped, and line breaks become spaces, so no value can open a link, an image,
    /// raw HTML, a heading or a new table row.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                out += " "
            case _ where scalar.isASCII && scalar.properties.generalCategory.isPunctuationOrSymbol:
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Unicode.GeneralCategory {
    /// CommonMark's "ASCII punctuation character" is Unicode's P* and S* among ASCII.
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            true
        default: false
        }
    }
}
