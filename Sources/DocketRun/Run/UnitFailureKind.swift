/// What kind of failure a unit's reason tells, for a metric's label: a few fixed words, never the reason's
/// text (which may name an endpoint's answer).
enum UnitFailureKind {
    static func of(_ reason: String) -> String {
        if reason.contains("did not match the task's schema") { return "invalid-answer" }
        if reason.contains("circuit open") { return "circuit-open" }
        if reason.contains("no endpoint could take it") || reason.hasPrefix("no-endpoint") { return "no-endpoint" }
        if reason.contains("no longer in the pipeline") { return "task-removed" }
        if reason.hasPrefix(UnitPrompt.unreadable) { return "text-unreadable" }
        return "endpoint-error"
    }
}
