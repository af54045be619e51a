import DocketModel
import DocketSpec
import Foundation

/// A short hash of everything that decides a chunk's level and route: the taxonomy and its
/// rules, the endpoints' models, clearances, windows and token estimates, the routing rules, and the
/// clause model whose findings rules and tasks use.
/// Prices, concurrency and key variables do not change a decision and are left out. Recorded
/// with every decision, so that a rerun can tell which decisions a changed rule affects.
public enum RuleSetVersion {
    struct Normalised: Encodable {
        var taxonomy: TaxonomySpec
        var endpoints: [Endpoint]
        var rules: [RoutingRule]
        var clauseModel: String?

        struct Endpoint: Encodable {
            var name: String
            var url: String?
            var model: String
            var sovereignty: Sovereignty
            var clearance: String
            var contextTokens: Int
            var charactersPerToken: [String: Double]
            var safetyMargin: Double
        }
    }

    public static func of(_ spec: RoutingSpec) -> String {
        let normalised = Normalised(
            taxonomy: spec.taxonomy,
            endpoints: spec.endpoints.sorted { $0.name < $1.name }.map {
                .init(
                    name: $0.name, url: $0.url, model: $0.model, sovereignty: $0.sovereignty, clearance: $0.clearance,
                    contextTokens: $0.contextTokens, charactersPerToken: $0.charactersPerToken,
                    safetyMargin: $0.safetyMargin)
            },
            rules: spec.rules, clauseModel: spec.clauseModel)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(normalised)) ?? Data()
        return "rs-" + ContentHash.sha256(of: Array(data)).prefix(16)
    }
}
