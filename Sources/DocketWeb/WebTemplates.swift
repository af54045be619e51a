import Foundation
import Hummingbird
import Mustache

/// The workspace's pages: swift-mustache templates (`DocketWeb/Templates`, copied beside the
/// executable) that escape every value by default; none uses `{{{…}}}`.
enum WebTemplates {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static let library: Result<MustacheLibrary, Missing> = {
        let folder = BundledResource.path(target: "DocketWeb", "Templates")
        var library = MustacheLibrary()
        for name in ["head", "foot", "login.html", "runs.html"] {
            let file = "\(folder)/\(name).mustache"
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                return .failure(Missing(description: "the page template \(file) is missing: build Docket again"))
            }
            do { try library.register(text, named: name) } catch {
                return .failure(Missing(description: "the page template \(file) does not parse: \(error)"))
            }
        }
        return .success(library)
    }()

    /// The stylesheet, the one asset: pages carry no inline style (the CSP allows none).
    static let stylesheet: String? = try? String(
        contentsOfFile: BundledResource.path(target: "DocketWeb", "Assets/docket.css"), encoding: .utf8)

    static func page(_ template: String, _ view: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = try library.get().render(view, withTemplate: template) else {
            throw Missing(description: "no page template named \(template)")
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: .init(string: html)))
    }

    /// What the head shows of the signed-in account: name, roles and the CSRF token for signing out.
    static func account(_ context: WebContext) -> [String: Any]? {
        guard let account = context.account, let session = context.session else { return nil }
        return [
            "name": account.name, "roles": account.roles.sorted().map(\.rawValue).joined(separator: ", "),
            "csrf": session.csrfToken,
        ]
    }
}
