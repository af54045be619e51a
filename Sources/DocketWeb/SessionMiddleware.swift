import Hummingbird

/// Puts the signed-in account and its session into the context, from the session cookie.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let sessions: WebSessions

    func handle(
        _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let token = request.cookies[WebSessions.cookieName]?.value,
            let (account, session) = try await sessions.resume(token: token)
        {
            context.account = account
            context.session = session
        }
        return try await next(request, context)
    }
}

/// Sends whoever is not signed in to the sign-in page.
struct RequireSignInMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(
        _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        guard context.account != nil else { return .redirect(to: "/login") }
        return try await next(request, context)
    }
}
