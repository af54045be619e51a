/// What a run publishes as it goes, for observers outside it (the CLI's progress line, the run's
/// tallies, metrics), as swift-jobs' middleware observes jobs. Ids, hashes and counts: never a
/// document's text or name.
public enum RunEvent: Sendable {
    case started(run: String)
    /// A document could not be read: its hash's first 12 digits (or none) and the error's kind.
    case documentFailed(sha256Prefix: String, kind: String)
    case documentRead(pages: Int, ocrPages: Int)
    /// A document planned: the time it took, and the prompt tokens its clause limits kept back or let through.
    case planned(seconds: Double, promptTokensSkipped: Int, promptTokensLimited: Int)
    /// Every document of the run is read (or failed).
    case extractionEnded
    case requestStarted
    case answered(endpoint: String, promptTokens: Int, completionTokens: Int)
    /// A unit failed for good: the kind of its reason (`UnitFailureKind`), never the reason's text.
    case unitFailed(kind: String)
    /// The gate held a unit for a person: the level of what its prompt carries.
    case unitHeld(level: String)
    /// The gate left out endpoints not cleared for a unit's level (counted once per unit sent).
    case gateExcluded(level: String, endpoints: Int)
}

/// Observes a run from outside it; called in the order the run publishes, awaited before it goes on,
/// so an observer must be quick.
public protocol RunObserver: Sendable {
    func observe(_ event: RunEvent) async
}

/// The observers of one run: each event goes to every one of them.
struct RunEvents: Sendable {
    let observers: [any RunObserver]

    func publish(_ event: RunEvent) async {
        for observer in observers { await observer.observe(event) }
    }
}
