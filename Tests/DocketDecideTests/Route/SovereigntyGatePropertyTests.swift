import PropertyBased
import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketSpec

/// For random taxonomies, endpoints, rules, chunk levels and any sequence of endpoint failures:
/// no attempt ever goes to an endpoint cleared below the chunk's level, and held work makes no
/// attempt at all.
@Suite struct SovereigntyGatePropertyTests {
    struct World {
        var spec: RoutingSpec
        var level: String
    }

    /// Builds a routing world from generated numbers: `levelCount` levels, one endpoint per
    /// clearance (wrapped into the levels), rules whose level sets and chains come from seeds.
    static func world(levelCount: Int, clearances: [Int], windows: [Int], ruleSeeds: [Int], levelIndex: Int) -> World {
        let levels = (0..<levelCount).map { "L\($0)" }
        let endpoints = clearances.enumerated().map { index, clearance in
            EndpointSpec(
                name: "e\(index)", url: index == 0 ? nil : "http://e\(index)/v1", model: "m\(index)",
                sovereignty: Sovereignty.allCases[clearance % 3], clearance: levels[clearance % levelCount],
                contextTokens: windows[index % windows.count])
        }
        let rules = ruleSeeds.enumerated().map { index, seed in
            RoutingRule(
                name: "r\(index)",
                levels: levels.enumerated().filter { (seed >> $0.offset) & 1 == 1 }.map(\.element),
                use: (0..<(1 + seed % 4)).map { "e\((seed / 7 + $0 * 3) % endpoints.count)" })
        }
        let taxonomy = TaxonomySpec(levels: levels, defaultLevel: levels[0], rules: [])
        return World(
            spec: RoutingSpec(taxonomy: taxonomy, endpoints: endpoints, rules: rules),
            level: levels[levelIndex % levelCount])
    }

    static func rank(_ level: String, _ spec: RoutingSpec) -> Int { spec.taxonomy.rank(of: level)! }

    /// Runs the attempt loop as an engine client would, feeding it the given outcomes.
    static func attempts(_ decision: RouteDecision, _ spec: RoutingSpec, outcomes: [Int]) -> [EndpointSpec] {
        var sequencer = AttemptSequencer(decision: decision, spec: spec)
        var tried: [EndpointSpec] = []
        var step = 0
        while let endpoint = sequencer.next(), tried.count < 200 {
            tried.append(endpoint)
            let outcome =
                outcomes.isEmpty
                ? .retryableFailure
                : AttemptOutcome.allCases[outcomes[step % outcomes.count] % AttemptOutcome.allCases.count]
            sequencer.record(outcome)
            step += 1
        }
        return tried
    }

    @Test func noAttemptGoesBelowTheLevelAndHeldWorkMakesNone() async {
        await propertyCheck(
            count: 400,
            input:
                Gen.int(in: 1...6), Gen.int(in: 0...20).array(of: 1...8), Gen.int(in: 256...300_000).array(of: 1...8),
            Gen.int(in: 0...1_000).array(of: 0...6), Gen.int(in: 0...20), Gen.int(in: 0...9).array(of: 0...30),
            Gen.int(in: 0...400_000)
        ) { levelCount, clearances, windows, ruleSeeds, levelIndex, outcomes, characters in
            let world = Self.world(
                levelCount: levelCount, clearances: clearances, windows: windows, ruleSeeds: ruleSeeds,
                levelIndex: levelIndex)
            let request = RouteRequest(
                level: world.level, documentType: .other, language: nil, task: nil,
                promptCharacters: characters, maxOutputTokens: 256)
            let decision = Router(spec: world.spec).route(request)
            let needed = Self.rank(world.level, world.spec)
            for name in decision.chain {
                #expect(Self.rank(world.spec.endpoints.first { $0.name == name }!.clearance, world.spec) >= needed)
            }
            let tried = Self.attempts(decision, world.spec, outcomes: outcomes)
            #expect(tried.allSatisfy { Self.rank($0.clearance, world.spec) >= needed })
            if decision.held != nil { #expect(tried.isEmpty) }
        }
    }

    @Test func theGateHoldsEvenIfAChainWereWrong() async {
        // Defence in depth: a decision whose chain names every endpoint (as a router bug might)
        // still never reaches an endpoint cleared below the level.
        await propertyCheck(
            count: 300,
            input:
                Gen.int(in: 1...6), Gen.int(in: 0...20).array(of: 1...8), Gen.int(in: 0...20),
            Gen.int(in: 0...9).array(of: 0...30)
        ) { levelCount, clearances, levelIndex, outcomes in
            let world = Self.world(
                levelCount: levelCount, clearances: clearances, windows: [1_000_000], ruleSeeds: [],
                levelIndex: levelIndex)
            let forged = RouteDecision(
                rule: "forged", ruleSetVersion: "x", level: world.level, chain: world.spec.endpoints.map(\.name),
                excluded: [], held: nil, neededTokens: [:])
            let needed = Self.rank(world.level, world.spec)
            let tried = Self.attempts(forged, world.spec, outcomes: outcomes)
            #expect(tried.allSatisfy { Self.rank($0.clearance, world.spec) >= needed })
        }
    }
}
