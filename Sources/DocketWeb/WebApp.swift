import DocketRecords
import DocketReport
import DocketRun
import DocketStore
import Foundation
import Hummingbird
import Logging

/// `docket web`: the workspace, served by Docket on the same store as its runs and workers.
public enum WebApp {
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Cookies marked Secure: the workspace is reached through a TLS reverse proxy.
        public var secureCookies = false
        /// Reverse proxies whose `X-Forwarded-For` names the client (sign-in throttling per address).
        public var trustedProxies: Set<String> = []
        /// The pipelines one may submit to from the browser.
        public var pipelines = "Pipelines"
        public var uploadLimits = SubmissionUpload.Limits()
        /// Docket's own executable, started as `docket page-worker` to render a page (nil: no page images).
        public var workerExecutable: String?
        /// Documents on one page of a run.
        public var runPageSize = 100
        /// Documents on a page of the clause grid.
        public var gridPageSize = 100
        /// Runs on one page of the runs list, newest first.
        public var runsPageSize = 50
        /// Open challenges on one page of the review queue, oldest first.
        public var reviewPageSize = 50
        /// Documents in one answer of `GET /api/runs/ID` (`?page=N` for the others).
        public var apiPageSize = 500

        public init() {}
    }

    /// The login form's own CSRF cookie (double submit): a form posted from elsewhere cannot sign a
    /// browser in to someone else's account.
    static let loginCookieName = "docket_login"

    public static func application(store: any RunStore, settings: Settings) -> some ApplicationProtocol {
        Application(
            router: router(store: store, settings: settings),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Docket"),
            logger: Logger(label: "docket.web"))
    }

    public static func router(store: any RunStore, settings: Settings) -> Hummingbird.Router<WebContext> {
        let sessions = WebSessions(store: store)
        // Running runs' counts, summed at most so often that summing takes a tenth of the time.
        let counts = LiveCounts(store: store)
        let signIn = SignIn(store: store)
        // Made now, not at the first sign-in, whose answer would otherwise take twice as long.
        _ = PasswordHasher.decoy
        let router = Hummingbird.Router(context: WebContext.self)
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(sessions: sessions))
        router.add(middleware: ErrorPageMiddleware())
        router.get("/health") { _, _ in "ok\n" }
        // Browsers ask for /favicon.ico whatever the page links: the same icon.
        router.get("/favicon.ico") { _, _ in Response.redirect(to: "/assets/favicon.svg", type: .permanent) }
        router.get("/assets/:name") { _, context in
            guard let asset = WebTemplates.assets[context.parameters.get("name") ?? ""] else {
                return Response(status: .notFound)
            }
            return Response(
                status: .ok, headers: [.contentType: asset.type, .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: .init(string: asset.body)))
        }
        router.get("/login") { _, context in
            if context.account != nil { return Response.redirect(to: "/") }
            return try loginPage(problem: nil, status: .ok, settings: settings)
        }
        router.post("/login") { request, context in
            let form = try await request.decode(as: LoginForm.self, context: context)
            guard let expected = request.cookies[loginCookieName]?.value, !expected.isEmpty, form.csrf == expected
            else {
                return try loginPage(
                    problem: "The form was out of date; please sign in again.", status: .forbidden, settings: settings)
            }
            let address = ClientAddress.of(
                request, peer: context.remoteAddress, trustedProxies: settings.trustedProxies)
            switch try await signIn.attempt(name: form.name, password: form.password, address: address) {
            case .signedIn(let account):
                let (token, _) = try await sessions.start(for: account)
                var response = Response.redirect(to: "/")
                response.setCookie(sessionCookie(token, settings: settings, maxAge: Int(sessions.absolute)))
                response.setCookie(
                    Cookie(
                        name: loginCookieName, value: "", maxAge: 0, path: "/login", secure: settings.secureCookies,
                        httpOnly: true, sameSite: .strict))
                context.logger.notice("signed in", metadata: ["account": "\(account.id)"])
                return response
            case .refused:
                return try loginPage(
                    problem: "That account name and password do not match an account that may sign in.",
                    status: .unauthorized, settings: settings)
            case .throttled:
                return try loginPage(
                    problem: "Too many failed sign-ins; wait a quarter of an hour and try again.",
                    status: .tooManyRequests, settings: settings)
            }
        }
        // The JSON API: by token only, outside the signed-in pages (no redirect, no cookie counts).
        router.post("/api/submissions") { request, context in
            try await SubmissionsAPI.submit(request, store: store, settings: settings, context: context)
        }
        router.get("/api/submissions/:id") { request, context in
            try await SubmissionsAPI.submission(
                id: try context.parameters.require("id"), request, store: store, context: context)
        }
        router.get("/api/runs/:id") { request, context in
            try await SubmissionsAPI.run(
                id: try context.parameters.require("id"), request,
                query: try request.uri.decodeQuery(as: SubmissionsAPI.RunQuery.self, context: context),
                pageSize: settings.apiPageSize, store: store, counts: counts, context: context)
        }
        router.get("/api/search") { request, _ in try await SearchPage.api(request: request, store: store) }
        let signedIn = router.group().add(middleware: RequireSignInMiddleware())
        signedIn.post("/logout") { request, context in
            let form = try await request.decode(as: CSRFForm.self, context: context)
            guard form.csrf == context.session?.csrfToken else { return Response(status: .forbidden) }
            if let token = request.cookies[WebSessions.cookieName]?.value { try await sessions.end(token: token) }
            var response = Response.redirect(to: "/login")
            response.setCookie(sessionCookie("", settings: settings, maxAge: 0))
            return response
        }
        signedIn.get("/") { request, context in
            let query = try request.uri.decodeQuery(as: RunsPage.Query.self, context: context)
            return try await RunsPage.render(
                store: store, counts: counts, query: query, settings: settings, context: context)
        }
        signedIn.get("/accounts") { _, context in try await AccountsPage.render(store: store, context: context) }
        signedIn.post("/accounts") { request, context in
            try await AccountsPage.add(
                form: try await request.decode(as: AccountsPage.Form.self, context: context), store: store,
                context: context)
        }
        signedIn.post("/accounts/:id/:action") { request, context in
            try await AccountsPage.change(
                id: try context.parameters.require("id"), action: try context.parameters.require("action"),
                form: try await request.decode(as: AccountsPage.Form.self, context: context), store: store,
                context: context)
        }
        signedIn.get("/search") { request, context in
            try await SearchPage.render(request: request, store: store, context: context)
        }
        signedIn.get("/progress") { _, context in
            try await RunsPage.progress(store: store, counts: counts, context: context)
        }
        signedIn.get("/runs/:run") { request, context in
            try await RunPage.render(
                runID: try context.parameters.require("run"),
                query: try request.uri.decodeQuery(as: RunPage.Query.self, context: context), settings: settings,
                store: store, counts: counts, context: context)
        }
        signedIn.get("/runs/:run/grid") { request, context in
            try await GridPage.render(
                runID: try context.parameters.require("run"), request: request, settings: settings, store: store,
                context: context)
        }
        for format in [ClauseGridExport.Format.csv, .xlsx] {
            signedIn.get("/runs/:run/grid.\(format.rawValue)") { request, context in
                try await GridPage.download(
                    runID: try context.parameters.require("run"), format: format, request: request, store: store,
                    context: context)
            }
        }
        signedIn.get("/runs/:run/progress") { _, context in
            try await RunPage.progress(
                runID: try context.parameters.require("run"), store: store, counts: counts, context: context)
        }
        signedIn.get("/runs/:run/documents/:sha256") { _, context in
            try await DocumentPage.render(
                runID: try context.parameters.require("run"), sha256: try context.parameters.require("sha256"),
                store: store, context: context)
        }
        signedIn.get("/runs/:run/documents/:sha256/original") { _, context in
            try await Downloads.original(
                run: try context.parameters.require("run"), sha256: try context.parameters.require("sha256"),
                store: store, context: context)
        }
        signedIn.get("/runs/:run/documents/:sha256/report/:format") { _, context in
            try await Downloads.report(
                run: try context.parameters.require("run"), sha256: try context.parameters.require("sha256"),
                format: try context.parameters.require("format"), store: store, context: context)
        }
        signedIn.get("/runs/:run/files/:name") { _, context in
            try await Downloads.runFile(
                run: try context.parameters.require("run"), name: try context.parameters.require("name"),
                store: store, context: context)
        }
        signedIn.post("/runs/:run/documents/:sha256/erase") { request, context in
            try await ErasePage.erase(
                runID: try context.parameters.require("run"), sha256: try context.parameters.require("sha256"),
                form: try await request.decode(as: ErasePage.Form.self, context: context), store: store,
                context: context)
        }
        signedIn.get("/runs/:run/documents/:sha256/pages/:page") { request, context in
            try await PageView.render(
                runID: try context.parameters.require("run"), sha256: try context.parameters.require("sha256"),
                number: try context.parameters.require("page", as: Int.self),
                query: try request.uri.decodeQuery(as: PageView.Query.self, context: context), settings: settings,
                store: store, context: context)
        }
        signedIn.get("/runs/:run/documents/:sha256/pages/:page/image") { _, context in
            try await PageView.image(
                runID: try context.parameters.require("run"), sha256: try context.parameters.require("sha256"),
                number: try context.parameters.require("page", as: Int.self), settings: settings, store: store,
                context: context)
        }
        signedIn.get("/decisions/:id") { _, context in
            try await DecisionPage.render(id: try context.parameters.require("id"), store: store, context: context)
        }
        signedIn.post("/decisions/:id/challenge") { request, context in
            try await DecisionPage.challenge(
                id: try context.parameters.require("id"),
                form: try await request.decode(as: DecisionPage.ReasonForm.self, context: context), store: store,
                context: context)
        }
        signedIn.post("/decisions/:id/unmask") { request, context in
            try await DecisionPage.unmask(
                id: try context.parameters.require("id"),
                form: try await request.decode(as: DecisionPage.ReasonForm.self, context: context), store: store,
                context: context)
        }
        signedIn.get("/submit") { _, context in try SubmitPage.render(settings: settings, context: context) }
        signedIn.post("/submit") { request, context in
            try await SubmitPage.submit(request, store: store, settings: settings, context: context)
        }
        let auditChecks = AuditCheckCache(store: store)
        signedIn.get("/audit") { _, context in
            try await AuditPage.render(store: store, checks: auditChecks, context: context)
        }
        for format in ["jsonl", "csv"] {
            signedIn.get("/audit/export.\(format)") { _, context in
                try await AuditPage.export(format: format, store: store, context: context)
            }
        }
        signedIn.get("/review") { request, context in
            try await ReviewPages.queue(
                store: store, query: try request.uri.decodeQuery(as: ReviewPages.QueueQuery.self, context: context),
                pageSize: settings.reviewPageSize, context: context)
        }
        signedIn.get("/review/:id") { _, context in
            try await ReviewPages.challenge(id: try context.parameters.require("id"), store: store, context: context)
        }
        signedIn.post("/review/:id/uphold") { request, context in
            try await ReviewPages.uphold(
                id: try context.parameters.require("id"),
                form: try await request.decode(as: ReviewPages.UpholdForm.self, context: context), store: store,
                context: context)
        }
        signedIn.post("/review/:id/rerun") { request, context in
            try await ReviewPages.rerun(
                id: try context.parameters.require("id"),
                form: try await request.decode(as: ReviewPages.RerunForm.self, context: context), store: store,
                context: context)
        }
        signedIn.post("/review/:id/overturn") { request, context in
            try await ReviewPages.overturn(
                id: try context.parameters.require("id"),
                form: try await request.decode(as: ReviewPages.OverturnForm.self, context: context), store: store,
                context: context)
        }
        return router
    }

    static func sessionCookie(_ token: String, settings: Settings, maxAge: Int) -> Cookie {
        Cookie(
            name: WebSessions.cookieName, value: token, maxAge: maxAge, path: "/", secure: settings.secureCookies,
            httpOnly: true, sameSite: .strict)
    }

    static func loginPage(problem: String?, status: HTTPResponse.Status, settings: Settings) throws -> Response {
        let token = WebSessions.randomHex(bytes: 16)
        var view: [String: Any] = ["title": "Sign in", "csrf": token]
        if let problem { view["problem"] = problem }
        var response = try WebTemplates.page("login.html", view, status: status)
        response.setCookie(
            Cookie(
                name: loginCookieName, value: token, path: "/login", secure: settings.secureCookies, httpOnly: true,
                sameSite: .strict))
        return response
    }

    struct LoginForm: Decodable {
        var name: String
        var password: String
        var csrf: String
    }

    struct CSRFForm: Decodable {
        var csrf: String
    }
}
