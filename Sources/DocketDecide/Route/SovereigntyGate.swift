import DocketSpec

/// The gate every attempt passes through, first choice and fallback alike: an endpoint is never
/// contacted with work above its clearance, nor above the ceiling of its sovereignty (where its
/// server runs, whatever its clearance says). Not a routing rule: rules choose among the
/// endpoints the gate lets through, and cannot open it.
public enum SovereigntyGate {
    /// Why the endpoint may not receive work at `level`, or nil when it may.
    public static func refusal(_ endpoint: EndpointSpec, level: String, taxonomy: TaxonomySpec) -> String? {
        guard let clearance = taxonomy.rank(of: endpoint.clearance) else {
            return "its clearance `\(endpoint.clearance)` is not a level of the taxonomy"
        }
        guard let needed = taxonomy.rank(of: level) else {
            return "the work's level `\(level)` is not a level of the taxonomy"
        }
        if clearance < needed { return "cleared for \(endpoint.clearance), below the work's level \(level)" }
        let ceiling = taxonomy.ceiling(of: endpoint.sovereignty)
        guard let highest = taxonomy.rank(of: ceiling) else {
            return "the ceiling `\(ceiling)` of \(endpoint.sovereignty.rawValue) is not a level of the taxonomy"
        }
        if highest < needed {
            return "\(endpoint.sovereignty.rawValue) may receive at most \(ceiling), below the work's level \(level)"
        }
        return nil
    }
}
