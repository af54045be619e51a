/// The gate every attempt passes through, first choice and fallback alike: an endpoint cleared
/// below the chunk's level is never contacted. Not a routing rule: rules choose among the
/// endpoints the gate lets through, and cannot open it.
public enum SovereigntyGate {
    /// Why the endpoint may not receive a chunk at `level`, or nil when it may.
    public static func refusal(_ endpoint: EndpointSpec, level: String, taxonomy: TaxonomySpec) -> String? {
        guard let clearance = taxonomy.rank(of: endpoint.clearance) else {
            return "its clearance `\(endpoint.clearance)` is not a level of the taxonomy"
        }
        guard let needed = taxonomy.rank(of: level) else {
            return "the chunk's level `\(level)` is not a level of the taxonomy"
        }
        return clearance < needed ? "cleared for \(endpoint.clearance), below the chunk's level \(level)" : nil
    }
}
