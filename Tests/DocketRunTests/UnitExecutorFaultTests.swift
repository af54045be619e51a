import DocketTestSupport
import Foundation
import GRDB
import StoreTestSupport
import Testing

@testable import DocketDecide
@testable import DocketInfer
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// Retries, fallbacks, the circuit breaker and schema repair against a loopback server that
/// fails on purpose. Nothing may be lost: every unit ends with a result or a recorded reason.
@Suite(.serialized) struct UnitExecutorFaultTests {
    static let schema = try! JSONValue(
        data: Data(
            #"""
            {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"],
             "additionalProperties": false}
            """#.utf8))
    static let task = TaskSpec(name: "t", prompt: "", schema: "", scope: .chunk, maxOutputTokens: 16, temperature: 0)
    static let taxonomy = TaxonomySpec(levels: ["internal", "restricted"], defaultLevel: "internal", rules: [])

    struct Setup {
        var executor: UnitExecutor
        var store: SQLRunStore
        var unit: UnitRecord
    }

    /// Endpoints a, b, … at the given URLs with the given windows; the unit routes a > b > ….
    func setup(
        _ endpoints: [(url: String, window: Int, clearance: String)], level: String = "internal",
        retries: Int = 2, breaker: (Int, Double) = (5, 30), circuitWait: Double = 5, timeout: Double = 5,
        lease: WorkerLease? = nil
    ) async throws -> Setup {
        let specs = endpoints.enumerated().map { index, e in
            EndpointSpec(
                name: String(UnicodeScalar(97 + index)!), url: e.url, model: "m\(index)", sovereignty: .selfHosted,
                clearance: e.clearance, contextTokens: e.window, maxConcurrency: 2)
        }
        let routing = RoutingSpec(
            taxonomy: Self.taxonomy, endpoints: specs, rules: [RoutingRule(name: "all", use: specs.map(\.name))])
        let decision = Router(spec: routing).route(
            RouteRequest(
                level: level, documentType: .other, language: "en", task: "t",
                promptCharacters: 100, maxOutputTokens: 16))
        let store = try await SQLRunStore(
            sqlite: FileManager.default.temporaryDirectory.appendingPathComponent("s-\(UUID()).sqlite").path)
        try await store.createRun(
            RunRecord(
                id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date()))
        let unit = UnitRecord(
            key: "unit-\(UUID().uuidString.prefix(8))", documentSHA256: "sha", documentName: "d", chunkID: "c",
            task: "t", status: decision.held == nil ? .pending : .held, route: decision, reason: decision.held)
        try await store.addUnits([unit], chunkTexts: ["c": ("text", "1 Heading")], run: "r", audit: [])
        let pool = EndpointPool.make(
            endpoints: specs, embedded: nil, timeout: timeout, breakerThreshold: breaker.0, breakerCooldown: breaker.1)
        let executor = UnitExecutor(
            pool: pool, attempts: StoreAttempts(store: store, lease: lease), spec: routing,
            retry: RetryPolicy(retriesPerEndpoint: retries, baseDelay: 0.05, maximumDelay: 0.2),
            maximumCircuitWait: circuitWait)
        return Setup(executor: executor, store: store, unit: unit)
    }

    func run(_ setup: Setup) async -> UnitOutcome {
        await setup.executor.execute(setup.unit, prompt: "p", task: Self.task, schema: Self.schema)
    }

    /// A worker whose lease ran out while it stalled, and whose unit another worker claimed, sends nothing
    /// for it: no request, no attempt, nothing to store. The worker that holds it answers it.
    @Test func aUnitTakenOverIsNotSent() async throws {
        let server = try FaultServer(mode: "ok")
        let stale = try await setup([(server.url, 8192, "restricted")], lease: WorkerLease(owner: "slow", seconds: 60))
        let claimed = try await stale.store.claimUnits(runs: ["r"], owner: "next", limit: 1, lease: 60)
        #expect(claimed.map(\.unit.key) == [stale.unit.key])
        #expect(await run(stale) == .takenOver)
        #expect(server.requests.isEmpty)
        let attempts = try await DatabaseQueue(path: stale.store.location).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM attempts") ?? -1
        }
        #expect(attempts == 0)
        var holder = stale
        holder.executor = UnitExecutor(
            pool: stale.executor.pool,
            attempts: StoreAttempts(store: stale.store, lease: WorkerLease(owner: "next", seconds: 60)),
            spec: stale.executor.spec)
        guard case .done = await run(holder) else { Issue.record("the holder's attempt was not answered"); return }
        #expect(server.requests.count == 1)
    }

    @Test func a503IsRetriedHonouringRetryAfterThenSucceeds() async throws {
        let server = try FaultServer(mode: "503", failures: 2)
        let setup = try await setup([(server.url, 8192, "restricted")])
        guard case .done(let result) = await run(setup) else { Issue.record("not done"); return }
        #expect(result.endpoint == "a" && result.resultJSON.contains("ok"))
        #expect(server.requests.map(\.status) == [503, 503, 200])
        // Retry-After: 1 was honoured: the retries are at least a second apart.
        let times = server.requests.map(\.time)
        #expect(times[1] - times[0] >= 0.9 && times[2] - times[1] >= 0.9)
        // The observer saw every attempt: two refused, the last answered. The executor stored no result.
        let attempts = try await DatabaseQueue(path: setup.store.location).read { db in
            try String.fetchAll(db, sql: "SELECT outcome FROM attempts ORDER BY id")
        }
        #expect(attempts.count == 3 && attempts.last == "ok", "\(attempts)")
        #expect(try await setup.store.results(run: "r").isEmpty)
    }

    /// The typed request carries what an OpenAI-compatible server reads, the schema as written
    /// (integers stay integers for grammar builders), and the unit's header; the typed reply is read.
    @Test func theRequestAndReplyAreTheOpenAIWireFormat() async throws {
        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("bodies-\(UUID())")
        try FileManager.default.createDirectory(at: dump, withIntermediateDirectories: true)
        let server = try FaultServer(mode: "ok", dump: dump)
        let setup = try await setup([(server.url, 8192, "restricted")])
        let schema = try JSONValue(
            data: Data(#"{"type": "object", "properties": {"answer": {"type": "string", "maxLength": 40}}}"#.utf8))
        guard
            case .done(let result) = await setup.executor.execute(
                setup.unit, prompt: "p", task: Self.task, schema: schema)
        else { Issue.record("not done"); return }
        #expect(result.resultJSON.contains("ok") && result.promptTokens > 0)
        let body = try #require(FaultServer.bodies(in: dump).first)
        let sent = try JSONValue(data: Data(body.utf8))
        #expect(sent.members["model"] == .string("m0") && sent.members["max_tokens"] == .integer(16))
        #expect(sent.members["messages"] == .array([.object(["role": .string("user"), "content": .string("p")])]))
        let format = sent.members["response_format"]?.members ?? [:]
        #expect(format["type"] == .string("json_schema"))
        #expect(
            format["json_schema"]?.members["schema"] == schema
                && format["json_schema"]?.members["strict"] == .bool(true))
        #expect(body.contains(#""maxLength":40"#) && !body.contains("40.0"))
    }

    @Test func persistentFailuresFallBackToTheNextEndpoint() async throws {
        for mode in ["503", "garbage", "reset"] {
            let bad = try FaultServer(mode: mode), good = try FaultServer(mode: "ok")
            let setup = try await setup([(bad.url, 8192, "restricted"), (good.url, 8192, "restricted")], retries: 1)
            guard case .done(let result) = await run(setup) else { Issue.record("\(mode): not done"); continue }
            #expect(result.endpoint == "b", "\(mode)")
            #expect(bad.requests.count == 2, "\(mode): one try and one retry, then fall back")
            #expect(good.requests.count == 1)
        }
    }

    /// A declared endpoint that answers 307 to an undeclared server: the redirect is not
    /// followed (the undeclared server receives nothing), it counts as that endpoint's failure,
    /// and the unit falls back to the next endpoint; the result names the endpoint that answered.
    @Test func aRedirectIsNeverFollowedAndFallsBack() async throws {
        let undeclared = try FaultServer(mode: "ok"), good = try FaultServer(mode: "ok")
        let redirecting = try FaultServer(mode: "redirect", location: "http://127.0.0.1:\(undeclared.port)")
        let setup = try await setup(
            [(redirecting.url, 8192, "restricted"), (good.url, 8192, "restricted")], retries: 1)
        guard case .done(let result) = await run(setup) else { Issue.record("not done"); return }
        #expect(undeclared.requests.isEmpty)
        #expect(redirecting.requests.map(\.status) == [307, 307])
        #expect(result.endpoint == "b" && good.requests.count == 1)
        let errors = try await DatabaseQueue(path: setup.store.location).read { db in
            try String.fetchAll(db, sql: "SELECT endpoint || ' ' || error FROM attempts WHERE error IS NOT NULL")
        }
        #expect(errors.count == 2 && errors.allSatisfy { $0.hasPrefix("a redirect refused (HTTP 307)") })
    }

    @Test func aStallPastTheTimeoutIsRetriedElsewhere() async throws {
        let stalling = try FaultServer(mode: "stall", stall: 20), good = try FaultServer(mode: "ok")
        let setup = try await setup(
            [(stalling.url, 8192, "restricted"), (good.url, 8192, "restricted")], retries: 0, timeout: 1)
        guard case .done(let result) = await run(setup) else { Issue.record("not done"); return }
        #expect(result.endpoint == "b")
        #expect(stalling.requests.count == 1)
    }

    @Test func aContextLengthErrorMovesToALargerWindow() async throws {
        let small = try FaultServer(mode: "context"), smaller = try FaultServer(mode: "ok"),
            large = try FaultServer(mode: "ok")
        let setup = try await setup([
            (small.url, 8192, "restricted"), (smaller.url, 4096, "restricted"), (large.url, 32768, "restricted"),
        ])
        guard case .done(let result) = await run(setup) else { Issue.record("not done"); return }
        #expect(result.endpoint == "c")
        #expect(small.requests.count == 1 && smaller.requests.isEmpty && large.requests.count == 1)
    }

    @Test func otherClientErrorsFailTheUnitWithoutFallback() async throws {
        let fatal = try FaultServer(mode: "fatal"), good = try FaultServer(mode: "ok")
        let setup = try await setup([(fatal.url, 8192, "restricted"), (good.url, 8192, "restricted")])
        guard case .failed(let reason) = await run(setup) else { Issue.record("should fail"); return }
        #expect(reason.contains("HTTP 400"))
        #expect(fatal.requests.count == 1 && good.requests.isEmpty)
    }

    @Test func aSchemaInvalidAnswerGetsOneRepairRequest() async throws {
        let once = try FaultServer(mode: "invalid", failures: 1)
        let repaired = try await setup([(once.url, 8192, "restricted")])
        guard case .done = await run(repaired) else { Issue.record("not repaired"); return }
        #expect(once.requests.count == 2)

        let always = try FaultServer(mode: "invalid")
        let broken = try await setup([(always.url, 8192, "restricted")])
        guard case .failed(let reason) = await run(broken) else { Issue.record("should fail"); return }
        #expect(
            reason.contains("after one repair request") && reason.contains("$.wrong is not allowed")
                || reason.contains("$.answer is required"))
        #expect(always.requests.count == 2)
    }

    @Test func theCircuitBreakerStopsHammeringASingleEndpoint() async throws {
        let down = try FaultServer(mode: "503")
        // Three failures (a second apart: Retry-After) open the circuit for 2 s; the unit waits for the
        // half-open probe instead of sending more, and gives up when its wait limit (6 s) would pass.
        let setup = try await setup([(down.url, 8192, "restricted")], retries: 10, breaker: (3, 2), circuitWait: 6)
        guard case .failed = await run(setup) else { Issue.record("should fail"); return }
        let requests = down.requests
        #expect(requests.count <= 5, "\(requests.count) requests: the breaker did not stop them")
        #expect(requests.count >= 4, "the half-open probe never came")
        let gap = zip(requests.dropFirst(), requests).map { $0.time - $1.time }.max() ?? 0
        #expect(gap >= 1.5, "no cooldown between failures and the probe")
    }

    @Test func anEndpointClearedBelowTheLevelIsNeverContacted() async throws {
        let cloud = try FaultServer(mode: "ok"), local = try FaultServer(mode: "ok")
        let setup = try await setup(
            [(cloud.url, 8192, "internal"), (local.url, 8192, "restricted")], level: "restricted")
        guard case .done(let result) = await run(setup) else { Issue.record("not done"); return }
        #expect(result.endpoint == "b")
        #expect(cloud.requests.isEmpty)
    }

    @Test func circuitBreakerStates() async {
        let breaker = CircuitBreaker(threshold: 2, cooldown: 10)
        let start = Date()
        #expect(await breaker.permit(now: start).allowed)
        await breaker.recordFailure(now: start)
        #expect(await breaker.permit(now: start).allowed)
        await breaker.recordFailure(now: start)
        #expect(await breaker.permit(now: start.addingTimeInterval(5)).allowed == false)
        #expect(await breaker.permit(now: start.addingTimeInterval(11)).allowed)  // the probe
        #expect(await breaker.permit(now: start.addingTimeInterval(11)).allowed == false)  // only one probe
        await breaker.recordFailure(now: start.addingTimeInterval(12))
        #expect(await breaker.permit(now: start.addingTimeInterval(13)).allowed == false)
        #expect(await breaker.permit(now: start.addingTimeInterval(23)).allowed)
        await breaker.recordSuccess()
        #expect(await breaker.state == .closed)
    }

    @Test func schemaValidation() async throws {
        let schema = try JSONValue(
            data: Data(
                #"""
                {"type": "object", "required": ["a"], "additionalProperties": false,
                 "properties": {"a": {"type": "string", "enum": ["x", "y"]}, "n": {"type": "integer", "maximum": 3},
                                "l": {"type": "array", "items": {"type": "boolean"}, "maxItems": 2}}}
                """#.utf8))
        func check(_ json: String) -> String? { UnitExecutor.problem(with: json, schema: schema) }
        #expect(check(#"{"a":"x","n":2,"l":[true,false]}"#) == nil)
        #expect(check(#"{"a":"z"}"#) == "$.a is not one of the allowed values")
        #expect(check(#"{"n":1}"#) == "$.a is required")
        #expect(check(#"{"a":"x","n":4}"#) == "$.n is above 3.0")
        #expect(check(#"{"a":"x","n":1.5}"#) == "$.n must be of type integer")
        #expect(check(#"{"a":"x","l":[1]}"#) == "$.l[0] must be of type boolean")
        #expect(check(#"{"a":"x","l":[true,true,true]}"#) == "$.l has more than 2 items")
        #expect(check(#"{"a":"x","extra":1}"#) == "$.extra is not allowed")
        #expect(check("not json") == "it is not JSON")
    }
}
