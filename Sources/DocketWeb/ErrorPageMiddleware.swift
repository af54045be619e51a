import DocketRecords
import HTTPTypes
import Hummingbird
import Logging

/// A refused or unknown request gets a page in the workspace's layout, saying in plain words what happened
/// and what to do, rather than an empty body the browser shows as its own error page. Only for a browser
/// asking for a page (`Accept: text/html`) and only where the answer has no body of its own (a form refused
/// with its problem keeps its page; the JSON API and the scripts' JSON keep theirs). Every 4xx is logged with
/// its status, method, path (not the query, which may hold a file's path) and account id: never a body.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(
        _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where (400..<500).contains(error.status.code) {
            response = Response(status: error.status)
        }
        let status = response.status
        guard (400..<500).contains(status.code) else { return response }
        context.logger.notice(
            "request refused",
            metadata: [
                "status": "\(status.code)", "method": "\(request.method.rawValue)",
                "path": "\(request.uri.path.prefix(200))", "account": "\(context.account?.id ?? "-")",
            ])
        guard response.body.contentLength == 0, request.headers[.accept]?.contains("text/html") == true,
            !request.uri.path.hasPrefix("/api/")
        else { return response }
        var view: [String: Any] = ["title": Self.title(status), "message": Self.message(status)]
        view["account"] = WebTemplates.account(context)
        var page = try WebTemplates.page("error.html", view, status: status)
        for field in response.headers where field.name != .contentType && field.name != .contentLength {
            page.headers.append(field)
        }
        return page
    }

    static func title(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "Not found"
        case .forbidden: "Not for this account"
        case .unauthorized: "Sign in first"
        case .contentTooLarge: "Too large"
        default: "Not possible"
        }
    }

    static func message(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "There is nothing here that this account may see."
        case .forbidden:
            "This account may not do that, or the form was too old to trust (sign in again and retry). "
                + "Ask an administrator if it should have the role for it."
        case .unauthorized: "This page is for signed-in people. Sign in and open it again."
        case .contentTooLarge: "What was sent is larger than the workspace takes. Send less at a time."
        default: "The workspace could not do this with what was sent. Go back and check it."
        }
    }
}
