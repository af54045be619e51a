import DocketModel
import DocketSpec

/// Picks the endpoints for a unit of work: the first routing rule whose conditions all hold
/// gives an ordered chain; the sovereignty gate removes endpoints cleared below the level, and
/// endpoints whose window cannot hold prompt, text and output are removed before anything is
/// sent. When nothing is left the work is held, with the reasons. Pure: no I/O, no clock.
public struct Router: Sendable {
    public let spec: RoutingSpec
    public let ruleSetVersion: String

    public init(spec: RoutingSpec) {
        self.spec = spec
        self.ruleSetVersion = RuleSetVersion.of(spec)
    }

    public func route(_ request: RouteRequest) -> RouteDecision {
        var decision = RouteDecision(
            rule: nil, ruleSetVersion: ruleSetVersion, level: request.level, chain: [],
            excluded: [], held: nil, neededTokens: [:], exposure: request.exposure)
        let defaultTokens = TokenEstimator().tokens(characters: request.promptCharacters, language: request.language)
        guard let rule = spec.rules.first(where: { matches($0, request, tokens: defaultTokens) }) else {
            decision.held = "no routing rule matches this work"
            return decision
        }
        decision.rule = rule.name
        for name in rule.use {
            guard let endpoint = spec.endpoints.first(where: { $0.name == name }) else {
                decision.excluded.append(.init(endpoint: name, reason: "not declared"))
                continue
            }
            if let refusal = SovereigntyGate.refusal(endpoint, level: request.level, taxonomy: spec.taxonomy) {
                decision.excluded.append(.init(endpoint: name, reason: refusal))
                continue
            }
            let prompt =
                request.exactPromptTokens[name]
                ?? TokenEstimator(endpoint: endpoint).tokens(
                    characters: request.promptCharacters, language: request.language)
            let needed = prompt + request.maxOutputTokens
            decision.neededTokens[name] = needed
            if needed > endpoint.contextTokens {
                decision.excluded.append(
                    .init(endpoint: name, reason: "needs \(needed) tokens, its window holds \(endpoint.contextTokens)"))
                continue
            }
            decision.chain.append(name)
        }
        if decision.chain.isEmpty {
            decision.held =
                "no endpoint of rule `\(rule.name)` may take it: "
                + decision.excluded.map { "\($0.endpoint) \($0.reason)" }.joined(separator: "; ")
        }
        return decision
    }

    /// The decision again, with exact prompt token counts where endpoints counted them: an
    /// endpoint whose window cannot hold the counted prompt and the output leaves the chain
    /// before anything is sent, and with nothing left the work is held.
    public static func refine(
        _ decision: RouteDecision, exactPromptTokens: [String: Int], maxOutputTokens: Int,
        spec: RoutingSpec
    ) -> RouteDecision {
        var refined = decision
        for (name, counted) in exactPromptTokens where decision.chain.contains(name) {
            refined.neededTokens[name] = counted + maxOutputTokens
        }
        return narrowed(refined, spec: spec, heldBecause: "no endpoint's window holds the counted prompt: ") {
            name, endpoint in
            guard let endpoint, let counted = exactPromptTokens[name] else { return nil }
            let needed = counted + maxOutputTokens
            return needed > endpoint.contextTokens
                ? "needs \(needed) tokens (counted), its window holds \(endpoint.contextTokens)" : nil
        }
    }

    /// The decision again for a prompt found, when it was rendered, to carry more than it was
    /// routed for: the gate is asked again at the higher level, and with no endpoint left the work
    /// is held. A lower level changes nothing: a route is never widened after the fact.
    public static func raise(_ decision: RouteDecision, to level: String, spec: RoutingSpec) -> RouteDecision {
        let taxonomy = spec.taxonomy
        if let new = taxonomy.rank(of: level), let old = taxonomy.rank(of: decision.level), new <= old {
            return decision
        }
        var raised = decision
        raised.level = level
        let held = "the rendered prompt is \(level); no endpoint of the chain is cleared for it: "
        return narrowed(raised, spec: spec, heldBecause: held) { _, endpoint in
            guard let endpoint else { return "not declared" }
            return SovereigntyGate.refusal(endpoint, level: level, taxonomy: taxonomy)
                .map { $0 + " (the rendered prompt's level)" }
        }
    }

    /// The decision with each endpoint of its chain that `refusal` gives a reason for moved to
    /// the exclusions, order kept; with none left (and not held already), held, with the reasons.
    private static func narrowed(
        _ decision: RouteDecision, spec: RoutingSpec, heldBecause: String, refusal: (String, EndpointSpec?) -> String?
    ) -> RouteDecision {
        var narrowed = decision
        narrowed.chain = []
        for name in decision.chain {
            if let reason = refusal(name, spec.endpoints.first { $0.name == name }) {
                narrowed.excluded.append(.init(endpoint: name, reason: reason))
            } else {
                narrowed.chain.append(name)
            }
        }
        if narrowed.chain.isEmpty && narrowed.held == nil {
            narrowed.held =
                heldBecause + narrowed.excluded.map { "\($0.endpoint) \($0.reason)" }.joined(separator: "; ")
        }
        return narrowed
    }

    func matches(_ rule: RoutingRule, _ request: RouteRequest, tokens: Int) -> Bool {
        (rule.levels.isEmpty || rule.levels.contains(request.level))
            && (rule.documentTypes.isEmpty || rule.documentTypes.contains(request.documentType.rawValue))
            && (rule.languages.isEmpty || request.language.map(rule.languages.contains) == true)
            && (rule.tasks.isEmpty || request.task.map(rule.tasks.contains) == true)
            && (rule.minTokens.map { tokens >= $0 } ?? true)
            && (rule.maxTokens.map { tokens <= $0 } ?? true)
            && (rule.clauses.isEmpty || rule.clauses.contains(where: request.clauses.contains))
    }
}

/// The part of a pipeline that decides where work goes, and what its version hashes.
public struct RoutingSpec: Sendable, Codable, Equatable {
    public var taxonomy: TaxonomySpec
    public var endpoints: [EndpointSpec]
    public var rules: [RoutingRule]
    /// The version of the clause model whose categories the rules and tasks use: a new model re-decides.
    public var clauseModel: String?

    public init(taxonomy: TaxonomySpec, endpoints: [EndpointSpec], rules: [RoutingRule], clauseModel: String? = nil) {
        self.taxonomy = taxonomy
        self.endpoints = endpoints
        self.rules = rules
        self.clauseModel = clauseModel
    }

    public init(_ pipeline: PipelineSpec) {
        self.init(
            taxonomy: pipeline.classification, endpoints: pipeline.endpoints, rules: pipeline.routing,
            clauseModel: try? ClauseModel.bundled.get().version)
    }
}
