import DocketRecords
import Foundation

/// Counts what a run did, from its events, for `run.json` and the run's summary.
actor Tally: RunObserver {
    private(set) var documentsPagesOCR = (0, 0, 0)
    private(set) var tokens = (prompt: 0, completion: 0)
    private(set) var byEndpoint: [String: TokenCount] = [:]
    private var planning = 0.0
    private(set) var promptTokensSkipped = 0, promptTokensLimited = 0
    private var extractionEnd: Date?
    private var firstRequest: Date?
    private var lastAnswer: Date?

    func observe(_ event: RunEvent) {
        switch event {
        case .started: break
        case .documentFailed: documentsPagesOCR.0 += 1
        case .documentRead(let pages, let ocrPages):
            documentsPagesOCR = (documentsPagesOCR.0 + 1, documentsPagesOCR.1 + pages, documentsPagesOCR.2 + ocrPages)
        case .planned(let seconds, let skipped, let limited):
            planning += seconds
            promptTokensSkipped += skipped
            promptTokensLimited += limited
        case .extractionEnded: extractionEnd = Date()
        case .requestStarted: if firstRequest == nil { firstRequest = Date() }
        case .answered(let endpoint, let prompt, let completion):
            tokens = (tokens.prompt + prompt, tokens.completion + completion)
            byEndpoint[endpoint, default: TokenCount()].prompt += prompt
            byEndpoint[endpoint, default: TokenCount()].completion += completion
            byEndpoint[endpoint, default: TokenCount()].requests += 1
            lastAnswer = Date()
        case .unitFailed, .unitHeld, .gateExcluded: break
        }
    }

    func stageSeconds(since start: Date) -> StageSeconds {
        var stages = StageSeconds()
        stages.extraction = (extractionEnd ?? Date()).timeIntervalSince(start)
        stages.planning = planning
        if let firstRequest, let lastAnswer { stages.inference = lastAnswer.timeIntervalSince(firstRequest) }
        return stages
    }
}
