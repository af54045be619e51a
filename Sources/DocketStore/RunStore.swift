import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import Foundation

/// Where a run's state lives. Every stage writes here before the next may rely on it, which is
/// what makes a run resumable after `kill -9`. SQLite is the embedded implementation; a store
/// shared by many workers implements the same protocol.
public protocol RunStore:
    AuditStore, ScheduleStore, WorkQueueStore, AccountStore, RerunQueueStore, PageLayoutStore, ClauseGridStore,
    SearchStore
{
    /// The file path or URL the store was opened from, to open it again; a URL may hold a
    /// password: print it only through `StoreFactory.display`.
    var location: String { get }

    func createRun(_ run: RunRecord) async throws
    func run(id: String) async throws -> RunRecord?
    func runs() async throws -> [RunRecord]
    /// At most `limit` runs, newest first, those after the run `before` (an id) in that order (keyset
    /// pagination over the start time and id, through the index `runs_started`): the runs list, a page at a time.
    func runs(before: String?, limit: Int) async throws -> [RunRecord]
    /// Sets the run's status, the trail's head and its kept counts: `counts` when the caller has just summed them
    /// (the end of a run: summing them again took 0.35 s at 10,000 documents), else summed here.
    func finishRun(id: String, status: RunStatus, counts: RunCounts?) async throws

    /// Pages already extracted for a document with this hash, in page order.
    func pages(sha256: String) async throws -> [ExtractedPage]?
    func saveDocument(_ document: ExtractedDocument) async throws
    /// Per document hash, how many pages it has and how many of them were OCRed, in one query.
    func pageCounts(sha256s: [String]) async throws -> [String: (pages: Int, ocr: Int)]
    func recordRunDocument(run: String, path: String, sha256: String?, error: IngestError?) async throws
    /// What the decision layer made of a document in this run: chunks, findings, levels (no text), kept
    /// without its routes (the units hold them).
    func savePlan(run: String, path: String, plan: DocumentPlan) async throws
    func runDocuments(run: String) async throws -> [RunDocument]
    /// At most `limit` of the run's documents in path order, those after `after`: keyset pagination over
    /// the table's key, so a page never reads the documents before it.
    func runDocuments(run: String, after: String?, limit: Int) async throws -> [RunDocument]
    /// At most `limit` of the run's documents in path order, from the `offset`th: for the API, whose
    /// callers never see a server's path to continue after.
    func runDocuments(run: String, offset: Int, limit: Int) async throws -> [RunDocument]
    /// The same page of documents without their plans (path, hash and error only): what the end of a run
    /// needs to gather the outputs written as each document finished.
    func runDocumentOutlines(run: String, after: String?, limit: Int) async throws -> [RunDocument]
    /// One document of the run by its hash (the first by path when the run read the same bytes twice),
    /// read through an index: a page of the workspace shows one document without reading the run's list.
    func runDocument(run: String, sha256: String) async throws -> RunDocument?

    /// Inserts units not seen before and links all of them to the run; stores each chunk's heading path and
    /// place in its document's pages, by chunk id, for the prompts; appends the decisions' audit records, in the
    /// same transaction.
    func addUnits(_ units: [UnitRecord], chunks: [StoredChunk], run: String, audit: [AuditRecord]) async throws
    /// Units of the run with no result, not held and not failed for good; only those of one
    /// document when `document` (its sha256) is given.
    func pendingUnits(run: String, document: String?) async throws -> [UnitRecord]
    /// Every unit of the run; with `documents` (sha256s), only theirs, in one query through an index.
    func units(run: String, documents: [String]?) async throws -> [UnitRecord]
    /// A chunk's text, cut from its document's stored pages (or as kept when they were read again differently),
    /// and its heading path.
    func chunk(id: String) async throws -> (text: String, heading: String)?
    func markUnit(key: String, status: UnitStatus, reason: String?) async throws
    /// Puts the run's failed units back to pending, for `docket resume`.
    func resetFailed(run: String) async throws
    /// Fails every pending unit of the run with `reason` (a run that gave up on its endpoints); returns how many.
    @discardableResult func failPendingUnits(run: String, reason: String) async throws -> Int
    /// Whether a failed unit of the run has a reason that starts with `prefix` (whoever finishes a run that gave up
    /// says so, not only the process that gave up).
    func hasFailedUnits(run: String, reasonPrefix prefix: String) async throws -> Bool

    /// Records an attempt's start and returns its id. With a worker's `lease`, only while that worker holds the
    /// unit, whose lease it renews in the same transaction; nil when another worker has taken the unit over.
    func startAttempt(unit: String, endpoint: String, lease: WorkerLease?) async throws -> Int64?
    func finishAttempt(id: Int64, outcome: String, httpStatus: Int?, error: String?) async throws
    /// Stores the unit's result, marks it done and appends its audit record, in one transaction.
    /// A second result for the same unit is refused: returns false.
    @discardableResult func saveResult(_ result: ResultRecord, audit: AuditRecord?) async throws -> Bool
    /// The run's results; with `documents`, only those of their units.
    func results(run: String, documents: [String]?) async throws -> [ResultRecord]
    func unit(key: String) async throws -> UnitRecord?
    func result(unit: String) async throws -> ResultRecord?
    /// The runs a unit belongs to, oldest first: their reports show its result.
    func runIDs(containing unit: String) async throws -> [String]
    /// Tokens by pipeline, endpoint and model, of results finished at or after `since`.
    func tokenUsage(since: Date?, pipeline: String?) async throws -> [TokenUsage]
    func counts(run: String) async throws -> RunCounts
    /// The run's answered units' tokens and requests by endpoint, summed by the store.
    func tokens(run: String) async throws -> [String: TokenCount]
    /// Whether a unit of the document in this run is still pending (a worker writes the document's report
    /// once none is).
    func hasPendingUnits(run: String, document: String) async throws -> Bool
    /// Erases the document (`DocumentErasure`) and appends the erasure's audit record, made from
    /// what was found, in one transaction. Nothing found: nothing is changed or recorded (nil).
    func eraseDocument(
        sha256: String, record: @escaping @Sendable (DocumentErasure.Counts) -> AuditRecord
    ) async throws -> DocumentErasure.Counts?
}

extension RunStore {
    /// Every unit of the run.
    public func units(run: String) async throws -> [UnitRecord] { try await units(run: run, documents: nil) }

    /// Every result of the run.
    public func results(run: String) async throws -> [ResultRecord] { try await results(run: run, documents: nil) }
}

extension RunStore {
    public func finishRun(id: String, status: RunStatus) async throws {
        try await finishRun(id: id, status: status, counts: nil)
    }
}
