import DocketRecords
import Foundation

/// A document's report in Markdown: the contract summary (clause categories, answers, citations),
/// classification, findings by type and page (masked), and each task result citing its pages and
/// clause heading; the same `DocumentView` as the HTML report.
public enum MarkdownReport {
    static let template = "document.md"

    /// Rendered from `Templates/document.md.mustache`.
    public static func render(_ document: DocumentReport, run: RunRecord) throws -> String {
        try ReportTemplates.render(DocumentView(document, run: run), template)
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
