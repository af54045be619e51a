import DocketRecords
import DocketTestSupport
import Foundation
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Testing

@testable import DocketAudit
@testable import DocketStore
@testable import DocketWeb

/// The runs list follows what changes by itself: `/progress` gives its running runs' counts and a
/// signature of what it lists, and the page's script reloads when a waiting submission's run appears,
/// in a real browser. In WebReviewTests' serialized suite, whose run it uses.
extension WebReviewTests {
    struct LiveProgress: Decodable {
        struct Running: Decodable {
            var id: String
        }
        var signature: String
        var live: Bool
        var running: [Running]
    }

    /// A submitter's submission, waiting for a run.
    static func waitingSubmission(of person: Person, store: SQLRunStore) async throws -> String {
        let id = "s-\(UUID().uuidString.prefix(8).lowercased())"
        try await store.addSubmission(
            Submission(
                id: id, pipeline: "web-test", folder: "/in", submittedBy: person.actor.recorded, note: nil,
                submittedAt: Date(), files: []))
        return id
    }

    @Test func theRunsListSaysWhenASubmissionsRunAppears() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let sam = try await Self.person("sam", [.submitter], store: store)
        let submission = try await Self.waitingSubmission(of: sam, store: store)
        try await Self.app(store).test(.router) { client in
            let page = String(buffer: try await Self.get(client, "/", as: sam).body)
            let before = try JSONDecoder().decode(
                LiveProgress.self, from: Data(buffer: try await Self.get(client, "/progress", as: sam).body))
            #expect(before.live && before.running.isEmpty)
            #expect(page.contains("data-runs-live=\"true\"") && page.contains("data-signature=\"\(before.signature)\""))
            #expect(page.contains(submission) && !page.contains("data-run=\"\(summary.runID)\""))

            try await store.markSubmissions([submission], status: .done, run: summary.runID)
            let after = try JSONDecoder().decode(
                LiveProgress.self, from: Data(buffer: try await Self.get(client, "/progress", as: sam).body))
            #expect(after.signature != before.signature && !after.live)
            let now = String(buffer: try await Self.get(client, "/", as: sam).body)
            #expect(now.contains("data-run=\"\(summary.runID)\"") && now.contains("data-runs-live=\"false\""))
        }
    }

    @Test func theRunsPageShowsTheRunOfAWaitingSubmissionInARealBrowser() async throws {
        try #require(WebDriver.available, "chromedriver is missing: run scripts/setup.sh")
        let (store, summary) = try await WebRun.shared.get()
        let password = "a long enough password"
        let tom = Account(
            name: "tom-\(UUID().uuidString.prefix(6).lowercased())",
            passwordHash: try await PasswordHasher.hash(password),
            roles: [.submitter])
        try await store.addAccount(tom)
        let person = Person(account: tom, cookie: "", csrf: "")
        let submission = try await Self.waitingSubmission(of: person, store: store)
        let (server, base) = try await Self.serve(store: WebRun.shared.storePath)
        defer { server.terminate() }
        let browser = try await WebDriver.start()
        do {
            try await Self.signIn(browser, base, name: tom.name, password: password)
            #expect(try await browser.source().contains(submission))
            try await store.markSubmissions([submission], status: .done, run: summary.runID)
            // Nobody reloads: the page's script sees the run appear and shows it.
            let row = "data-run=\"\(summary.runID)\""
            #expect(try await browser.source(containing: row).contains(row))
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
