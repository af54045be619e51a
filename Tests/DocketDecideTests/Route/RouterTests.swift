import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketSpec

@Suite struct RouterTests {
    static let taxonomy = TaxonomySpec(
        levels: ["public", "internal", "confidential", "restricted"], defaultLevel: "internal", rules: [])
    static let endpoints = [
        EndpointSpec(
            name: "local", url: nil, model: "small", sovereignty: .selfHosted, clearance: "restricted",
            contextTokens: 8_192),
        EndpointSpec(
            name: "volume", url: "http://volume:8000/v1", model: "mistral", sovereignty: .selfHosted,
            clearance: "restricted", contextTokens: 32_768),
        EndpointSpec(
            name: "scout", url: "http://scout:8000/v1", model: "scout", sovereignty: .selfHosted,
            clearance: "restricted", contextTokens: 1_000_000),
        EndpointSpec(
            name: "cloud", url: "https://api.example.eu/v1", model: "m", sovereignty: .euCloud, clearance: "internal",
            contextTokens: 128_000),
    ]
    static let rules = [
        RoutingRule(name: "long", minTokens: 24_000, use: ["scout"]),
        RoutingRule(name: "hr", documentTypes: ["employment"], use: ["local"]),
        RoutingRule(name: "low", levels: ["public", "internal"], use: ["cloud", "volume", "local"]),
        RoutingRule(name: "default", use: ["volume", "local"]),
    ]
    let spec = RoutingSpec(taxonomy: taxonomy, endpoints: endpoints, rules: rules)

    func request(
        _ level: String, characters: Int = 4_000, type: DocumentType = .services, output: Int = 300
    ) -> RouteRequest {
        RouteRequest(
            level: level, documentType: type, language: "en", task: "review", promptCharacters: characters,
            maxOutputTokens: output)
    }

    @Test func lowLevelsMayGoToTheCloudFirst() {
        let decision = Router(spec: spec).route(request("internal"))
        #expect(decision.rule == "low")
        #expect(decision.chain == ["cloud", "volume", "local"])
        #expect(decision.held == nil)
    }

    @Test func theGateRemovesEndpointsClearedBelowTheLevel() {
        let cloudFirst = RoutingSpec(
            taxonomy: Self.taxonomy, endpoints: Self.endpoints,
            rules: [RoutingRule(name: "all", use: ["cloud", "volume", "local"])])
        let decision = Router(spec: cloudFirst).route(request("restricted"))
        #expect(decision.chain == ["volume", "local"])
        #expect(
            decision.excluded == [
                .init(endpoint: "cloud", reason: "cleared for internal, below the work's level restricted")
            ])
    }

    @Test func windowsAreCheckedBeforeAnythingIsSent() {
        // 100,000 characters: about 27,500 tokens by the default estimate, over the "long" threshold.
        let long = Router(spec: spec).route(request("restricted", characters: 100_000))
        #expect(long.rule == "long" && long.chain == ["scout"])
        // 40,000 characters fit volume (32k) but not local (8k).
        let medium = Router(spec: spec).route(request("restricted", characters: 40_000))
        #expect(medium.chain == ["volume"])
        #expect(medium.excluded.first?.endpoint == "local")
        #expect(medium.excluded.first?.reason.contains("window holds 8192") == true)
        #expect(medium.neededTokens["local"]! > 8_192)
    }

    @Test func exactCountsReplaceEstimates() {
        var exact = request("restricted", characters: 40_000)
        exact.exactPromptTokens = ["local": 7_000]
        #expect(Router(spec: spec).route(exact).chain == ["volume", "local"])
    }

    @Test func exactCountsRefineADecisionBeforeSending() {
        let decision = Router(spec: spec).route(request("restricted", characters: 4_000))
        #expect(decision.chain == ["volume", "local"])
        let refined = Router.refine(decision, exactPromptTokens: ["local": 8_000], maxOutputTokens: 300, spec: spec)
        #expect(refined.chain == ["volume"])
        #expect(refined.excluded.last?.reason == "needs 8300 tokens (counted), its window holds 8192")
        let none = Router.refine(
            decision, exactPromptTokens: ["local": 9_000, "volume": 40_000], maxOutputTokens: 300, spec: spec)
        #expect(none.chain.isEmpty && none.held?.contains("counted") == true)
        #expect(Router.refine(decision, exactPromptTokens: [:], maxOutputTokens: 300, spec: spec) == decision)
    }

    @Test func nothingLeftMeansHeldWithTheReasons() {
        let decision = Router(spec: spec).route(request("restricted", characters: 60_000, type: .employment))
        #expect(decision.chain.isEmpty)
        #expect(decision.held?.contains("local needs") == true)
        let unmatched = RoutingSpec(
            taxonomy: Self.taxonomy, endpoints: Self.endpoints,
            rules: [RoutingRule(name: "only-public", levels: ["public"], use: ["cloud"])])
        #expect(Router(spec: unmatched).route(request("restricted")).held == "no routing rule matches this work")
    }

    @Test func fallbacksFollowFailures() {
        let decision = Router(spec: spec).route(request("internal"))
        var sequencer = AttemptSequencer(decision: decision, spec: spec, retriesPerEndpoint: 1)
        #expect(sequencer.next()?.name == "cloud")
        sequencer.record(.retryableFailure)
        #expect(sequencer.next()?.name == "cloud")  // one retry
        sequencer.record(.retryableFailure)
        #expect(sequencer.next()?.name == "volume")
        sequencer.record(.contextLengthExceeded)
        #expect(sequencer.next() == nil)  // local's window (8k) is smaller than volume's (32k)
    }

    @Test func aFatalFailureOrSuccessEndsTheSequence() {
        for outcome in [AttemptOutcome.fatalFailure, .success] {
            var sequencer = AttemptSequencer(decision: Router(spec: spec).route(request("internal")), spec: spec)
            _ = sequencer.next()
            sequencer.record(outcome)
            #expect(sequencer.next() == nil)
        }
    }

    @Test func theRuleSetVersionChangesWithRulesNotPrices() {
        let base = RuleSetVersion.of(spec)
        var priced = spec
        priced.endpoints[3].inputPricePerMillion = 9
        priced.endpoints[3].maxConcurrency = 99
        #expect(RuleSetVersion.of(priced) == base)
        var changed = spec
        changed.rules[2].use = ["volume", "cloud"]
        #expect(RuleSetVersion.of(changed) != base)
        var cleared = spec
        cleared.endpoints[3].clearance = "public"
        #expect(RuleSetVersion.of(cleared) != base)
        #expect(Router(spec: spec).route(request("internal")).ruleSetVersion == base)
    }
}
