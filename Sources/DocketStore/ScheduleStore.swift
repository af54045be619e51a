import Foundation

/// Who holds a pipeline's lock: a `docket serve` (or `docket run`) process on a host.
public struct LockHolder: Sendable, Equatable {
    public var id: String
    public var host: String
    public var pid: Int32

    public static func current() -> LockHolder {
        LockHolder(id: UUID().uuidString, host: ProcessInfo.processInfo.hostName, pid: getpid())
    }
}

/// A folder handed in for a pipeline, with its files by hash.
public struct Submission: Sendable, Equatable {
    public enum Status: String, Sendable { case pending, running, done }

    public var id: String
    public var pipeline: String
    public var folder: String
    public var submittedBy: String?
    /// The matter the documents belong to, as the submitter named it ("Project Falcon – Target GmbH").
    public var matter: String?
    public var note: String?
    public var submittedAt: Date
    public var status: Status
    public var runID: String?
    /// Empty when the submission was read without its files (a listing); `fileCount` says how many it has.
    public var files: [(path: String, sha256: String)]
    public var fileCount: Int
    /// Run at the next look of `docket serve`; otherwise, on a pipeline with a schedule, with its next
    /// scheduled run (a pipeline without a schedule has no other run, so it starts at once anyway).
    public var startNow = true

    public init(
        id: String, pipeline: String, folder: String, submittedBy: String?, note: String?, submittedAt: Date,
        files: [(path: String, sha256: String)]
    ) {
        self.id = id
        self.pipeline = pipeline
        self.folder = folder
        self.submittedBy = submittedBy
        self.note = note
        self.submittedAt = submittedAt
        self.status = .pending
        self.files = files
        self.fileCount = files.count
    }

    /// A matter's name as a submission keeps it: trimmed, at most 120 characters, nil when empty.
    public static func matterName(_ typed: String?) -> String? {
        typed.map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(120)) }.flatMap {
            $0.isEmpty ? nil : $0
        }
    }

    public static func == (a: Submission, b: Submission) -> Bool {
        a.id == b.id && a.status == b.status && a.runID == b.runID && a.files.map(\.sha256) == b.files.map(\.sha256)
    }
}

/// What the scheduler keeps between ticks and across restarts: when each pipeline is next due,
/// who runs it now, and the submissions waiting for it.
public protocol ScheduleStore: Sendable {
    func nextDue(pipeline: String) async throws -> Date?
    func setNextDue(pipeline: String, _ date: Date?) async throws
    /// Takes the pipeline's lock if it is free or stale: its holder's heartbeat is older than
    /// `staleAfter`, or its holder was a process on this host that no longer exists.
    func acquireLock(pipeline: String, holder: LockHolder, staleAfter: TimeInterval) async throws -> Bool
    func refreshLock(pipeline: String, holder: LockHolder) async throws
    func releaseLock(pipeline: String, holder: LockHolder) async throws
    /// Content hashes of documents a completed run of the pipeline has read.
    func processedHashes(pipeline: String) async throws -> Set<String>
    func addSubmission(_ submission: Submission) async throws
    /// The submissions of a pipeline (nil: every pipeline's) in one of `statuses`, oldest first. Without
    /// `withFiles` only each one's number of files is read: a listing of large submissions stays small.
    func submissions(pipeline: String?, statuses: Set<Submission.Status>, withFiles: Bool) async throws -> [Submission]
    /// One submission, with its files.
    func submission(id: String) async throws -> Submission?
    /// The runs that took up submissions this account handed in (`account:ID …`).
    func runs(handedInBy accountID: String) async throws -> Set<String>
    /// The matters named by the submissions each of these runs took up, by run.
    func matters(runs: [String]) async throws -> [String: [String]]
    /// The first `limit` files of a submission, by path.
    func files(submission: String, limit: Int) async throws -> [(path: String, sha256: String)]
    /// The submissions' files with this content, each with its submission's folder: a document's uploaded copies.
    func submissionFiles(sha256: String) async throws -> [(folder: String, submission: String, path: String)]
    func markSubmissions(_ ids: [String], status: Submission.Status, run: String?) async throws
}

extension Submission.Status: CaseIterable {}

extension ScheduleStore {
    /// Every submission of a pipeline (nil: every pipeline's), oldest first, with its files.
    public func submissions(pipeline: String?) async throws -> [Submission] {
        try await submissions(pipeline: pipeline, statuses: Set(Submission.Status.allCases), withFiles: true)
    }
}
