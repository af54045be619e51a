import Foundation

/// Where a unit is: pending until a model answers (done), a route holds it (held: no endpoint is
/// cleared for it or its prompt fits none), or its attempts are spent (failed). `docket resume`
/// puts failed units back to pending; a done unit stays done (exactly one result).
public enum UnitStatus: String, Sendable, Codable, CaseIterable {
    case pending, held, done, failed
}
