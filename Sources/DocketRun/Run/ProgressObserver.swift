import DocketRecords
import Foundation

/// The progress of a run as a person reads it, kept from the run's events and the store's unit counts:
/// "documents 8, pages 12 (4 OCR); units 31/148, 2 failed, 0 held; 41.2 tok/s; ETA 3m10s". The CLI
/// draws it; counts only, never a document's text or name.
public actor ProgressObserver: RunObserver {
    private let started = Date()
    /// The run's id, once it has started.
    public private(set) var run: String?
    private var documents = 0, pages = 0, ocrPages = 0, completionTokens = 0
    /// Lines worth a line of their own (a document that failed), until `takeNotices`.
    private var notices: [String] = []

    public init() {}

    public func observe(_ event: RunEvent) {
        switch event {
        case .started(let run): self.run = run
        case .documentFailed(let sha, let kind):
            documents += 1
            notices.append("document \(sha) failed: \(kind)")
        case .documentRead(let pages, let ocrPages):
            documents += 1
            self.pages += pages
            self.ocrPages += ocrPages
        case .answered(_, _, let completion): completionTokens += completion
        case .planned, .extractionEnded, .requestStarted, .unitFailed, .unitHeld, .gateExcluded: break
        }
    }

    public func takeNotices() -> [String] {
        defer { notices = [] }
        return notices
    }

    /// The line, with the run's unit counts as the store has them now.
    public func line(counts: RunCounts) -> String { render(counts: counts, elapsed: Date().timeIntervalSince(started)) }

    func render(counts: RunCounts, elapsed: TimeInterval) -> String {
        let finished = counts.done + counts.failed
        let rate = elapsed > 0 ? Double(completionTokens) / elapsed : 0
        var eta = "–"
        if finished > 0, counts.pending > 0 {
            let seconds = Int(elapsed / Double(finished) * Double(counts.pending))
            eta = seconds >= 60 ? "\(seconds / 60)m\(seconds % 60)s" : "\(seconds)s"
        }
        return
            "documents \(documents), pages \(pages) (\(ocrPages) OCR); units \(counts.done)/\(counts.units), "
            + "\(counts.failed) failed, \(counts.held) held; \(String(format: "%.1f", rate)) tok/s; ETA \(eta)"
    }
}
