import Foundation
import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketSpec

/// Sovereignty is policy: the highest level each sovereignty may receive, enforced by
/// `docket validate` and by the gate itself, and no API key in clear text to another machine.
@Suite struct SovereigntyPolicyTests {
    func pipeline(endpoint: String, policy: String = "") -> String {
        """
        name: test
        classification:
          levels: [public, internal, confidential, restricted]
          default: internal
        \(policy)
        endpoints:
          remote: { \(endpoint), context_tokens: 32000 }
        routing:
          - { use: [remote] }
        """
    }

    func messages(_ yaml: String) -> [String] {
        do {
            _ = try PipelineLoader.parse(yaml, file: "/p/pipeline.yaml")
            return []
        } catch let error as PipelineSpecError {
            return error.issues.map(\.message)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aClearanceAboveTheSovereigntysCeilingIsRefused() {
        let thirdCountry = messages(
            pipeline(endpoint: "url: \"https://x.example/v1\", sovereignty: third-country, clearance: restricted"))
        #expect(thirdCountry.count == 1 && thirdCountry[0].contains("above what third-country may receive (internal)"))
        let euCloud = messages(
            pipeline(endpoint: "url: \"https://x.example/v1\", sovereignty: eu-cloud, clearance: restricted"))
        #expect(euCloud.count == 1 && euCloud[0].contains("(confidential)"))
        // Within the defaults: valid.
        #expect(
            messages(
                pipeline(endpoint: "url: \"https://x.example/v1\", sovereignty: third-country, clearance: internal")
            ).isEmpty)
        #expect(
            messages(
                pipeline(endpoint: "url: \"https://x.example/v1\", sovereignty: self-hosted, clearance: restricted")
            ).isEmpty)
    }

    @Test func anExplicitCeilingInTheFileOverridesTheDefault() async throws {
        let yaml = pipeline(
            endpoint: "url: \"https://x.example/v1\", sovereignty: eu-cloud, clearance: restricted",
            policy: "sovereignty: { eu-cloud: restricted, third-country: public }")
        #expect(messages(yaml).isEmpty)
        let spec = try PipelineLoader.parse(yaml, file: "/p/pipeline.yaml")
        #expect(spec.classification.ceiling(of: .euCloud) == "restricted")
        #expect(spec.classification.ceiling(of: .thirdCountry) == "public")
        #expect(spec.classification.ceiling(of: .selfHosted) == "restricted")
        #expect(
            messages(
                pipeline(
                    endpoint: "url: \"https://x.example/v1\", sovereignty: self-hosted, clearance: internal",
                    policy: "sovereignty: { mars: public }")
            ).contains { $0.contains("mars") })
    }

    @Test func anAPIKeyInClearTextToAnotherMachineIsRefused() {
        let plain = messages(
            pipeline(
                endpoint: "url: \"http://gpu.internal:8000/v1\", sovereignty: self-hosted, clearance: restricted, "
                    + "api_key_env: KEY"))
        #expect(plain.count == 1 && plain[0].contains("without TLS to gpu.internal"))
        for url in ["https://gpu.internal:8000/v1", "http://127.0.0.1:8000/v1", "http://localhost:8000/v1"] {
            #expect(
                messages(
                    pipeline(
                        endpoint: "url: \"\(url)\", sovereignty: self-hosted, clearance: restricted, api_key_env: KEY")
                )
                .isEmpty, "\(url)")
        }
        // Without a key, plain HTTP inside the network is the team's choice; with one, it must be written down.
        #expect(
            messages(
                pipeline(
                    endpoint: "url: \"http://gpu.internal:8000/v1\", sovereignty: self-hosted, clearance: restricted")
            )
            .isEmpty)
        #expect(
            messages(
                pipeline(
                    endpoint: "url: \"http://gpu.internal:8000/v1\", sovereignty: self-hosted, clearance: restricted, "
                        + "api_key_env: KEY, insecure_http: true")
            ).isEmpty)
    }

    /// The gate itself reads the ceiling: an endpoint whose clearance was written above it (a
    /// spec built without the loader) still receives nothing above the ceiling.
    @Test func theGateEnforcesTheCeilingWhateverTheClearance() {
        let taxonomy = TaxonomySpec(
            levels: ["public", "internal", "confidential", "restricted"], defaultLevel: "internal", rules: [])
        let abroad = EndpointSpec(
            name: "abroad", url: "https://x.example/v1", model: "m", sovereignty: .thirdCountry,
            clearance: "restricted", contextTokens: 8192)
        #expect(SovereigntyGate.refusal(abroad, level: "internal", taxonomy: taxonomy) == nil)
        for level in ["confidential", "restricted"] {
            #expect(
                SovereigntyGate.refusal(abroad, level: level, taxonomy: taxonomy)?.contains(
                    "third-country may receive at most internal") == true)
        }
        let routing = RoutingSpec(
            taxonomy: taxonomy, endpoints: [abroad], rules: [RoutingRule(name: "all", use: ["abroad"])])
        let decision = Router(spec: routing).route(
            RouteRequest(
                level: "confidential", documentType: .other, language: "en",
                task: nil, promptCharacters: 100, maxOutputTokens: 10))
        #expect(decision.chain.isEmpty && decision.held != nil)
    }
}
