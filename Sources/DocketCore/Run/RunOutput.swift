import Foundation

/// The files a run leaves in `Output/<pipeline>/<run-id>/`, each written atomically:
/// `results.jsonl` (one line per finished unit, keyed by `custom_id` as in the OpenAI Batch
/// format), `errors.jsonl` (failed and held units, failed documents) and `run.json` (counts, tokens).
enum RunOutput {
    static func write(summary: RunSummary, store: RunStore, folder: String) throws {
        let units = Dictionary(uniqueKeysWithValues: try store.units(run: summary.runID).map { ($0.key, $0) })
        var results = ""
        for result in try store.results(run: summary.runID) {
            guard let unit = units[result.unitKey] else { continue }
            let line: [String: Any] = [
                "custom_id": result.unitKey, "document": unit.documentName, "document_sha256": unit.documentSHA256,
                "chunk_id": unit.chunkID ?? NSNull(), "task": unit.task, "endpoint": result.endpoint, "model": result.model,
                "weights_digest": result.weightsDigest ?? NSNull(), "level": unit.route.level,
                "result": (try? JSONSerialization.jsonObject(with: Data(result.resultJSON.utf8))) ?? result.resultJSON,
                "usage": ["prompt_tokens": result.promptTokens, "completion_tokens": result.completionTokens],
                "latency_ms": result.latencyMilliseconds,
            ]
            results += String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        var errors = ""
        for unit in units.values.sorted(by: { $0.key < $1.key }) where unit.status == "failed" || unit.status == "held" {
            let line: [String: Any] = ["custom_id": unit.key, "document": unit.documentName, "task": unit.task,
                                       "status": unit.status, "reason": unit.reason ?? ""]
            errors += String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        try Data(results.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("results.jsonl"), options: .atomic)
        try Data(errors.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("errors.jsonl"), options: .atomic)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(summary).write(to: URL(fileURLWithPath: folder).appendingPathComponent("run.json"), options: .atomic)
    }
}
