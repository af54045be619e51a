import DocketAudit
import DocketDecide
import DocketIngest
import DocketModel
import DocketRecords
import DocketSpec
import DocketStore
import Foundation

/// Takes a read document into a run: stores it, plans it (chunks, findings, clauses, routes),
/// stores its units and their audit records. The one place a run and a worker do this.
struct DocumentIntake: Sendable {
    let pipeline: PipelineSpec
    let store: RunStore
    let planner: DecisionPlanner
    let factory: UnitFactory
    /// Per path, the hash the document was submitted with: bytes that changed since are refused.
    let submittedHashes: [String: String]
    let workerExecutable: String
    let events: RunEvents
    /// The extraction workers documents read one at a time borrow (a `docket worker`'s slots); nil for a
    /// local run, whose `BatchExtractor` keeps its own.
    var extractionPool: ExtractionWorkerPool?

    /// Stores the document (unless `fresh` is false: its pages are stored already), plans it,
    /// stores its units and audit records; returns its pending units.
    func accept(
        _ document: ExtractedDocument, run: String, records: DecisionRecords, fresh: Bool
    ) async throws -> [UnitRecord] {
        var document = document
        if document.error == nil, let submitted = submittedHashes[document.path], submitted != document.sha256 {
            document.error = IngestError(
                .changedSinceSubmission, path: document.path,
                detail: "it was submitted with sha256 \(submitted.prefix(12)), "
                    + "but the bytes read now have sha256 \(document.sha256.prefix(12))")
        }
        if let error = document.error {
            try await store.recordRunDocument(
                run: run, path: document.path, sha256: document.sha256.isEmpty ? nil : document.sha256, error: error)
            await events.publish(
                .documentFailed(sha256Prefix: String(document.sha256.prefix(12)), kind: error.kind.rawValue))
            return []
        }
        if fresh { try await store.saveDocument(document) }
        try await store.recordRunDocument(run: run, path: document.path, sha256: document.sha256, error: nil)
        let planning = Date()
        let planner = planner, read = document
        let plan = await BlockingWork.run { planner.plan(read) }
        await events.publish(
            .planned(
                seconds: Date().timeIntervalSince(planning), promptTokensSkipped: plan.promptTokensSkipped ?? 0,
                promptTokensLimited: plan.promptTokensLimited ?? 0))
        let name = (document.path as NSString).lastPathComponent
        let units = factory.units(for: plan, name: name)
        let text = DocumentText(pages: document.pages)
        var chunkTexts: [String: String] = [:]
        for chunk in plan.chunks { chunkTexts[chunk.id] = text.string(chunk.start..<chunk.end) }
        // The store keeps where each chunk is in the pages, not its text again.
        let chunks = plan.chunks.compactMap { StoredChunk($0, document: document.sha256, text: text) }
        let audit =
            records.classification(plan, chunkTexts: chunkTexts)
            + records.clauses(plan, text: text, model: planner.clauseDetector?.model.version)
            + records.routing(units, taskDigests: factory.taskDigests)
        try await store.savePlan(run: run, path: document.path, plan: plan)
        try await store.addUnits(units, chunks: chunks, run: run, audit: audit)
        await events.publish(.documentRead(pages: document.pages.count, ocrPages: document.ocrPageCount))
        // Units the gate held when they were planned (no cleared endpoint); others are held as they are sent.
        for unit in units where unit.status == .held { await events.publish(.unitHeld(level: unit.route.level)) }
        return try await store.pendingUnits(run: run, document: document.sha256)
    }

    /// One document read (or found stored by hash) and accepted: for a worker's queued document.
    func ingest(path: String, run: String, records: DecisionRecords) async throws {
        if let sha = try? ContentHash.sha256(ofFile: path), let pages = try await store.pages(sha256: sha) {
            _ = try await accept(
                ExtractedDocument(path: path, sha256: sha, kind: nil, pageCount: pages.count, pages: pages), run: run,
                records: records, fresh: false)
            return
        }
        let extractor = extractor, options = pipeline.ocr, pool = extractionPool
        let passwords = try passwords().passwords(forFile: path)
        let document = await BlockingWork.run {
            extractor.extract(path: path, options: options, passwords: passwords, pool: pool)
        }
        _ = try await accept(document, run: run, records: records, fresh: true)
    }

    /// The pipeline's password file, read now (it may have changed since the last run).
    func passwords() throws -> PasswordFile {
        try pipeline.passwordFile.map { try PasswordFile(contentsOf: $0) } ?? PasswordFile()
    }

    /// Reads documents in isolated worker processes.
    var extractor: IsolatedExtractor {
        IsolatedExtractor.beside(workerExecutable)
    }
}
