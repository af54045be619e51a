import DocketTestSupport
import Foundation
import StoreTestSupport
import Testing

@testable import DocketDecide
@testable import DocketInfer
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// One endpoint served by several replicas of the same model: least-busy choice, a breaker per
/// replica, and a replica going down costs time, not units.
@Suite struct ReplicaTests {
    static let schema = try! JSONValue(
        data: Data(#"{"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}"#.utf8))
    static let task = TaskSpec(name: "t", prompt: "", schema: "", scope: .chunk, maxOutputTokens: 16, temperature: 0)
    static let taxonomy = TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: [])

    /// `count` units for one endpoint whose replicas are `urls`, run `count` at a time.
    func run(
        urls: [String], count: Int, breaker: (Int, Double) = (3, 30)
    ) async throws -> (outcomes: [UnitOutcome], store: SQLRunStore) {
        var spec = EndpointSpec(
            name: "gpu", url: urls[0], model: "m", sovereignty: .selfHosted, clearance: "internal", contextTokens: 8192,
            maxConcurrency: 4)
        spec.replicaURLs = urls
        let routing = RoutingSpec(
            taxonomy: Self.taxonomy, endpoints: [spec], rules: [RoutingRule(name: "all", use: ["gpu"])])
        let decision = Router(spec: routing).route(
            RouteRequest(
                level: "internal", documentType: .other, language: "en", task: "t",
                promptCharacters: 100, maxOutputTokens: 16))
        let store = try await SQLRunStore(
            sqlite: FileManager.default.temporaryDirectory.appendingPathComponent("replicas-\(UUID()).sqlite").path)
        try await store.createRun(
            RunRecord(
                id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date()))
        let units = (0..<count).map {
            UnitRecord(
                key: "u\($0)", documentSHA256: "sha", documentName: "d", chunkID: "c", task: "t",
                status: .pending, route: decision, reason: nil)
        }
        try await store.addUnits(units, chunkTexts: ["c": ("text", "")], run: "r", audit: [])
        let pool = EndpointPool.make(
            endpoints: [spec], embedded: nil, timeout: 5, breakerThreshold: breaker.0, breakerCooldown: breaker.1)
        let executor = UnitExecutor(
            pool: pool, attempts: StoreAttempts(store: store), spec: routing,
            retry: RetryPolicy(retriesPerEndpoint: 2, baseDelay: 0.05, maximumDelay: 0.2))
        let outcomes = await withTaskGroup(of: UnitOutcome.self) { group in
            for unit in units {
                group.addTask { await executor.execute(unit, prompt: "p", task: Self.task, schema: Self.schema) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        return (outcomes, store)
    }

    @Test(.timeLimit(.minutes(5))) func requestsGoToTheReplicaWithTheFewestOutstanding() async throws {
        let one = try FaultServer(mode: "ok", delay: 0.3), two = try FaultServer(mode: "ok", delay: 0.3)
        let (outcomes, _) = try await run(urls: [one.url, two.url], count: 8)
        #expect(outcomes.allSatisfy { if case .done = $0 { true } else { false } })
        // Balanced: 4 and 4 when all start together; a loaded machine may stagger them a little.
        #expect(one.requests.count >= 3 && two.requests.count >= 3, "\(one.requests.count) and \(two.requests.count)")
    }

    @Test(.timeLimit(.minutes(5)), arguments: ["reset", "503", "garbage"])
    func aReplicaGoingDownLosesNothing(_ mode: String) async throws {
        let down = try FaultServer(mode: mode), up = try FaultServer(mode: "ok", delay: 0.1)
        let (outcomes, _) = try await run(urls: [down.url, up.url], count: 12)
        #expect(outcomes.allSatisfy { if case .done = $0 { true } else { false } }, "\(outcomes)")
        // Each unit answered once.
        #expect(Set(outcomes.compactMap { if case .done(let result) = $0 { result.unitKey } else { nil } }).count == 12)
        #expect(up.requests.filter { $0.status == 200 }.count == 12)
        // The down replica's breaker opened after 3 failures: it was not asked for every unit.
        #expect(down.requests.count <= 6, "\(down.requests.count) requests to the replica that is down")
    }

    @Test func anEndpointListsItsReplicasUnderURL() async throws {
        let yaml = ValidPipeline.yaml.replacingOccurrences(
            of: #"url: "https://api.example.eu/v1""#,
            with: #"url: ["https://gpu1:8000/v1", "https://gpu2:8000/v1"]"#)
        let spec = try PipelineLoader.parse(yaml, file: "/p/pipeline.yaml")
        #expect(spec.endpoint(named: "cloud")?.replicaURLs == ["https://gpu1:8000/v1", "https://gpu2:8000/v1"])
        #expect(spec.endpoint(named: "cloud")?.url == "https://gpu1:8000/v1")
        let twice = ValidPipeline.yaml.replacingOccurrences(
            of: #"url: "https://api.example.eu/v1""#,
            with: #"url: ["https://gpu1:8000/v1", "https://gpu1:8000/v1"]"#)
        #expect(throws: PipelineSpecError.self) { try PipelineLoader.parse(twice, file: "/p/pipeline.yaml") }
    }
}
