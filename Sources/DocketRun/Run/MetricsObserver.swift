import CoreMetrics

/// A run's events as metrics (swift-metrics; Prometheus' text when `--metrics` is given, nothing otherwise),
/// labelled by pipeline, endpoint, level or kind: never a document. docs/runs.md lists them.
struct MetricsObserver: RunObserver {
    let pipeline: String

    func observe(_ event: RunEvent) async {
        switch event {
        case .started: Counter(label: "docket_runs_started_total", dimensions: [("pipeline", pipeline)]).increment()
        case .documentFailed(_, let kind):
            Counter(label: "docket_documents_failed_total", dimensions: [("pipeline", pipeline), ("kind", kind)])
                .increment()
        case .documentRead(let pages, let ocrPages):
            Counter(label: "docket_documents_read_total", dimensions: [("pipeline", pipeline)]).increment()
            Counter(label: "docket_pages_read_total", dimensions: [("pipeline", pipeline), ("ocr", "false")])
                .increment(by: pages - ocrPages)
            Counter(label: "docket_pages_read_total", dimensions: [("pipeline", pipeline), ("ocr", "true")])
                .increment(by: ocrPages)
        case .answered(let endpoint, let prompt, let completion):
            let labels = [("pipeline", pipeline), ("endpoint", endpoint)]
            Counter(label: "docket_units_done_total", dimensions: labels).increment()
            Counter(label: "docket_tokens_total", dimensions: labels + [("direction", "in")]).increment(by: prompt)
            Counter(label: "docket_tokens_total", dimensions: labels + [("direction", "out")]).increment(by: completion)
        case .unitFailed(let kind): Self.unitsFailed(pipeline: pipeline, kind: kind)
        case .unitHeld(let level):
            Counter(label: "docket_units_held_total", dimensions: [("pipeline", pipeline), ("level", level)])
                .increment()
        case .gateExcluded(let level, let endpoints):
            Counter(label: "docket_gate_exclusions_total", dimensions: [("pipeline", pipeline), ("level", level)])
                .increment(by: endpoints)
        case .planned, .extractionEnded, .requestStarted: break
        }
    }

    /// `docket_units_failed_total`: units failed one by one (the events above) or together (a give-up).
    static func unitsFailed(pipeline: String, kind: String, count: Int = 1) {
        Counter(label: "docket_units_failed_total", dimensions: [("pipeline", pipeline), ("reason", kind)])
            .increment(by: count)
    }

    static func runGivenUp(pipeline: String) {
        Counter(label: "docket_runs_given_up_total", dimensions: [("pipeline", pipeline)]).increment()
    }
}
