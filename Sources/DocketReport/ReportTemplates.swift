import DocketModel
import Foundation
import Mustache

/// The reports' swift-mustache templates (`Report/Templates`, copied beside the executable): a
/// designer changes the layout there, without touching Swift. HTML escapes by default; the
/// Markdown template declares `{{% CONTENT_TYPE: MARKDOWN }}`, whose escaping keeps any value
/// from becoming Markdown or HTML. A triple mustache (`{{{…}}}`) is only for values Docket makes
/// itself (ids, counts, enumerations, index rows rendered by these escaping templates), never for text from a
/// document or a model.
enum ReportTemplates {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    struct MarkdownContent: MustacheContentType {
        func escapeText(_ text: String) -> String { MarkdownReport.escape(text) }
    }

    static let library: Result<MustacheLibrary, Missing> = {
        MustacheContentTypes.register(MarkdownContent(), named: "MARKDOWN")
        let folder = BundledResource.path(target: "DocketReport", "Templates")
        var library = MustacheLibrary()
        for name in [
            "head", "document-body.html", "document.html", "document.md", "run-body.html", "run-row.html", "index.html",
        ] {
            let file = "\(folder)/\(name).mustache"
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                return .failure(Missing(description: "the report template \(file) is missing: build Docket again"))
            }
            do { try library.register(text, named: name) } catch {
                return .failure(Missing(description: "the report template \(file) does not parse: \(error)"))
            }
        }
        return .success(library)
    }()

    static func render(_ view: Any, _ template: String) throws -> String {
        try render(tree: MustacheTree.of(view), template)
    }

    /// `tree`: a view `MustacheTree.of` made already, so that several templates render it without making it again.
    static func render(tree: Any, _ template: String) throws -> String {
        guard let text = try library.get().render(tree, withTemplate: template) else {
            throw Missing(description: "no report template named \(template)")
        }
        return text
    }
}
