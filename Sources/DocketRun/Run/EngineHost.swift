import DocketInfer
import DocketSpec
import Foundation

/// Starts the embedded engine (llama.cpp's server) for whoever needs one: a run, a worker, a
/// reviewer's rerun. The one place that chooses its threads and slots.
public enum EngineHost {
    /// Engine threads: all cores but one for OCR where there are more than two; on two cores both,
    /// since OCR of a batch ends early and inference then has the machine to itself (measured:
    /// `make run` over the samples).
    static var threads: Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return cores > 2 ? cores - 1 : cores
    }

    /// The engine for `endpoint` when it is the embedded one, else nil. `slots` defaults to the
    /// endpoint's own concurrency; its log goes to `logFile`.
    static func start(for endpoint: EndpointSpec?, slots: Int? = nil, logFile: String) async throws -> EmbeddedEngine? {
        guard let endpoint, endpoint.isEmbedded else { return nil }
        return try await EmbeddedEngine(
            parallel: slots ?? endpoint.maxConcurrency, threads: threads, contextPerSlot: endpoint.contextTokens,
            logFile: logFile)
    }
}
