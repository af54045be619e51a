import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import DocketSpec
import DocketStore
import Foundation

/// Reads a run's documents, plans, units, results and reviews from the store into a `RunReport`.
public enum RunReportBuilder {
    /// With `document` (a sha256), only that document, its units and its results are read (through
    /// indexes, not the run's lists): the workspace's document page.
    /// `quoted`: the fields each task's answer quotes, when the caller has read them from the pipeline already.
    public static func build(
        store: RunStore, run runID: String, document: String? = nil, quoted: [String: [String]]? = nil
    ) async throws -> RunReport {
        if let document {
            let entry = try await store.runDocument(run: runID, sha256: document)
            return try await build(
                store: store, run: runID, entries: entry.map { [$0] } ?? [], only: [document], quoted: quoted)
        }
        return try await build(store: store, run: runID, entries: try await store.runDocuments(run: runID), only: nil)
    }

    /// Some of the run's documents (a page of the workspace's run page): their units and results are read
    /// in one query each, through indexes, not the run's.
    public static func build(
        store: RunStore, run runID: String, documents: [RunDocument], quoted: [String: [String]]? = nil
    ) async throws -> RunReport {
        try await build(
            store: store, run: runID, entries: documents, only: documents.compactMap(\.sha256), quoted: quoted)
    }

    /// What an index row shows of some documents, without their pages' text: page counts in one query, findings
    /// by type and place (values not read, so `shown` is empty), answers not checked against the text. The
    /// workspace's run page, 100 documents at a time.
    public static func buildForIndex(
        store: RunStore, run runID: String, documents: [RunDocument]
    ) async throws -> RunReport {
        try await build(
            store: store, run: runID, entries: documents, only: documents.compactMap(\.sha256), withText: false)
    }

    /// The report of `entries`, with the units and results of the documents `only` names, or of the run.
    static func build(
        store: RunStore, run runID: String, entries: [RunDocument], only: [String]?, withText: Bool = true,
        quoted: [String: [String]]? = nil
    ) async throws
        -> RunReport
    {
        guard let run = try await store.run(id: runID) else {
            throw StoreError(message: "no run \(runID) in this store")
        }
        let units = try await store.units(run: runID, documents: only)
        let results = Dictionary(
            try await store.results(run: runID, documents: only).map { ($0.unitKey, $0) },
            uniquingKeysWith: { first, _ in first })
        let reviews = try await store.reviewedResults(units: units.map(\.key))
        let unitsByDocument = Dictionary(grouping: units, by: \.documentSHA256)
        let quoted = withText ? quoted ?? quotedFields(pipeline: try? PipelineLoader.load(path: run.pipelineFile)) : [:]
        let pageCounts = withText ? [:] : try await store.pageCounts(sha256s: entries.compactMap(\.sha256))
        var documents: [DocumentReport] = []
        for entry in entries {
            var report = DocumentReport(
                name: (entry.path as NSString).lastPathComponent, path: entry.path, sha256: entry.sha256,
                error: entry.error)
            guard let sha = entry.sha256, entry.error == nil else { documents.append(report); continue }
            let pages = withText ? try await store.pages(sha256: sha) ?? [] : []
            report.pages = withText ? pages.count : pageCounts[sha]?.pages ?? 0
            report.ocrPages = withText ? pages.filter { $0.source == .ocr }.count : pageCounts[sha]?.ocr ?? 0
            if let plan = entry.plan {
                report.profile = plan.profile
                report.level = plan.level
                report.levelDecision = DecisionRecords.documentLevelID(run: runID, document: sha)
                report.findings = withText ? findings(plan: plan, pages: pages) : placedFindings(plan: plan)
                report.clauses = plan.clauses
            }
            let chunks = Dictionary(
                (entry.plan?.chunks ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            // What a quote must stand in: the contract's text (a chunk's task may quote its heading too).
            // Normalised once per document, and only when some task quotes.
            let source =
                quoted.values.contains { !$0.isEmpty }
                ? QuoteGrounding.normalised(pages.map(\.text).joined(separator: "\u{0C}")) : ""
            for unit in (unitsByDocument[sha] ?? []).sorted(by: { order($0, chunks) < order($1, chunks) }) {
                let chunk = unit.chunkID.flatMap { chunks[$0] }
                let heading =
                    unit.chunkID == nil
                    ? "whole document" : (chunk?.heading.isEmpty == false ? chunk!.heading : "untitled part")
                guard let result = results[unit.key] else {
                    report.open.append(
                        OpenUnit(
                            task: unit.task, unitKey: unit.key, heading: heading, status: unit.status,
                            reason: unit.reason))
                    continue
                }
                let review = reviews[unit.key]
                let replaced = review?.status == .overturned ? review?.resultJSON : nil
                report.results.append(
                    TaskResult(
                        task: unit.task, unitKey: unit.key, chunkID: unit.chunkID, heading: heading,
                        firstPage: chunk?.firstPage ?? 1, lastPage: chunk?.lastPage ?? max(1, report.pages),
                        level: unit.route.level,
                        resultJSON: replaced ?? result.resultJSON,
                        modelResultJSON: replaced == nil ? nil : result.resultJSON,
                        endpoint: result.endpoint, model: result.model, weightsDigest: result.weightsDigest,
                        decisionID: DecisionRecords.inferenceID(unit: unit.key), review: review,
                        promptTokens: result.promptTokens, completionTokens: result.completionTokens,
                        latencyMilliseconds: result.latencyMilliseconds,
                        ungrounded: QuoteGrounding.ungrounded(
                            resultJSON: replaced ?? result.resultJSON, fields: quoted[unit.task] ?? [],
                            normalisedSource: source),
                        span: chunk.map { $0.start..<$0.end })
                )
            }
            documents.append(report)
        }
        return RunReport(run: run, documents: documents, generatedAt: Date())
    }

    /// Per task of the run's pipeline, the fields its schema marks as quotes; none when the pipeline
    /// file can no longer be read (the answers are then shown unchecked).
    static func quotedFields(pipeline: PipelineSpec?) -> [String: [String]] {
        guard let pipeline else { return [:] }
        var fields: [String: [String]] = [:]
        for task in pipeline.tasks {
            guard let data = FileManager.default.contents(atPath: task.schema),
                let schema = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            fields[task.name] = QuoteGrounding.quotedFields(schema: schema)
        }
        return fields
    }

    /// Units in document order: by their chunk's position, document-wide tasks last.
    static func order(_ unit: UnitRecord, _ chunks: [String: PlannedChunk]) -> (Int, String) {
        (unit.chunkID.flatMap { chunks[$0]?.index } ?? Int.max, unit.task)
    }

    /// The plan's findings by type, once each (chunks overlap), without their pages or values: what an index
    /// row counts.
    static func placedFindings(plan: DocumentPlan) -> [FoundItem] {
        distinctFindings(plan: plan, only: nil, textBytes: nil).map { chunk, finding, span in
            FoundItem(
                type: finding.type, page: chunk.firstPage, shown: "", confidence: finding.confidence,
                validated: finding.validated, span: span)
        }
    }

    /// The plan's findings with their byte spans in the document's text, each span and type once (chunks
    /// overlap); within `textBytes` when the text is known, only the chunks `only` names when given.
    static func distinctFindings(
        plan: DocumentPlan, only: Set<String>?, textBytes: Int?
    ) -> [(chunk: PlannedChunk, finding: Finding, span: Range<Int>)] {
        var seen = Set<String>()
        var found: [(chunk: PlannedChunk, finding: Finding, span: Range<Int>)] = []
        for chunk in plan.chunks where only?.contains(chunk.id) ?? true {
            for finding in chunk.findings {
                let start = chunk.start + finding.start, end = chunk.start + finding.end
                guard start >= 0, start <= end, end <= textBytes ?? end,
                    seen.insert("\(start):\(end):\(finding.type)").inserted
                else { continue }
                found.append((chunk, finding, start..<end))
            }
        }
        return found
    }

    /// The plan's findings placed on their pages, once each (chunks overlap), values masked unless a
    /// reviewer unmasks them (`ReviewDesk.unmask`), only the given chunks' when named.
    public static func findings(
        plan: DocumentPlan, pages: [ExtractedPage], chunks only: Set<String>? = nil, masked: Bool = true
    ) -> [FoundItem] {
        let bytes = Array(pages.map(\.text).joined(separator: "\u{0C}").utf8)
        var pageStarts: [Int] = []
        var offset = 0
        for page in pages {
            pageStarts.append(offset)
            offset += page.text.utf8.count + 1
        }
        let items = distinctFindings(plan: plan, only: only, textBytes: bytes.count).map { _, finding, span in
            let index = (pageStarts.lastIndex { $0 <= span.lowerBound } ?? 0)
            let value = String(decoding: bytes[span], as: UTF8.self)
            return FoundItem(
                type: finding.type, page: pages.isEmpty ? 1 : pages[index].number,
                shown: masked && Masker.masks(finding.type)
                    ? Masker.maskedValue(value) : value.trimmingCharacters(in: .whitespacesAndNewlines),
                confidence: finding.confidence, validated: finding.validated, span: span)
        }
        return items.sorted { ($0.page, $0.type) < ($1.page, $1.type) }
    }
}
