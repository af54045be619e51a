import DocketDecide
import DocketModel

/// A unit's route as the store keeps it. What many units share (rule, level, chain, exclusions, what the prompt
/// exposes) is kept once, in `routes`, under the hash of its JSON; the tokens each endpoint needs, which differ
/// from unit to unit, stay with the unit. A route names levels, endpoints and finding types, never a document's
/// text or a person's data, so a shared one outlives an erased document without holding anything of it.
struct SharedRoute {
    var id: String
    var json: String
    var neededTokensJSON: String

    init(_ route: RouteDecision) throws {
        var shared = route
        shared.neededTokens = [:]
        json = try SQLRunStore.json(shared)
        id = String(ContentHash.sha256(of: Array(json.utf8)).prefix(32))
        neededTokensJSON = try SQLRunStore.json(route.neededTokens)
    }

    /// The columns a unit is read with (`u` its alias), its shared route beside it.
    static let unitColumns = "u.*, ro.route_json AS shared_route_json"
    /// The join that brings a unit's shared route; units stored before it have their route whole.
    static let join = "LEFT JOIN routes ro ON ro.id = u.route_id"

    /// The route of a unit row read with `unitColumns` and `join`.
    static func route(of row: SQLRow) throws -> RouteDecision {
        guard let shared = row.text("shared_route_json") else {
            return try SQLRunStore.decode(RouteDecision.self, row.text("route_json") ?? "")
        }
        var route = try SQLRunStore.decode(RouteDecision.self, shared)
        route.neededTokens = try SQLRunStore.decode([String: Int].self, row.text("needed_tokens_json") ?? "{}")
        return route
    }
}
