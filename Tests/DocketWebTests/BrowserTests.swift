import DocketRecords
import DocketRun
import DocketTestSupport
import Foundation
import Testing

@testable import DocketAudit
@testable import DocketStore
@testable import DocketWeb

/// The workspace in a real browser (headless Chromium through chromedriver) against a real
/// `docket web` on the shared run's store: sign-in, the stylesheet and the script under the
/// Content-Security-Policy, a challenge, the review queue's keys, sign-out, and another reviewer's
/// uphold. In WebReviewTests' serialized suite, whose run it contests.
extension WebReviewTests {
    /// `docket web` on a free port, ready.
    static func serve(store path: String) async throws -> (Process, String) {
        let port = Int.random(in: 40_000..<60_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = ["web", "--bind", "127.0.0.1:\(port)", "--store", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<100 {
            if (try? await WebDriver.text(at: base + "/health")) == "ok\n" {
                return (process, base)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw WebDriver.Failure(description: "docket web did not answer on \(base)")
    }

    static func signIn(_ browser: WebDriver, _ base: String, name: String, password: String) async throws {
        try await browser.open(base + "/")
        #expect(try await browser.currentURL() == base + "/login")
        try await browser.type(name, into: "input[name=name]")
        try await browser.type(password, into: "input[name=password]")
        try await browser.click("form.signin button")
        // Signed in once the answer to the form has arrived, not when the click returns.
        #expect(try await browser.url { $0 == base + "/" } == base + "/")
    }

    @Test func aReviewerChallengesAndAnotherUpholdsInARealBrowser() async throws {
        try #require(WebDriver.available, "chromedriver is missing: run scripts/setup.sh")
        let (store, summary) = try await WebRun.shared.get()
        let password = "a long enough password"
        let hash = try await PasswordHasher.hash(password)
        let bea = Account(
            name: "bea-\(UUID().uuidString.prefix(6).lowercased())", passwordHash: hash, roles: [.reviewer])
        let carl = Account(
            name: "carl-\(UUID().uuidString.prefix(6).lowercased())", passwordHash: hash, roles: [.reviewer])
        try await store.addAccount(bea)
        try await store.addAccount(carl)
        let decision = try #require(try await Self.uncontested(store, run: summary.runID).first)

        let (server, base) = try await Self.serve(store: WebRun.shared.storePath)
        defer { server.terminate() }
        let browser = try await WebDriver.start()
        do {
            try await Self.signIn(browser, base, name: bea.name, password: password)
            #expect(try await browser.source().contains(summary.runID))
            // The stylesheet is Docket's own and the CSP lets it apply.
            let header = try await browser.script(
                "return getComputedStyle(document.querySelector('header')).backgroundColor")
            #expect(header as? String == "rgb(31, 42, 68)")

            try await browser.open(base + "/decisions/\(decision)")
            try await browser.type("Not this clause type.", into: "form[action$='/challenge'] textarea[name=reason]")
            try await browser.click("form[action$='/challenge'] button")
            #expect(try await browser.source(containing: "waiting for review").contains("waiting for review"))
            #expect(try await browser.currentURL() == base + "/decisions/\(decision)")
            let challenge = try #require(
                try await store.challenges(openOnly: true, after: nil, limit: 100).first { $0.decisionID == decision })
            #expect(HumanActor.accountID(of: challenge.challengedBy) == bea.id)

            // The queue's script runs under the CSP: j marks a challenge, Enter opens it.
            try await browser.open(base + "/review")
            try await browser.press("j")
            let marked = try await browser.script(
                "return document.querySelector('section.challenge.current')?.dataset.challenge")
            #expect(marked is String)
            try await browser.press("\u{E007}")  // Enter
            #expect(try await browser.url { $0.hasPrefix(base + "/review/c-") }.hasPrefix(base + "/review/c-"))
            try await browser.open(base + "/review/\(challenge.id)")
            #expect(try await browser.source().contains("another reviewer must review it"))
            try await browser.click("form.signout button")
            #expect(try await browser.url { $0 == base + "/login" } == base + "/login")

            try await Self.signIn(browser, base, name: carl.name, password: password)
            try await browser.open(base + "/review/\(challenge.id)")
            try await browser.type("It is what the model said.", into: "form[action$='/uphold'] textarea[name=note]")
            try await browser.click("form[action$='/uphold'] button")
            #expect(try await browser.source(containing: "<strong>upheld</strong>").contains("<strong>upheld</strong>"))
            let closed = try #require(try await store.challenge(id: challenge.id))
            #expect(closed.status == .upheld && HumanActor.accountID(of: closed.reviewer ?? "") == carl.id)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// A submitter contests a decision of their own run in a real browser, follows the challenge while it
    /// waits, and after a reviewer's uphold reads the outcome and the note on the same page.
    @Test func aSubmitterFollowsTheirOwnChallengeInARealBrowser() async throws {
        try #require(WebDriver.available, "chromedriver is missing: run scripts/setup.sh")
        let (store, summary) = try await WebRun.shared.get()
        let password = "a long enough password"
        let hash = try await PasswordHasher.hash(password)
        let sol = Account(
            name: "sol-\(UUID().uuidString.prefix(6).lowercased())", passwordHash: hash, roles: [.submitter])
        try await store.addAccount(sol)
        let submission = "s-\(UUID().uuidString.prefix(8))"
        try await store.addSubmission(
            Submission(
                id: submission, pipeline: "web-test", folder: "/in",
                submittedBy: HumanActor.account(id: sol.id, name: sol.name).recorded, note: nil, submittedAt: Date(),
                files: []))
        try await store.markSubmissions([submission], status: .done, run: summary.runID)
        let decision = try #require(try await Self.uncontested(store, run: summary.runID).first)

        let (server, base) = try await Self.serve(store: WebRun.shared.storePath)
        defer { server.terminate() }
        let browser = try await WebDriver.start()
        do {
            try await browser.resize(width: 1400, height: 900)
            try await Self.signIn(browser, base, name: sol.name, password: password)
            try await browser.open(base + "/decisions/\(decision)")
            try await browser.type(
                "The clause is not a termination clause.", into: "form[action$='/challenge'] textarea[name=reason]")
            try await browser.click("form[action$='/challenge'] button")
            // The click may return before the answer has loaded: this challenge's link is clicked once the page
            // that answers shows it (the decision may have older, reviewed challenges listed too).
            var opened: Challenge?
            for _ in 0..<300 where opened == nil {
                opened = try await store.challenges(decision: decision).first { $0.status == .open }
                if opened == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            let challenge = try #require(opened)
            _ = try await browser.source(containing: "href=\"/review/\(challenge.id)\"")
            try await browser.click("a[href='/review/\(challenge.id)']")
            #expect(try await browser.source(containing: "Waiting for a reviewer").contains("not a termination clause"))
            try await browser.screenshot("challenge-waiting-1400")
            let desk = try await ReviewPipeline.desk(store, run: summary.runID)
            _ = try await desk.uphold(challenge.id, by: .account(id: "reviewer", name: "rita"), note: "It is one.")
            try await browser.open(base + "/review/\(challenge.id)")
            let reviewed = try await browser.source(containing: "upheld")
            #expect(reviewed.contains("It is one.") && !reviewed.contains("Waiting for a reviewer"))
            try await browser.resize(width: 1000, height: 900)
            try await browser.screenshot("challenge-reviewed-1000")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
