import Foundation

/// Where a run's state lives. Every stage writes here before the next may rely on it, which is
/// what makes a run resumable after `kill -9`. SQLite is the embedded implementation; a store
/// shared by many workers implements the same protocol.
public protocol RunStore: AuditStore, ScheduleStore, WorkQueueStore {
    /// The file path or URL the store was opened from, to open it again; a URL may hold a
    /// password: print it only through `StoreFactory.display`.
    var location: String { get }

    func createRun(_ run: RunRecord) throws
    func run(id: String) throws -> RunRecord?
    func runs() throws -> [RunRecord]
    func finishRun(id: String, status: RunStatus) throws

    /// Pages already extracted for a document with this hash, in page order.
    func pages(sha256: String) throws -> [ExtractedPage]?
    func saveDocument(_ document: ExtractedDocument) throws
    func recordRunDocument(run: String, path: String, sha256: String?, error: IngestError?) throws
    /// What the decision layer made of a document in this run: chunks, findings, levels, routes (no text).
    func savePlan(run: String, path: String, plan: DocumentPlan) throws
    func runDocuments(run: String) throws -> [RunDocument]

    /// Inserts units not seen before and links all of them to the run; stores each chunk's text
    /// and heading path, by chunk id, for the prompts; appends the decisions' audit records, in
    /// the same transaction.
    func addUnits(
        _ units: [UnitRecord], chunks: [String: (text: String, heading: String)], run: String, audit: [AuditRecord])
        throws
    /// Units of the run with no result, not held and not failed for good; only those of one
    /// document when `document` (its sha256) is given.
    func pendingUnits(run: String, document: String?) throws -> [UnitRecord]
    /// Every unit of the run.
    func units(run: String) throws -> [UnitRecord]
    func chunk(id: String) throws -> (text: String, heading: String)?
    func markUnit(key: String, status: UnitStatus, reason: String?) throws
    /// Puts the run's failed units back to pending, for `docket resume`.
    func resetFailed(run: String) throws

    func startAttempt(unit: String, endpoint: String) throws -> Int64
    func finishAttempt(id: Int64, outcome: String, httpStatus: Int?, error: String?) throws
    /// Stores the unit's result, marks it done and appends its audit record, in one transaction.
    /// A second result for the same unit is refused: returns false.
    @discardableResult func saveResult(_ result: ResultRecord, audit: AuditRecord?) throws -> Bool
    func results(run: String) throws -> [ResultRecord]
    func unit(key: String) throws -> UnitRecord?
    func result(unit: String) throws -> ResultRecord?
    /// The runs a unit belongs to, oldest first: their reports show its result.
    func runIDs(containing unit: String) throws -> [String]
    /// Tokens by pipeline, endpoint and model, of results finished at or after `since`.
    func tokenUsage(since: Date?, pipeline: String?) throws -> [TokenUsage]
    func counts(run: String) throws -> RunCounts
    /// Erases the document (`DocumentErasure`) and appends the erasure's audit record, made from
    /// what was found, in one transaction. Nothing found: nothing is changed or recorded (nil).
    func eraseDocument(
        sha256: String, record: (DocumentErasure.Counts) -> AuditRecord
    ) throws -> DocumentErasure.Counts?
}
