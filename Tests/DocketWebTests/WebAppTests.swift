import DocketRecords
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import StoreTestSupport
import Testing

@testable import DocketStore
@testable import DocketWeb

/// The workspace through its router, as a browser uses it: cookies, forms, redirects.
@Suite struct WebAppTests {
    static let password = "correct horse battery"

    func app(settings: WebApp.Settings = WebApp.Settings()) async throws -> (some ApplicationProtocol, any RunStore) {
        let store = try await StoreKind.sqlite.open()
        try await store.addAccount(
            Account(name: "anna", passwordHash: try await PasswordHasher.hash(Self.password), roles: [.reviewer]))
        try await store.createRun(
            RunRecord(
                id: "20261126-run1", pipeline: "<b>contracts</b>", pipelineFile: "p.yaml", ruleSetVersion: "v",
                status: .completed, startedAt: Date(), outputFolder: "/tmp/out"))
        return (Application(router: WebApp.router(store: store, settings: settings)), store)
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        return ByteBuffer(string: body)
    }

    static func cookie(_ name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func hidden(_ name: String, in body: ByteBuffer) -> String? {
        let html = String(buffer: body)
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Signs in as anna; the session cookie.
    static func signIn(_ client: some TestClientProtocol, password: String = password) async throws -> TestResponse {
        let page = try await client.execute(uri: "/login", method: .get)
        let token = try #require(cookie("docket_login", in: page))
        #expect(hidden("csrf", in: page.body) == token)
        return try await client.execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "docket_login=\(token)"],
            body: form(["name": "anna", "password": password, "csrf": token]))
    }

    @Test func healthAnswersWithoutSignInAndEveryPageAsksForIt() async throws {
        let (app, _) = try await app()
        try await app.test(.router) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(health.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(health.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            let runs = try await client.execute(uri: "/", method: .get)
            #expect(runs.status == .seeOther && runs.headers[.location] == "/login")
            let logout = try await client.execute(uri: "/logout", method: .post)
            #expect(logout.status == .seeOther && logout.headers[.location] == "/login")
        }
    }

    @Test func signingInGivesAStrictHttpOnlyCookieAndTheRunsPage() async throws {
        let (app, _) = try await app()
        try await app.test(.router) { client in
            let wrong = try await Self.signIn(client, password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(Self.cookie(WebSessions.cookieName, in: wrong) == nil)

            let response = try await Self.signIn(client)
            #expect(response.status == .seeOther && response.headers[.location] == "/")
            let header = try #require(
                response.headers[values: .setCookie].first { $0.hasPrefix(WebSessions.cookieName + "=") })
            #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict") && !header.contains("Secure"))
            // The sign-in form's token is spent: cleared on the path it was set for.
            let spent = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("docket_login=") })
            #expect(spent.contains("Max-Age=0") && spent.contains("Path=/login"))
            let token = try #require(Self.cookie(WebSessions.cookieName, in: response))

            let page = try await client.execute(
                uri: "/", method: .get, headers: [.cookie: "\(WebSessions.cookieName)=\(token)"])
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("20261126-run1") && html.contains("anna"))
            // Values are escaped: a pipeline's name is text, never markup.
            #expect(html.contains("&lt;b&gt;contracts&lt;/b&gt;") && !html.contains("<b>contracts"))
            // No inline script or style: the one script is Docket's own asset (the CSP allows no other).
            #expect(
                html.components(separatedBy: "<script").count == 2 && html.contains("<script src=\"/assets/docket.js\"")
            )
            #expect(!html.contains("style="))
        }
    }

    @Test func aFormPostedFromElsewhereIsRefused() async throws {
        let (app, _) = try await app()
        try await app.test(.router) { client in
            // Sign-in without the form's own cookie: a login CSRF.
            let forged = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["name": "anna", "password": Self.password, "csrf": "guessed"]))
            #expect(forged.status == .forbidden)
            #expect(Self.cookie(WebSessions.cookieName, in: forged) == nil)

            let token = try #require(Self.cookie(WebSessions.cookieName, in: try await Self.signIn(client)))
            let cookie = "\(WebSessions.cookieName)=\(token)"
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            let csrf = try #require(Self.hidden("csrf", in: page.body))
            let noToken = try await client.execute(
                uri: "/logout", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: Self.form(["csrf": "wrong"]))
            #expect(noToken.status == .forbidden)
            let out = try await client.execute(
                uri: "/logout", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: Self.form(["csrf": csrf]))
            #expect(out.status == .seeOther && out.headers[.location] == "/login")
            // The session is gone from the store, not only from the browser.
            let after = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            #expect(after.status == .seeOther)
        }
    }

    @Test func behindTLSTheCookieIsSecureAndADisabledAccountsSessionEnds() async throws {
        var settings = WebApp.Settings()
        settings.secureCookies = true
        let (app, store) = try await app(settings: settings)
        try await app.test(.router) { client in
            let response = try await Self.signIn(client)
            let header = try #require(
                response.headers[values: .setCookie].first { $0.hasPrefix(WebSessions.cookieName + "=") })
            #expect(header.contains("Secure"))
            let cookie = "\(WebSessions.cookieName)=\(try #require(Self.cookie(WebSessions.cookieName, in: response)))"
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .ok)
            var anna = try #require(try await store.account(named: "anna"))
            anna.disabled = true
            try await store.updateAccount(anna)
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).status == .seeOther)
        }
    }
}
