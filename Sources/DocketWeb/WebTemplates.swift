import DocketAudit
import DocketModel
import DocketRecords
import Foundation
import Hummingbird
import Mustache

/// The workspace's pages: swift-mustache templates (`DocketWeb/Templates`, copied beside the
/// executable) that escape every value by default. A run's and a document's pages include the
/// reports' own partials (`DocketReport/Templates`), so both show the same things the same way.
enum WebTemplates {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static let library: Result<MustacheLibrary, Missing> = {
        let own = BundledResource.path(target: "DocketWeb", "Templates")
        let reports = BundledResource.path(target: "DocketReport", "Templates")
        var library = MustacheLibrary()
        // Every template of the workspace, by its file name without ".mustache".
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: own)) ?? [])
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        guard pages.contains("head") else {
            return .failure(Missing(description: "the page templates are missing at \(own): build Docket again"))
        }
        let files =
            pages.map { ($0, "\(own)/\($0).mustache") }
            + ["run-body.html", "run-row.html", "document-body.html"].map { ($0, "\(reports)/\($0).mustache") }
        for (name, file) in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                return .failure(Missing(description: "the page template \(file) is missing: build Docket again"))
            }
            do { try library.register(text, named: name) } catch {
                return .failure(Missing(description: "the page template \(file) does not parse: \(error)"))
            }
        }
        return .success(library)
    }()

    /// The assets, read once: the stylesheet (pages carry no inline style; the CSP allows none) and
    /// the script that only enhances.
    static let assets: [String: (type: String, body: String)] = {
        var assets: [String: (type: String, body: String)] = [:]
        for (name, type) in [
            ("docket.css", "text/css"), ("docket.js", "text/javascript"), ("favicon.svg", "image/svg+xml"),
        ] {
            let file = BundledResource.path(target: "DocketWeb", "Assets/\(name)")
            if let body = try? String(contentsOfFile: file, encoding: .utf8) {
                assets[name] = (type + "; charset=utf-8", body)
            }
        }
        return assets
    }()

    static func page(_ template: String, _ view: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = try library.get().render(view, withTemplate: template) else {
            throw Missing(description: "no page template named \(template)")
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: .init(string: html)))
    }

    /// "2026-11-26 14:46": a time as the pages show it (UTC).
    static func minute(_ date: Date) -> String {
        AuditRecord.timestamp(date).prefix(16).replacingOccurrences(of: "T", with: " ")
    }

    static func notFound(_ context: WebContext) throws -> Response {
        var view: [String: Any] = ["title": "Not found"]
        view["account"] = account(context)
        return try page("not-found.html", view, status: .notFound)
    }

    /// What the head shows of the signed-in account: name, roles and the CSRF token for signing out.
    static func account(_ context: WebContext) -> [String: Any]? {
        guard let account = context.account, let session = context.session else { return nil }
        return [
            "name": account.name, "roles": account.roles.sorted().map(\.rawValue).joined(separator: ", "),
            "csrf": session.csrfToken, "seesQueue": account.seesAllRuns, "audits": account.mayAudit,
            "submits": account.maySubmit, "administers": account.administers,
        ]
    }
}
