import AsyncHTTPClient
import DocketTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import DocketAudit
@testable import DocketInfer
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketStore

/// `docket worker --metrics` serves Prometheus' text at /metrics; scraped during a real run against a loopback
/// endpoint, its counters are the run's own counts: units done, held by the gate, failed; requests answered.
@Suite struct MetricsTests {
    /// Prometheus' text format: the sum of a metric's samples whose labels include `labels`.
    static func sum(_ text: String, _ name: String, labels: [String] = []) -> Double {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.reduce(0) { total, line in
            guard line.hasPrefix(name + "{") || line.hasPrefix(name + " "),
                labels.allSatisfy({ line.contains($0) }),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { return total }
            return total + value
        }
    }

    static func scrape(port: Int) async throws -> String {
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(10))
        #expect(response.status == .ok)
        let body = try await response.body.collect(upTo: 4 << 20)
        return String(buffer: body)
    }

    @Test(.timeLimit(.minutes(3))) func aWorkersCountersAreTheRunsCounts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let schema = folder.appendingPathComponent("answer.json")
        try #"{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}"#.write(
            to: schema, atomically: true, encoding: .utf8)
        // The only endpoint is cleared for internal data: chunks with personal data are restricted and held.
        let pipeline = folder.appendingPathComponent("metered.yaml")
        try """
        name: metered
        output: \(folder.path)/out
        classification:
          levels: [internal, restricted]
          default: internal
          rules: [{ name: personal, if: { detectors: [person, email, iban, postal_address] }, level: restricted }]
        endpoints:
          gpu: { url: "\(server.url)", model: m, sovereignty: self-hosted, clearance: internal, context_tokens: 8192 }
        routing: [{ use: [gpu] }]
        tasks:
          - { name: review, prompt: \(TestPaths.repositoryRoot.path)/Pipelines/prompts/clause-review.md, schema:\
         \(schema.path), max_output_tokens: 20 }
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let storePath = folder.appendingPathComponent("docket.sqlite").path
        let enqueue = Process()
        enqueue.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        enqueue.arguments = [
            "run", pipeline.path, "--store", storePath, "--enqueue-only", "--input", TestPaths.sample("mutual-nda.pdf"),
            "--input", TestPaths.sample("arbeitsvertrag.docx"),
        ]
        try enqueue.run()
        enqueue.waitUntilExit()
        #expect(enqueue.terminationStatus == 0)

        let port = try EmbeddedEngine.freePort()
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        worker.arguments = [
            "worker", "--store", storePath, "--jobs", "2", "--metrics", "127.0.0.1:\(port)", "--log-format", "json",
        ]
        worker.standardOutput = FileHandle.nullDevice
        let logs = Pipe()
        worker.standardError = logs
        try worker.run()
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }

        let store = try await StoreFactory.open(storePath)
        let run = try #require(try await store.runs().first)
        let deadline = Date().addingTimeInterval(120)
        while try await store.run(id: run.id)?.status != .completed && Date() < deadline {
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        #expect(try await store.run(id: run.id)?.status == .completed)
        let counts = try await store.counts(run: run.id)
        #expect(counts.done > 0 && counts.held > 0, "\(counts): the run should have both")

        let text = try await Self.scrape(port: port)
        let pipelineLabel = #"pipeline="metered""#
        #expect(Self.sum(text, "docket_units_done_total", labels: [pipelineLabel]) == Double(counts.done))
        #expect(Self.sum(text, "docket_units_held_total", labels: [pipelineLabel]) == Double(counts.held))
        #expect(Self.sum(text, "docket_units_failed_total", labels: [pipelineLabel]) == Double(counts.failed))
        #expect(Self.sum(text, "docket_documents_read_total", labels: [pipelineLabel]) == 2)
        #expect(
            Self.sum(text, "docket_endpoint_requests_total", labels: [#"endpoint="gpu""#, #"outcome="ok""#])
                == Double(server.requests.count))
        #expect(Self.sum(text, "docket_endpoint_request_duration_seconds_count") == Double(server.requests.count))
        #expect(Self.sum(text, "docket_units_held_total", labels: [#"level="restricted""#]) == Double(counts.held))
        // The breaker of the endpoint's one replica is closed (0); the store's statements are timed; the gauges of
        // what waits in the store are there.
        #expect(
            Self.sum(text, "docket_endpoint_breaker_state", labels: [#"endpoint="gpu""#, #"replica="0""#]) == 0
                && text.contains("docket_endpoint_breaker_state{"))
        #expect(Self.sum(text, "docket_store_query_duration_seconds_count", labels: [#"store="sqlite""#]) > 0)
        #expect(text.contains("docket_challenges_open"))
        // Labels name pipelines, endpoints and levels; never a document.
        #expect(!text.contains("mutual-nda") && !text.contains("arbeitsvertrag"))

        kill(worker.processIdentifier, SIGTERM)
        let logged = logs.fileHandleForReading.readDataToEndOfFile()
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
        // --log-format json: every line one JSON object with its level, subsystem and message; ids, not text.
        let lines = logged.split(separator: 0x0A)
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: String] }
        #expect(!lines.isEmpty && objects.count == lines.count, "\(lines.map { String(decoding: $0, as: UTF8.self) })")
        #expect(objects.contains { $0["message"] == "run completed" && $0["run"] == run.id && $0["level"] != nil })
    }

    /// `docket serve --metrics`: a submission's run whose only endpoint refuses connections gives up after its
    /// `give_up_after`, and the scrape shows what an alert watches: the run given up, as many units failed as
    /// `no-endpoint` as the store holds, the endpoint's breaker open (2); and the challenges open in the store.
    /// (AsyncHTTPClient retries a refused connection until the connect timeout: an attempt takes that long.)
    @Test(.timeLimit(.minutes(3))) func aServedRunThatGivesUpIsWhatTheMetricsShow() async throws {
        let (folder, _, file) = try GiveUpTests.deadEndpoint("served-dead", giveUpAfter: "6s")
        defer { try? FileManager.default.removeItem(at: folder) }
        let inbox = folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try (try String(contentsOf: file, encoding: .utf8) + "inputs: [{ folder: \(inbox.path) }]\n").write(
            to: file, atomically: true, encoding: .utf8)
        let storePath = folder.appendingPathComponent("docket.sqlite").path
        let store = try await SQLRunStore(sqlite: storePath)
        let document = TestPaths.sample("mutual-nda.pdf")
        try await store.addSubmission(
            Submission(
                id: "s-1", pipeline: "served-dead", folder: TestPaths.sampleDocuments.path, submittedBy: "Anna",
                note: nil, submittedAt: Date(), files: [(document, try ContentHash.sha256(ofFile: document))]))
        for id in ["c1", "c2"] {
            try await store.openChallenge(
                Challenge(
                    id: id, decisionID: "d-\(id)", decisionKind: .clause, unitKey: nil, challengedBy: "account:1",
                    reason: "wrong"),
                audit: AuditRecord(id: "opened-\(id)", kind: .challenge, run: "earlier", outcome: "opened"))
        }

        let port = try EmbeddedEngine.freePort()
        let serve = Process()
        serve.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        serve.arguments = [
            "serve", file.path, "--store", storePath, "--tick", "1", "--metrics", "127.0.0.1:\(port)",
            "--connect-timeout", "1",
        ]
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(120)
        while try await store.runs().first?.status != .completed && Date() < deadline {
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        let run = try #require(try await store.runs().first)
        #expect(run.status == .completed)
        let counts = try await store.counts(run: run.id)
        let givenUp = try await store.units(run: run.id).filter { $0.reason?.hasPrefix("no-endpoint") == true }
        #expect(counts.units > 0 && counts.failed == counts.units && !givenUp.isEmpty, "\(counts)")

        let text = try await Self.scrape(port: port)
        let pipelineLabel = #"pipeline="served-dead""#
        #expect(Self.sum(text, "docket_runs_given_up_total", labels: [pipelineLabel]) == 1)
        #expect(
            Self.sum(text, "docket_units_failed_total", labels: [pipelineLabel, #"reason="no-endpoint""#])
                == Double(givenUp.count))
        #expect(Self.sum(text, "docket_units_failed_total", labels: [pipelineLabel]) == Double(counts.failed))
        #expect(Self.sum(text, "docket_units_done_total", labels: [pipelineLabel]) == 0)
        // A refused connection fails after the connect timeout (1 s here): in 6 s, well over the breaker's 5.
        #expect(Self.sum(text, "docket_endpoint_requests_total", labels: [#"endpoint="gpu""#]) >= 5)
        #expect(Self.sum(text, "docket_endpoint_breaker_state", labels: [#"endpoint="gpu""#]) == 2)
        #expect(Self.sum(text, "docket_challenges_open") == 2)

        kill(serve.processIdentifier, SIGTERM)
        serve.waitUntilExit()
        #expect(serve.terminationStatus == 0)
    }

    /// `docket web --metrics`: its requests by route pattern and status, never a path with ids.
    @Test(.timeLimit(.minutes(2))) func theWorkspacesRequestsAreCountedByRouteAndStatus() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-metrics-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (webPort, metricsPort) = (try EmbeddedEngine.freePort(), try EmbeddedEngine.freePort())
        let web = Process()
        web.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        web.arguments = [
            "web", "--bind", "127.0.0.1:\(webPort)", "--metrics", "127.0.0.1:\(metricsPort)", "--store",
            folder.appendingPathComponent("docket.sqlite").path,
        ]
        web.standardOutput = FileHandle.nullDevice
        web.standardError = FileHandle.nullDevice
        try web.run()
        defer { if web.isRunning { kill(web.processIdentifier, SIGKILL) } }
        func get(_ path: String) async throws -> UInt {
            try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(webPort)\(path)"), timeout: .seconds(10)
            ).status.code
        }
        let deadline = Date().addingTimeInterval(60)
        while (try? await get("/health")) != 200 && Date() < deadline {
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        let before = Self.sum(
            try await Self.scrape(port: metricsPort), "docket_web_requests_total",
            labels: [#"route="/health""#, #"status="200""#])
        for _ in 0..<3 { #expect(try await get("/health") == 200) }
        // Not signed in: sent to the sign-in page (303; the client follows it).
        _ = try await get("/runs/20261207-000000-abcdef")
        let text = try await Self.scrape(port: metricsPort)
        #expect(
            Self.sum(text, "docket_web_requests_total", labels: [#"route="/health""#, #"status="200""#]) == before + 3)
        #expect(Self.sum(text, "docket_web_requests_total", labels: [#"status="303""#]) >= 1)
        #expect(!text.contains("20261207-000000-abcdef"), "a run id in a label")
        kill(web.processIdentifier, SIGTERM)
        web.waitUntilExit()
    }

    @Test func theAddressIsLoopbackUnlessGiven() throws {
        #expect(try MetricsAddress.parse("9464") == ("127.0.0.1", 9464))
        #expect(try MetricsAddress.parse("0.0.0.0:9464") == ("0.0.0.0", 9464))
        #expect(throws: (any Error).self) { try MetricsAddress.parse("localhost:") }
        #expect(throws: (any Error).self) { try MetricsAddress.parse("host:99999") }
    }
}
