import DocketTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Testing

@testable import DocketAudit
@testable import DocketRecords
@testable import DocketStore
@testable import DocketWeb

/// The accounts page: an administrator adds an account, changes its roles, disables and enables it, sets its
/// password and issues and revokes its API token, each recorded in the trail without the secret; nobody else
/// sees the page; an administrator cannot lock themselves out.
@Suite(.serialized) struct WebAccountsTests {
    static func store() async throws -> SQLRunStore {
        try await SQLRunStore(
            sqlite: FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID()).sqlite").path)
    }

    @Test func anAdministratorManagesAnAccountAndEachStepIsInTheTrail() async throws {
        let store = try await Self.store()
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        let password = "a long enough password"
        try await WebReviewTests.app(store).test(.router) { client in
            let added = try await WebReviewTests.post(
                client, "/accounts", as: ada,
                ["csrf": ada.csrf, "name": "Bea", "password": password, "reviewer": "on"])
            #expect(added.status == .ok && String(buffer: added.body).contains("bea was added"))
            var bea = try #require(try await store.account(named: "bea"))
            #expect(bea.roles == [.reviewer])
            #expect(try await PasswordHasher.verify(password, hash: bea.passwordHash))
            let base = "/accounts/\(bea.id)/"
            _ = try await WebReviewTests.post(
                client, base + "roles", as: ada, ["csrf": ada.csrf, "reviewer": "on", "auditor": "on"])
            bea = try #require(try await store.account(id: bea.id))
            #expect(bea.roles == [.reviewer, .auditor])
            let (_, session) = try await WebSessions(store: store).start(for: bea)
            _ = try await WebReviewTests.post(client, base + "disable", as: ada, ["csrf": ada.csrf])
            #expect(try await store.account(id: bea.id)?.disabled == true)
            #expect(try await store.session(tokenHash: session.tokenHash) == nil)
            _ = try await WebReviewTests.post(client, base + "enable", as: ada, ["csrf": ada.csrf])
            #expect(try await store.account(id: bea.id)?.disabled == false)
            let newPassword = "another long password"
            _ = try await WebReviewTests.post(
                client, base + "password", as: ada, ["csrf": ada.csrf, "password": newPassword])
            let reset = try #require(try await store.account(id: bea.id))
            #expect(try await PasswordHasher.verify(newPassword, hash: reset.passwordHash))
            let issued = String(
                buffer: try await WebReviewTests.post(client, base + "token", as: ada, ["csrf": ada.csrf]).body)
            let apiToken = try #require(
                issued.range(of: #"dkt_[0-9a-f]{64}"#, options: .regularExpression).map { String(issued[$0]) })
            let api = try await client.execute(
                uri: "/api/search?q=x", method: .get, headers: [.authorization: "Bearer \(apiToken)"])
            #expect(api.status == .ok)
            _ = try await WebReviewTests.post(client, base + "revoke", as: ada, ["csrf": ada.csrf])
            let revoked = try await client.execute(
                uri: "/api/search?q=x", method: .get, headers: [.authorization: "Bearer \(apiToken)"])
            #expect(revoked.status == .unauthorized)

            let trail = try await store.auditRecords(kinds: [.account])
            #expect(
                trail.map { $0.outcome.components(separatedBy: ": ").last ?? "" }
                    == [
                        "added (roles reviewer)", "roles (reviewer → auditor, reviewer)", "disabled", "enabled",
                        "password", "token issued", "token revoked",
                    ])
            #expect(
                trail.allSatisfy { $0.actor == ada.actor.recorded && $0.outcome.hasPrefix("account \(bea.id) bea") })
            let written = trail.map { "\($0.outcome) \($0.reasoning ?? "")" }.joined()
            #expect(!written.contains(password) && !written.contains(newPassword) && !written.contains(apiToken))
            #expect(try await AuditVerifier.verify(store: store).intact)
        }
    }

    /// A change and its record are one: when the trail refuses the record (a trigger injected into the real
    /// store), the change is not made either.
    @Test func noAccountChangeIsMadeWithoutItsRecord() async throws {
        let store = try await Self.store()
        let desk = AccountDesk(store: store, administrator: .account(id: "1", name: "ada"))
        let bea = try await desk.add(name: "bea", password: "a long enough password", roles: [.reviewer])
        try await store.executor.execute(
            """
            CREATE TRIGGER refuse_account_records BEFORE INSERT ON audit_records WHEN NEW.kind = 'account'
            BEGIN SELECT RAISE(ABORT, 'refused'); END
            """)
        await #expect(throws: (any Error).self) {
            _ = try await desk.add(name: "cleo", password: "a long enough password", roles: [.reviewer])
        }
        await #expect(throws: (any Error).self) { try await desk.setDisabled(bea, true) }
        await #expect(throws: (any Error).self) { _ = try await desk.issueToken(bea) }
        #expect(try await store.account(named: "cleo") == nil)
        #expect(try await store.account(id: bea.id)?.disabled == false)
        #expect(try await store.auditRecords(kinds: [.account]).count == 1)
    }

    @Test func nobodyButAnAdministratorSeesOrChangesAccounts() async throws {
        let store = try await Self.store()
        let rex = try await WebReviewTests.person("rex", [.reviewer, .auditor, .submitter], store: store)
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        try await WebReviewTests.app(store).test(.router) { client in
            #expect(try await WebReviewTests.get(client, "/accounts", as: rex).status == .notFound)
            let added = try await WebReviewTests.post(
                client, "/accounts", as: rex,
                ["csrf": rex.csrf, "name": "eve", "password": "a long enough password", "admin": "on"])
            let eve = try await store.account(named: "eve")
            #expect(added.status == .notFound && eve == nil)
            let disable = try await WebReviewTests.post(
                client, "/accounts/\(ada.account.id)/disable", as: rex, ["csrf": rex.csrf])
            let adaNow = try await store.account(id: ada.account.id)
            #expect(disable.status == .notFound && adaNow?.disabled == false)
            // Without the session's token, an administrator's form does nothing either.
            let forged = try await WebReviewTests.post(
                client, "/accounts/\(rex.account.id)/disable", as: ada, ["csrf": "x"])
            let rexNow = try await store.account(id: rex.account.id)
            #expect(forged.status == .forbidden && rexNow?.disabled == false)
        }
    }

    @Test func anAdministratorCannotLockThemselvesOutAndBadInputIsExplained() async throws {
        let store = try await Self.store()
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        try await WebReviewTests.app(store).test(.router) { client in
            let base = "/accounts/\(ada.account.id)/"
            let disable = try await WebReviewTests.post(client, base + "disable", as: ada, ["csrf": ada.csrf])
            #expect(disable.status == .badRequest && String(buffer: disable.body).contains("your own account"))
            let roles = try await WebReviewTests.post(
                client, base + "roles", as: ada, ["csrf": ada.csrf, "reviewer": "on"])
            let adaNow = try await store.account(id: ada.account.id)
            #expect(roles.status == .badRequest && adaNow?.roles == [.admin])
            let short = try await WebReviewTests.post(
                client, "/accounts", as: ada, ["csrf": ada.csrf, "name": "bea", "password": "short", "reviewer": "on"])
            #expect(short.status == .badRequest && String(buffer: short.body).contains("at least 12 characters"))
            let noRole = try await WebReviewTests.post(
                client, "/accounts", as: ada, ["csrf": ada.csrf, "name": "bea", "password": "a long enough password"])
            let bea = try await store.account(named: "bea")
            #expect(noRole.status == .badRequest && bea == nil)
            #expect(try await store.auditRecords(kinds: [.account]).isEmpty)
        }
    }

    /// In a real browser, at 1,400 and 1,000 px (screenshots in DOCKET_SCREENSHOTS when set): the header leads
    /// an administrator to the accounts, where an account is added and its token issued.
    @Test func anAdministratorAddsAnAccountInARealBrowser() async throws {
        try #require(WebDriver.available, "chromedriver is missing: run scripts/setup.sh")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID()).sqlite").path
        let store = try await SQLRunStore(sqlite: path)
        let password = "a long enough password"
        try await store.addAccount(
            Account(name: "ada", passwordHash: try await PasswordHasher.hash(password), roles: [.admin]))
        let (server, base) = try await WebReviewTests.serve(store: path)
        defer { server.terminate() }
        let browser = try await WebDriver.start()
        do {
            try await browser.resize(width: 1400, height: 900)
            try await WebReviewTests.signIn(browser, base, name: "ada", password: password)
            try await browser.click("header a[href='/accounts']")
            try await browser.type("bea", into: "form.stack input[name=name]")
            try await browser.type(password, into: "form.stack input[name=password]")
            try await browser.click("form.stack input[name=reviewer]")
            try await browser.click("form.stack button")
            #expect(try await browser.source(containing: "bea was added").contains("data-account=\"bea\""))
            try await browser.click("tr[data-account=bea] form[action$='/token'] button")
            #expect(try await browser.source(containing: "shown this once").contains("dkt_"))
            try await browser.screenshot("accounts-1400")
            try await browser.resize(width: 1000, height: 900)
            try await browser.screenshot("accounts-1000")
            #expect(try await store.account(named: "bea")?.roles == [.reviewer])
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
