import DocketTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import StoreTestSupport
import Testing

@testable import DocketAudit
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore
@testable import DocketWeb

/// One real run (llama-server and the model from scripts/setup.sh) over a sample contract, for the
/// workspace's pages: its run, document and decision pages, challenges and reviews by account.
actor WebRun {
    static let shared = WebRun()
    private var result: Task<(SQLRunStore, RunSummary), Error>?
    /// The store's file, for a `docket web` of its own.
    nonisolated let storePath = FileManager.default.temporaryDirectory.appendingPathComponent(
        "web-\(UUID())/out/docket.sqlite"
    ).path

    func get() async throws -> (SQLRunStore, RunSummary) {
        if let result { return try await result.value }
        let folder = URL(fileURLWithPath: storePath).deletingLastPathComponent().deletingLastPathComponent()
        let task = Task { try await Self.run(in: folder) }
        result = task
        return try await task.value
    }

    static func run(in folder: URL) async throws -> (SQLRunStore, RunSummary) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = try SamplePipeline.write(name: "web-test", in: folder, quoting: false)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.inputs = [TestPaths.sample("mutual-nda.pdf")]
        let summary = try await Runner(pipeline: try PipelineLoader.load(path: file.path), options: options).run()
        return (try await SQLRunStore(sqlite: folder.appendingPathComponent("out/docket.sqlite").path), summary)
    }
}

/// Serialized: the tests share one run, whose decisions they contest and review.
@Suite(.serialized) struct WebReviewTests {
    struct Person {
        var account: Account
        var cookie: String
        var csrf: String
        var actor: HumanActor { .account(id: account.id, name: account.name) }
    }

    /// An account with a session (no bcrypt here: sign-in has its own tests).
    static func person(_ name: String, _ roles: Set<Account.Role>, store: SQLRunStore) async throws -> Person {
        let account = Account(
            name: "\(name)-\(UUID().uuidString.prefix(6).lowercased())", passwordHash: "x", roles: roles)
        try await store.addAccount(account)
        let (token, session) = try await WebSessions(store: store).start(for: account)
        return Person(account: account, cookie: "\(WebSessions.cookieName)=\(token)", csrf: session.csrfToken)
    }

    /// A submission of `person`'s that `run` took up: the run is theirs to see.
    static func handIn(by person: Person, run: String, store: SQLRunStore) async throws {
        let submission = "s-\(UUID().uuidString.prefix(8))"
        try await store.addSubmission(
            Submission(
                id: submission, pipeline: "web-test", folder: "/in", submittedBy: person.actor.recorded, note: nil,
                submittedAt: Date(), files: []))
        try await store.markSubmissions([submission], status: .done, run: run)
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, as person: Person) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: person.cookie])
    }

    static func post(
        _ client: some TestClientProtocol, _ uri: String, as person: Person, _ fields: [String: String]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: person.cookie],
            body: WebAppTests.form(fields))
    }

    /// The run's model answers, as decision ids, and the document's sha256.
    static func decisions(_ store: SQLRunStore, run: String) async throws -> [String] {
        try await store.results(run: run).map { DecisionRecords.inferenceID(unit: $0.unitKey) }.sorted()
    }

    /// The run's model answers that no challenge holds open: the tests of this suite contest them in
    /// whatever order they run.
    static func uncontested(_ store: SQLRunStore, run: String) async throws -> [String] {
        let open = Set(try await store.challenges(openOnly: true, after: nil, limit: 100).map(\.decisionID))
        return try await decisions(store, run: run).filter { !open.contains($0) }
    }

    static func app(_ store: SQLRunStore) -> some ApplicationProtocol {
        Application(router: WebApp.router(store: store, settings: WebApp.Settings()))
    }

    @Test func aSubmitterSeesTheirOwnRunItsDocumentAndDecisionsAndNobodyElses() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let sam = try await Self.person("sam", [.submitter], store: store)
        let sue = try await Self.person("sue", [.submitter], store: store)
        try await Self.handIn(by: sam, run: summary.runID, store: store)
        let sha = try #require(try await store.runDocuments(run: summary.runID).first?.sha256)
        let decision = try #require(try await Self.decisions(store, run: summary.runID).first)
        try await Self.app(store).test(.router) { client in
            let run = try await Self.get(client, "/runs/\(summary.runID)", as: sam)
            #expect(run.status == .ok)
            let html = String(buffer: run.body)
            #expect(html.contains("mutual-nda.pdf") && html.contains("/runs/\(summary.runID)/documents/\(sha)"))
            #expect(html.contains("Governing Law"))  // the clause summary, from the report's own template
            let document = try await Self.get(client, "/runs/\(summary.runID)/documents/\(sha)", as: sam)
            #expect(document.status == .ok)
            let page = String(buffer: document.body)
            #expect(page.contains("Contract summary") && page.contains("href=\"/decisions/\(decision)\""))
            // A clause finding is a decision too: its row links where it is explained and contested.
            let clause = DecisionRecords.clauseID(run: summary.runID, document: sha, category: "Governing Law")
            #expect(page.contains("href=\"/decisions/\(clause)\""))
            let clausePage = String(buffer: try await Self.get(client, "/decisions/\(clause)", as: sam).body)
            #expect(clausePage.contains("Challenge this decision"))
            let decisionPage = try await Self.get(client, "/decisions/\(decision)", as: sam)
            #expect(decisionPage.status == .ok)
            // What the hashes stand for: the document by name, linked, and the page its part starts on.
            let about = String(buffer: decisionPage.body)
            #expect(
                about.contains(">mutual-nda.pdf</a>")
                    && about.contains("href=\"/runs/\(summary.runID)/documents/\(sha)\""))
            #expect(about.contains("href=\"/runs/\(summary.runID)/documents/\(sha)/pages/"))
            let progress = try await Self.get(client, "/runs/\(summary.runID)/progress", as: sam)
            let counts = try JSONSerialization.jsonObject(with: Data(buffer: progress.body)) as? [String: Any]
            #expect(counts?["status"] as? String == "completed" && counts?["running"] as? Bool == false)
            // Another submitter learns nothing, not even that the run exists.
            for uri in [
                "/runs/\(summary.runID)", "/runs/\(summary.runID)/documents/\(sha)", "/decisions/\(decision)",
                "/runs/\(summary.runID)/progress",
            ] {
                #expect(try await Self.get(client, uri, as: sue).status == .notFound, "\(uri)")
            }
            #expect(try await Self.get(client, "/review", as: sue).status == .forbidden)
        }
    }

    /// Whoever contested a decision follows the challenge from the decision's page: waiting, then the
    /// reviewer's outcome and note. Another submitter learns nothing of it.
    @Test func aSubmitterFollowsTheirOwnChallengeToItsReview() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let sam = try await Self.person("sam", [.submitter], store: store)
        let sue = try await Self.person("sue", [.submitter], store: store)
        let jonas = try await Self.person("jonas", [.reviewer], store: store)
        try await Self.handIn(by: sam, run: summary.runID, store: store)
        let decision = try #require(try await Self.uncontested(store, run: summary.runID).first)
        try await Self.app(store).test(.router) { client in
            let opened = try await Self.post(
                client, "/decisions/\(decision)/challenge", as: sam, ["csrf": sam.csrf, "reason": "wrong clause"])
            #expect(opened.status == .seeOther)
            let challenge = try #require(try await store.challenges(decision: decision).first { $0.status == .open })
            let page = String(buffer: try await Self.get(client, "/decisions/\(decision)", as: sam).body)
            #expect(page.contains("href=\"/review/\(challenge.id)\""))
            let waiting = try await Self.get(client, "/review/\(challenge.id)", as: sam)
            #expect(waiting.status == .ok)
            #expect(String(buffer: waiting.body).contains("Waiting for a reviewer"))
            #expect(!String(buffer: waiting.body).contains("/uphold"))
            #expect(try await Self.get(client, "/review/\(challenge.id)", as: sue).status == .notFound)
            let upheld = try await Self.post(
                client, "/review/\(challenge.id)/uphold", as: jonas, ["csrf": jonas.csrf, "note": "It is that type."])
            #expect(upheld.status == .seeOther)
            let reviewed = String(buffer: try await Self.get(client, "/review/\(challenge.id)", as: sam).body)
            #expect(reviewed.contains("upheld") && reviewed.contains("It is that type."))
            #expect(!reviewed.contains("Waiting for a reviewer"))
        }
    }

    @Test func aChallengeCarriesTheSignedInAccountAndNobodyReviewsTheirOwn() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let rita = try await Self.person("rita", [.reviewer], store: store)
        let jonas = try await Self.person("jonas", [.reviewer], store: store)
        let aude = try await Self.person("aude", [.auditor], store: store)
        try #require(try await Self.decisions(store, run: summary.runID).count >= 2)
        let decision = try #require(try await Self.uncontested(store, run: summary.runID).first)
        try await Self.app(store).test(.router) { client in
            // Without the session's CSRF token, or as an auditor, nothing is recorded.
            let forged = try await Self.post(
                client, "/decisions/\(decision)/challenge", as: rita, ["csrf": "x", "reason": "wrong"])
            #expect(forged.status == .forbidden)
            let audited = try await Self.post(
                client, "/decisions/\(decision)/challenge", as: aude, ["csrf": aude.csrf, "reason": "wrong"])
            #expect(audited.status == .forbidden)
            let empty = try await Self.post(
                client, "/decisions/\(decision)/challenge", as: rita, ["csrf": rita.csrf, "reason": "  "])
            #expect(empty.status == .badRequest)
            // The reason's length is counted on the server, not left to the form's maxlength.
            let long = try await Self.post(
                client, "/decisions/\(decision)/challenge", as: rita,
                ["csrf": rita.csrf, "reason": String(repeating: "x", count: 2001)])
            #expect(long.status == .badRequest)
            #expect(
                try await store.challenges(openOnly: true, after: nil, limit: 100).allSatisfy {
                    $0.decisionID != decision
                })

            let opened = try await Self.post(
                client, "/decisions/\(decision)/challenge", as: rita,
                ["csrf": rita.csrf, "reason": "Not this clause type; ring me on +49 170 1234567"])
            #expect(opened.status == .seeOther && opened.headers[.location] == "/decisions/\(decision)")
            let challenge = try #require(
                try await store.challenges(openOnly: true, after: nil, limit: 100).first { $0.decisionID == decision })
            #expect(challenge.challengedBy == rita.actor.recorded)
            let record = try #require(try await store.auditRecords(since: nil).last { $0.kind == .challenge })
            #expect(record.actor == rita.actor.recorded && record.refersTo == decision)

            // The queue shows it, masked, to reviewers and auditors.
            let queue = String(buffer: try await Self.get(client, "/review", as: aude).body)
            #expect(queue.contains(challenge.id) && queue.contains("[phone]") && !queue.contains("1234567"))
            // Rita's own challenge offers her no review, and a posted one is refused.
            let own = String(buffer: try await Self.get(client, "/review/\(challenge.id)", as: rita).body)
            #expect(own.contains("another reviewer must review it") && !own.contains("/uphold"))
            let refused = try await Self.post(
                client, "/review/\(challenge.id)/uphold", as: rita, ["csrf": rita.csrf, "note": "fine by me"])
            #expect(refused.status == .badRequest)
            let auditorUphold = try await Self.post(
                client, "/review/\(challenge.id)/uphold", as: aude, ["csrf": aude.csrf, "note": "fine"])
            #expect(auditorUphold.status == .forbidden)
            #expect(try await store.challenge(id: challenge.id)?.status == .open)

            let upheld = try await Self.post(
                client, "/review/\(challenge.id)/uphold", as: jonas, ["csrf": jonas.csrf, "note": "It is that type."])
            #expect(upheld.status == .seeOther)
            let closed = try #require(try await store.challenge(id: challenge.id))
            #expect(closed.status == .upheld && closed.reviewer == jonas.actor.recorded)
            let page = String(buffer: try await Self.get(client, "/decisions/\(decision)", as: aude).body)
            #expect(page.contains("upheld by \(jonas.account.name)"))
        }
    }

    /// The queue is read a page at a time, oldest first: following its links shows every open challenge
    /// once, a page holding at most the page's size.
    @Test func theReviewQueueIsReadAPageAtATimeOldestFirst() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let rita = try await Self.person("rita", [.reviewer], store: store)
        let jonas = try await Self.person("jonas", [.reviewer], store: store)
        let free = try await Self.uncontested(store, run: summary.runID)
        try #require(free.count >= 2)
        var settings = WebApp.Settings()
        settings.reviewPageSize = 1
        let app = Application(router: WebApp.router(store: store, settings: settings))
        try await app.test(.router) { client in
            for decision in free.prefix(2) {
                let opened = try await Self.post(
                    client, "/decisions/\(decision)/challenge", as: rita, ["csrf": rita.csrf, "reason": "wrong type"])
                #expect(opened.status == .seeOther)
            }
            let open = try await store.challenges(openOnly: true, after: nil, limit: 100).map(\.id)
            #expect(open.count >= 2)
            var shown: [String] = []
            var next: String? = "/review"
            while let uri = next, shown.count <= open.count {
                let page = String(buffer: try await Self.get(client, uri, as: jonas).body)
                let ids = page.matches(of: /data-challenge="([^"]+)"/).map { String($0.1) }
                #expect(ids.count == 1, "\(uri)")
                shown += ids
                next = page.firstMatch(of: /href="(\/review\?after=[^"]+)" rel="next"/).map { String($0.1) }
            }
            #expect(shown == open)
            // Closed again, so that the suite's other tests find their decisions uncontested as before.
            for id in open.suffix(2) {
                _ = try await Self.post(client, "/review/\(id)/uphold", as: jonas, ["csrf": jonas.csrf, "note": "ok"])
            }
        }
    }

    @Test func anOverturnIsCheckedAgainstTheTasksSchemaAndShowsInTheResults() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let sam = try await Self.person("sam", [.submitter], store: store)
        let jonas = try await Self.person("jonas", [.reviewer], store: store)
        let decision = try #require(try await Self.uncontested(store, run: summary.runID).last)
        let desk = try await ReviewPipeline.desk(store, run: summary.runID)
        let challenge = try await desk.challenge(decision: decision, by: sam.actor, reason: "wrong type")
        try await Self.app(store).test(.router) { client in
            let page = String(buffer: try await Self.get(client, "/review/\(challenge.id)", as: jonas).body)
            // The form comes from the schema: a choice for the enumeration, a list, a text field.
            #expect(page.contains("<select name=\"field[clause_type]\">") && page.contains(">governing_law</option>"))
            #expect(page.contains("<textarea name=\"field[risk_flags]\""))
            #expect(page.contains("<input name=\"field[rationale]\""))
            let base = ["csrf": jonas.csrf, "note": "Corrected."]
            let notAChoice = try await Self.post(
                client, "/review/\(challenge.id)/overturn", as: jonas,
                base.merging(["field[clause_type]": "gossip", "field[rationale]": "r"]) { $1 })
            #expect(notAChoice.status == .badRequest)
            let tooLong = try await Self.post(
                client, "/review/\(challenge.id)/overturn", as: jonas,
                base.merging([
                    "field[clause_type]": "governing_law", "field[rationale]": String(repeating: "x", count: 201),
                ]) { $1 })
            #expect(tooLong.status == .badRequest)
            // Said in plain words, and what was typed is still there.
            let refused = String(buffer: tooLong.body)
            #expect(refused.contains("“rationale” is longer than 200 characters") && !refused.contains("$."))
            #expect(refused.contains(">Corrected.</textarea>"))
            #expect(refused.contains("value=\"\(String(repeating: "x", count: 201))\""))
            #expect(refused.contains("<option value=\"governing_law\" selected>"))
            #expect(try await store.challenge(id: challenge.id)?.status == .open)

            let overturned = try await Self.post(
                client, "/review/\(challenge.id)/overturn", as: jonas,
                base.merging([
                    "field[clause_type]": "governing_law", "field[risk_flags]": "venue\nforeign law\n",
                    "field[rationale]": "Clause 9 names the governing law.",
                ]) { $1 })
            #expect(overturned.status == .seeOther)
            let closed = try #require(try await store.challenge(id: challenge.id))
            #expect(closed.status == .overturned && closed.reviewer == jonas.actor.recorded)
            let result = try #require(
                try JSONSerialization.jsonObject(with: Data((closed.resultJSON ?? "").utf8)) as? [String: Any])
            #expect(result["clause_type"] as? String == "governing_law")
            #expect(result["risk_flags"] as? [String] == ["venue", "foreign law"])
            // The decision's page says what holds now, the reviewed answer, before the model's.
            let decided = String(buffer: try await Self.get(client, "/decisions/\(decision)", as: jonas).body)
            let inForce = try #require(decided.range(of: "In force since a review overturned it"))
            let model = try #require(decided.range(of: "Decided (personal data masked)"))
            #expect(inForce.lowerBound < model.lowerBound)
            #expect(decided[inForce.upperBound...].prefix(400).contains("Clause 9 names the governing law."))
        }
        // The run's results were written again with the reviewed result.
        let results = try String(contentsOfFile: summary.outputFolder + "/results.jsonl", encoding: .utf8)
        let line = try #require(results.split(separator: "\n").first { $0.contains(decision) })
        #expect(line.contains("governing_law") && line.contains(jonas.actor.recorded))
    }

    @Test func unmaskingTakesAReviewerAndAReasonAndIsItselfRecorded() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let sam = try await Self.person("sam", [.submitter, .admin], store: store)
        let jonas = try await Self.person("jonas", [.reviewer], store: store)
        let decision = try #require(try await Self.decisions(store, run: summary.runID).first)
        let unit = try #require(try await store.auditRecord(id: decision)?.unitKey)
        let answer = try #require(try await store.result(unit: unit)?.resultJSON)
        let before = try await store.auditRecords(since: nil).count
        try await Self.app(store).test(.router) { client in
            let form = ["csrf": jonas.csrf, "reason": "The contact is needed for the review."]
            let notReviewer = try await Self.post(
                client, "/decisions/\(decision)/unmask", as: sam, ["csrf": sam.csrf, "reason": "curious"])
            #expect(notReviewer.status == .forbidden)
            let noReason = try await Self.post(
                client, "/decisions/\(decision)/unmask", as: jonas, ["csrf": jonas.csrf, "reason": ""])
            #expect(noReason.status == .badRequest)
            let longReason = try await Self.post(
                client, "/decisions/\(decision)/unmask", as: jonas,
                ["csrf": jonas.csrf, "reason": String(repeating: "x", count: 501)])
            #expect(longReason.status == .badRequest)
            #expect(try await store.auditRecords(since: nil).count == before)

            let shown = try await Self.post(client, "/decisions/\(decision)/unmask", as: jonas, form)
            #expect(shown.status == .ok && shown.headers[.cacheControl] == "no-store")
            let escaped = answer.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                of: "\"", with: "&quot;"
            )
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "'", with: "&#39;")
            #expect(String(buffer: shown.body).contains(escaped))
        }
        let record = try #require(try await store.auditRecords(since: nil).last)
        #expect(record.kind == .unmask && record.refersTo == decision && record.actor == jonas.actor.recorded)
        #expect(record.shownReasoning == "The contact is needed for the review.")
        #expect(AuditVerifier.verify(try await store.auditRecords(since: nil)).intact)
    }

    /// The document page's findings are masked; a reviewer unmasks them with a reason through the
    /// document's level decision, which rests on all of them, and the unmasking is recorded.
    @Test func aReviewerUnmasksTheFindingsOfADocumentWithAReason() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let sam = try await Self.person("sam", [.submitter], store: store)
        let jonas = try await Self.person("jonas", [.reviewer], store: store)
        let sha = try #require(try await store.runDocuments(run: summary.runID).first?.sha256)
        let level = DecisionRecords.documentLevelID(run: summary.runID, document: sha)
        try await Self.app(store).test(.router) { client in
            let page = String(
                buffer: try await Self.get(client, "/runs/\(summary.runID)/documents/\(sha)", as: jonas).body)
            // The findings table shows the e-mail masked (a model's answer may quote it: those are not masked).
            let findings = try #require(page.firstMatch(of: /<table id="findings">[\s\S]*?<\/table>/)?.0)
            #expect(findings.contains("email") && !findings.contains("priya.raman"))
            #expect(page.contains("action=\"/decisions/\(level)/unmask\""))
            let asSubmitter = String(
                buffer: try await Self.get(client, "/runs/\(summary.runID)/documents/\(sha)", as: sam).body)
            #expect(!asSubmitter.contains("Unmask the findings"))
            let shown = try await Self.post(
                client, "/decisions/\(level)/unmask", as: jonas, ["csrf": jonas.csrf, "reason": "Checking the e-mail."])
            #expect(shown.status == .ok && shown.headers[.cacheControl] == "no-store")
            let clear = String(buffer: shown.body)
            #expect(clear.contains("email, page 1: priya.raman@"), "\(clear)")
        }
        let record = try #require(try await store.auditRecords(since: nil).last)
        #expect(record.kind == .unmask && record.refersTo == level && record.actor == jonas.actor.recorded)
        #expect(!record.shownOutcome.contains("priya.raman"))
    }

    @Test func anAuditorVerifiesAndExportsTheTrailAndAReviewerMayNot() async throws {
        let (store, _) = try await WebRun.shared.get()
        let aude = try await Self.person("aude", [.auditor], store: store)
        let jonas = try await Self.person("jonas", [.reviewer], store: store)
        try await Self.app(store).test(.router) { client in
            let trail = try await store.auditRecords(since: nil)
            let verified = AuditVerifier.verify(trail, heads: try await store.auditHeads(), expectedHead: nil)
            let page = try await Self.checkedAuditPage(client, as: aude)
            #expect(page.contains("Intact:") && page.contains(verified.head))
            let export = try await Self.get(client, "/audit/export.jsonl", as: aude)
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            let lines = String(buffer: export.body).split(separator: "\n")
            #expect(lines.count >= trail.count)
            let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect(first["hash"] as? String == trail[0].hash && first["previous_hash"] != nil)
            let csv = String(buffer: try await Self.get(client, "/audit/export.csv", as: aude).body)
            #expect(csv.hasPrefix(AuditExport.columns.joined(separator: ",") + "\n"))
            for uri in ["/audit", "/audit/export.jsonl", "/audit/export.csv"] {
                #expect(try await Self.get(client, uri, as: jonas).status == .forbidden, "\(uri)")
            }
        }
    }

    /// An edited record shows as the break it is, on a store of its own (the shared run's trail stays intact).
    @Test func anEditedRecordShowsAsBroken() async throws {
        let store = try await StoreKind.sqlite.open()
        let aude = try await Self.person("aude", [.auditor], store: try #require(store as? SQLRunStore))
        try await store.appendAudit(
            (1...3).map { AuditRecord(id: "d-\($0)", kind: .classification, run: "r", outcome: "internal") })
        // As someone with the store's file in hand would: the append-only trigger dropped first.
        try await (store as? SQLRunStore)?.executor.execute("DROP TRIGGER IF EXISTS audit_no_update")
        try await (store as? SQLRunStore)?.executor.execute(
            "UPDATE audit_records SET outcome = 'public' WHERE sequence = 2")
        try await Self.app(try #require(store as? SQLRunStore)).test(.router) { client in
            let page = try await Self.checkedAuditPage(client, as: aude)
            #expect(page.contains("Broken") && page.contains("at record 2"))
        }
    }

    /// The audit page once its check is done: the check runs in the background from the workspace's start,
    /// and until it ends the page says so (on a loaded machine that may outlast the view's patience).
    static func checkedAuditPage(_ client: some TestClientProtocol, as person: Person) async throws -> String {
        var page = String(buffer: try await get(client, "/audit", as: person).body)
        for _ in 0..<300 where page.contains("The first check of the whole trail is running") {
            try await Task.sleep(nanoseconds: 100_000_000)
            page = String(buffer: try await get(client, "/audit", as: person).body)
        }
        return page
    }
}
