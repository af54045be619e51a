import DocketRecords
import DocketRun
import DocketTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import DocketAudit
@testable import DocketStore

/// Rerun on another endpoint from a challenge's page: the workspace offers only the endpoints the gate
/// clears for the unit and queues the request; `docket serve` answers the unit again there and
/// overturns the challenge as the reviewer who asked, with their note.
@Suite struct WebRerunTests {
    @Test func aReviewerAsksForARerunAndDocketServeOverturnsWithItsAnswer() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try FaultServer(mode: "ok"), second = try FaultServer(mode: "ok")
        let pipeline = folder.appendingPathComponent("rerun.yaml")
        try """
        name: rerun
        output: \(folder.path)/out
        classification: { levels: [public, internal], default: internal }
        endpoints:
          local:
            url: "\(first.url)"
            model: m
            sovereignty: self-hosted
            clearance: internal
            context_tokens: 8192
          second:
            url: "\(second.url)"
            model: m2
            sovereignty: self-hosted
            clearance: internal
            context_tokens: 8192
          abroad:
            url: "\(second.url)"
            model: m3
            sovereignty: third-country
            clearance: public
            context_tokens: 8192
        routing: [{ use: [local] }]
        tasks:
        \(try CLIFixtures.task(in: folder))
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let run = try CLIFixtures.docket([
            "run", pipeline.path, "--run-id", "r1", "--input", TestPaths.sample("mutual-nda.pdf"),
        ])
        try #require(run.status == 0, "\(run.output) \(run.error)")
        let store = try await SQLRunStore(sqlite: folder.path + "/out/docket.sqlite")
        let rita = try await WebReviewTests.person("rita", [.reviewer], store: store)
        let jonas = try await WebReviewTests.person("jonas", [.reviewer], store: store)
        let decision = try #require(try await WebReviewTests.decisions(store, run: "r1").first)
        let desk = try await ReviewPipeline.desk(store, run: "r1")
        let challenge = try await desk.challenge(decision: decision, by: rita.actor, reason: "Ask another model.")
        let page = "/review/\(challenge.id)"
        try await WebReviewTests.app(store).test(.router) { client in
            let offered = String(buffer: try await WebReviewTests.get(client, page, as: jonas).body)
            #expect(offered.contains("Rerun on another endpoint") && offered.contains("<option>second</option>"))
            #expect(!offered.contains("<option>abroad</option>"), "the gate does not clear it for internal")
            #expect(!offered.contains("<option>local</option>"), "the endpoint that answered says nothing new")
            #expect(!String(buffer: try await WebReviewTests.get(client, page, as: rita).body).contains("/rerun\""))

            let refused = try await WebReviewTests.post(
                client, page + "/rerun", as: jonas, ["csrf": jonas.csrf, "note": "GPU", "endpoint": "abroad"])
            #expect(refused.status == .badRequest)
            let own = try await WebReviewTests.post(
                client, page + "/rerun", as: rita, ["csrf": rita.csrf, "note": "GPU", "endpoint": "second"])
            #expect(own.status == .badRequest)
            #expect(try await store.rerunRequests(challenge: challenge.id).isEmpty)

            let asked = try await WebReviewTests.post(
                client, page + "/rerun", as: jonas,
                ["csrf": jonas.csrf, "note": "The bigger model reads it better.", "endpoint": "second"])
            #expect(asked.status == .seeOther || asked.status == .found)
            let again = try await WebReviewTests.post(
                client, page + "/rerun", as: jonas, ["csrf": jonas.csrf, "note": "again", "endpoint": "second"])
            #expect(again.status == .badRequest)
            let waiting = String(buffer: try await WebReviewTests.get(client, page, as: jonas).body)
            #expect(waiting.contains("<strong>queued</strong>") && !waiting.contains("Rerun on another endpoint"))
        }
        #expect(try await store.challenge(id: challenge.id)?.status == .open, "nothing changes before serve")

        let serve = try CLIFixtures.docket(["serve", pipeline.path, "--once"])
        #expect(serve.status == 0 && serve.output.contains("done, the challenge overturned"), "\(serve.output)")
        let closed = try #require(try await store.challenge(id: challenge.id))
        #expect(closed.status == .overturned && closed.rerunEndpoint == "second")
        #expect(HumanActor.accountID(of: closed.reviewer ?? "") == jonas.account.id)
        #expect(closed.note == "The bigger model reads it better.")
        #expect(closed.resultJSON?.contains(#""answer""#) == true, "\(closed.resultJSON ?? "")")
        #expect(second.requests.count == 1)
        let request = try #require(try await store.rerunRequests(challenge: challenge.id).first)
        #expect(request.status == .done && request.note == nil)
    }
}
