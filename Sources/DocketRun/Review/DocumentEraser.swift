import DocketAudit
import DocketReport
import DocketStore
import Foundation

/// A document erased on request (GDPR Art. 17) from one store, by the CLI or the workspace: the copies
/// uploaded through the workspace, its rows and the texts written about it in the trail, and the reports
/// of every run that showed it, rewritten without it. The trail records the erasure and who asked.
public enum DocumentEraser {
    public struct Outcome: Sendable {
        /// Uploaded copies removed (a folder handed in with `docket submit` is the submitter's and stays).
        public var uploadedCopies = 0
        /// What left the store; nil when the store did not hold the document.
        public var counts: DocumentErasure.Counts?
        /// Runs whose reports and results were rewritten, with their folders.
        public var rewritten: [(run: String, folder: String)] = []
        /// Runs whose pipeline file cannot be read: their reports must be removed by hand.
        public var unwritable: [String] = []

        public var erasedAnything: Bool { uploadedCopies > 0 || counts != nil }
    }

    public static func erase(
        sha256: String, by actor: HumanActor, reference: String?, store: any RunStore
    ) async throws -> Outcome {
        var outcome = Outcome()
        let uploaded = try await store.submissionFiles(sha256: sha256)
            .filter { $0.folder.hasSuffix("/uploads/\($0.submission)") }.map(\.path)
        for path in uploaded where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
            outcome.uploadedCopies += 1
        }
        outcome.counts = try await store.eraseDocument(
            sha256: sha256,
            record: { DocumentErasure.record(sha256: sha256, counts: $0, by: actor, reference: reference) })
        for run in outcome.counts?.runs ?? [] {
            guard let pipeline = try? await ReviewPipeline.pipeline(store, run: run),
                let folder = try? RunFolder.path(pipeline: pipeline, run: run)
            else {
                outcome.unwritable.append(run)
                continue
            }
            try ReportWriter.removeReports(sha256: sha256, folder: folder)
            if FileManager.default.fileExists(atPath: folder) {
                try await ReportWriter.write(store: store, run: run, folder: folder)
            }
            outcome.rewritten.append((run, folder))
        }
        return outcome
    }

    /// A ticket or request number for the record: up to 64 letters, digits, `.`, `_` or `-`, never a name.
    public static func isValidReference(_ reference: String) -> Bool {
        !reference.isEmpty && reference.count <= 64
            && reference.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
