import DocketTestSupport
import Foundation
import StoreTestSupport
import Testing

@testable import DocketAudit
@testable import DocketDecide
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

@Suite struct StoreConformanceTests {
    func unit(_ key: String) -> UnitRecord {
        UnitRecord(
            key: key, documentSHA256: "sha", documentName: "d.pdf", chunkID: "c1", task: "t", status: .pending,
            route: RouteDecision(
                rule: "r", ruleSetVersion: "v", level: "internal", chain: ["local"], excluded: [], held: nil,
                neededTokens: [:]),
            reason: nil)
    }

    func result(_ key: String, _ json: String) -> ResultRecord {
        ResultRecord(
            unitKey: key, endpoint: "local", model: "m", weightsDigest: "w", resultJSON: json, promptTokens: 3,
            completionTokens: 2, latencyMilliseconds: 1, finishedAt: Date())
    }

    func run(_ store: RunStore, _ id: String = "r") async throws {
        try await store.createRun(
            RunRecord(
                id: id, pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date(),
                outputFolder: "/tmp/out"))
    }

    /// `make test` and CI start the cluster; there, its absence is a failure, not a skip.
    @Test func postgresIsThereWhenRequired() {
        if ProcessInfo.processInfo.environment["DOCKET_REQUIRE_POSTGRES"] != nil {
            #expect(
                TestPostgres.adminURL != nil, "DOCKET_TEST_POSTGRES is not set: scripts/test-postgres.sh did not start")
        }
    }

    @Test(arguments: StoreKind.available) func unitsRunsAndExactlyOneResult(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        try await store.addUnits(
            [unit("u1"), unit("u2")], chunkTexts: ["c1": ("clause text", "12 Termination")], run: "r", audit: [])
        #expect(try await store.pendingUnits(run: "r", document: nil).map(\.key) == ["u1", "u2"])
        #expect(try await store.pendingUnits(run: "r", document: "other").isEmpty)
        #expect(try await store.saveResult(result("u1", #"{"a":1}"#), audit: nil))
        #expect(try await store.saveResult(result("u1", #"{"a":2}"#), audit: nil) == false)
        #expect(try await store.results(run: "r").map(\.resultJSON) == [#"{"a":1}"#])
        #expect(try await store.result(unit: "u1")?.weightsDigest == "w")
        #expect(try await store.chunk(id: "c1")?.heading == "12 Termination")
        try await store.markUnit(key: "u2", status: .failed, reason: "HTTP 503")
        #expect(
            try await store.counts(run: "r")
                == RunCounts(documents: 0, failedDocuments: 0, units: 2, done: 1, held: 0, failed: 1))
        try await store.resetFailed(run: "r")
        #expect(try await store.pendingUnits(run: "r", document: nil).map(\.key) == ["u2"])
        let attempt = try #require(try await store.startAttempt(unit: "u2", endpoint: "local", lease: nil))
        try await store.finishAttempt(id: attempt, outcome: "ok", httpStatus: 200, error: nil)
        try await store.finishRun(id: "r", status: .completed)
        let record = try #require(try await store.run(id: "r"))
        #expect(record.status == .completed && record.finishedAt != nil && record.outputFolder == "/tmp/out")
        #expect(abs(record.startedAt.timeIntervalSinceNow) < 60)
        #expect(try await store.runIDs(containing: "u1") == ["r"])
        let usage = try await store.tokenUsage(since: nil, pipeline: "p")
        #expect(usage.map(\.promptTokens) == [3] && usage.map(\.requests) == [1])
    }

    @Test(arguments: StoreKind.available) func documentsPagesAndPlansRoundTrip(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        let pages = [
            ExtractedPage(number: 1, text: "Seite eins — ß", source: .textLayer, ocrReason: nil, ocrConfidence: nil),
            ExtractedPage(number: 2, text: "scanned", source: .ocr, ocrReason: "no-text-layer", ocrConfidence: 91),
        ]
        try await store.saveDocument(
            ExtractedDocument(path: "/x.pdf", sha256: "sha", kind: nil, pageCount: 2, pages: pages))
        #expect(try await store.pages(sha256: "sha") == pages)
        #expect(try await store.pages(sha256: "unknown") == nil)
        try await store.recordRunDocument(run: "r", path: "/x.pdf", sha256: "sha", error: nil)
        try await store.recordRunDocument(
            run: "r", path: "/bad.pdf", sha256: nil, error: IngestError(.damaged, path: "/bad.pdf", detail: "no xref"))
        let plan = DecisionPlanner(pipeline: try PipelineLoader.parse(ValidPipeline.yaml, file: "/p/p.yaml"))
            .plan(ExtractedDocument(path: "/x.pdf", sha256: "sha", kind: nil, pageCount: 2, pages: pages))
        try await store.savePlan(run: "r", path: "/x.pdf", plan: plan)
        let documents = try await store.runDocuments(run: "r")
        #expect(documents.map(\.path) == ["/bad.pdf", "/x.pdf"])
        #expect(documents[0].error?.kind == .damaged && documents[1].plan?.chunks.count == plan.chunks.count)
        // Kept without routes (the units hold them), all else as planned.
        #expect(plan.chunks.contains { !$0.routes.isEmpty })
        let kept = try #require(documents[1].plan)
        #expect(kept.chunks.allSatisfy { $0.routes.isEmpty } && kept.documentRoutes.isEmpty)
        #expect(
            kept.chunks.map(\.id) == plan.chunks.map(\.id) && kept.chunks.map(\.findings) == plan.chunks.map(\.findings)
        )
        #expect(kept.level == plan.level && kept.clauses?.categories.count == plan.clauses?.categories.count)
    }

    /// A worker records the document it is ingesting before it plans it; that must not end its
    /// claim. SQLite's INSERT OR REPLACE did: the run then looked finished with no units, another
    /// worker completed it, and the units planned next were never done (the three-worker test, under
    /// load, with planning a little slower).
    @Test(arguments: StoreKind.available) func recordingAClaimedDocumentKeepsTheClaim(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        try await store.enqueueDocuments(run: "r", paths: ["/x.pdf"])
        #expect(try await store.claimDocuments(runs: ["r"], owner: "a", limit: 1, lease: 60).map(\.path) == ["/x.pdf"])
        try await store.recordRunDocument(run: "r", path: "/x.pdf", sha256: "sha", error: nil)
        #expect(try await store.isFinished(run: "r") == false)
        #expect(try await store.claimDocuments(runs: ["r"], owner: "b", limit: 1, lease: 60).isEmpty)
        try await store.completeDocument(run: "r", path: "/x.pdf", owner: "a")
        #expect(try await store.isFinished(run: "r"))
        #expect(try await store.runDocuments(run: "r").map(\.sha256) == ["sha"])
    }

    /// The store keeps a chunk as its place in its document's pages: the chunker's own chunks of a document of
    /// several pages, with text of more than one byte a character and chunks that cross a page, read back exactly.
    @Test(arguments: StoreKind.available) func chunksAreReadBackFromTheirPages(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        let pages = [
            "1 Parties\nMüller GmbH, Straße 5, and Société Générale S.A. agree as follows.\n2 Term\nThe term is "
                + "three (3) years and",
            "continues after the page break — until terminated.\n3 Governing Law\nGerman law governs (§ 2).",
            "4 Notices\nNotices go to the addresses above. 😀",
        ].enumerated().map { ExtractedPage(number: $0.offset + 1, text: $0.element, source: .native) }
        let document = ExtractedDocument(path: "/in/c.pdf", sha256: "sha", kind: .pdf, pageCount: 3, pages: pages)
        try await store.saveDocument(document)
        let text = DocumentText(pages: pages)
        let chunks = Chunker(spec: ChunkingSpec(strategy: .clauses, maxTokens: 20, overlapTokens: 2))
            .chunks(documentSHA256: "sha", pages: pages)
        #expect(chunks.count > 3 && chunks.contains { $0.firstPage != $0.lastPage })
        let stored = try chunks.map {
            try #require(
                StoredChunk(
                    id: $0.id, heading: $0.heading, document: "sha", firstPage: $0.firstPage, lastPage: $0.lastPage,
                    range: $0.start..<$0.end, in: text))
        }
        let units = chunks.map {
            var unit = unit("u-\($0.index)")
            unit.chunkID = $0.id
            return unit
        }
        try await store.addUnits(units, chunks: stored, run: "r", audit: [])
        for chunk in chunks {
            let read = try #require(try await store.chunk(id: chunk.id))
            #expect(read.text == chunk.text && read.heading == chunk.heading)
        }
        // Saving the same reading again changes nothing.
        try await store.saveDocument(document)
        for chunk in chunks { #expect(try await store.chunk(id: chunk.id)?.text == chunk.text) }
        // The text is not stored a second time with the chunks, on either store.
        let sql = try #require(store as? SQLRunStore)
        #expect(try await sql.executor.count("SELECT COUNT(*) AS n FROM chunks WHERE text != ''") == 0)
    }

    /// A document read again with a different result (another OCR language, a newer extractor) replaces its
    /// pages; the chunks an earlier run placed in them keep the text they were cut from.
    @Test(arguments: StoreKind.available) func aChunkKeepsItsTextWhenItsPagesAreReadAgain(
        _ kind: StoreKind
    )
        async throws
    {
        let store = try await kind.open()
        try await run(store)
        func document(_ text: String) -> ExtractedDocument {
            ExtractedDocument(
                path: "/in/scan.pdf", sha256: "sha", kind: .pdf, pageCount: 2,
                pages: [
                    ExtractedPage(number: 1, text: "Cover page", source: .ocr),
                    ExtractedPage(number: 2, text: text, source: .ocr),
                ])
        }
        try await store.saveDocument(document("Tbe Suppller sha11 deliver"))
        // c2 claims more than its pages hold (a damaged row): it is never read as some other or empty text.
        var damaged = unit("u2")
        damaged.chunkID = "c2"
        try await store.addUnits(
            [unit("u1"), damaged],
            chunks: [
                StoredChunk(id: "c1", heading: "", documentSHA256: "sha", firstPage: 1, lastPage: 2, start: 6, end: 23),
                StoredChunk(
                    id: "c2", heading: "", documentSHA256: "sha", firstPage: 2, lastPage: 2, start: 0, end: 500),
            ], run: "r", audit: [])
        #expect(try await store.chunk(id: "c1")?.text == "page\u{0C}Tbe Suppller")
        await #expect(throws: StoreError.self) { try await store.chunk(id: "c2") }
        try await store.saveDocument(document("The Supplier shall deliver"))
        #expect(try await store.pages(sha256: "sha")?.last?.text == "The Supplier shall deliver")
        #expect(try await store.chunk(id: "c1")?.text == "page\u{0C}Tbe Suppller")
        await #expect(throws: StoreError.self) { try await store.chunk(id: "c2") }
    }

    /// What units' routes share is stored once; each unit reads back its own route, tokens and all, through every
    /// way units are read; a unit stored whole before routes were shared still reads.
    @Test(arguments: StoreKind.available) func routesAreStoredOnceAndReadBackWhole(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        let exposure = PromptExposure(
            parts: [
                PromptExposure.Part(variable: "chunk.text", level: "confidential", findings: ["person"], sent: true)
            ],
            level: "confidential", documentNameAliased: true)
        let units = (0..<3).map { index in
            var unit = unit("u\(index)")
            unit.route.neededTokens = ["local": 200 + index, "gpu": 300 + index]
            unit.route.exposure = exposure
            unit.route.excluded = index == 2 ? [.init(endpoint: "cloud", reason: "not cleared for confidential")] : []
            return unit
        }
        try await store.addUnits(units, chunkTexts: ["c1": ("clause text", "")], run: "r", audit: [])
        let sqlite = try #require(store as? SQLRunStore)
        #expect(try await sqlite.executor.count("SELECT COUNT(*) AS n FROM routes") == 2)
        // Stored whole, as before v23.
        var old = unit("u-old")
        old.route.neededTokens = ["local": 99]
        try await sqlite.executor.execute(
            """
            INSERT INTO units (key, document_sha256, document_name, chunk_id, task, status, route_json)
            VALUES ($1, 'sha', 'd.pdf', 'c1', 't', 'pending', $2)
            """, [old.key, try SQLRunStore.json(old.route)])
        try await sqlite.executor.execute("INSERT INTO run_units (run_id, unit_key) VALUES ('r', $1)", [old.key])
        let expected = (units + [old]).sorted { $0.key < $1.key }
        #expect(try await store.units(run: "r", documents: nil) == expected)
        #expect(try await store.units(run: "r", documents: ["sha"]) == expected)
        #expect(try await store.pendingUnits(run: "r", document: nil) == expected)
        for unit in expected { #expect(try await store.unit(key: unit.key) == unit) }
        let claimed = try await store.claimUnits(runs: ["r"], owner: "w", limit: 10, lease: 60).map(\.unit)
        #expect(claimed.sorted { $0.key < $1.key } == expected)
    }

    /// Both stores hand out units in the same order, a document's units together (PostgreSQL
    /// claimed by key alone), and a claim given back is free for the next worker at once, not when
    /// its lease expires.
    @Test(arguments: StoreKind.available) func claimsInDocumentOrderAndReleasedClaims(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        var first = unit("z-unit"), second = unit("a-unit")
        first.documentName = "a.pdf"
        second.documentName = "b.pdf"
        try await store.addUnits([first, second], chunkTexts: ["c1": ("clause text", "")], run: "r", audit: [])
        let claimed = try await store.claimUnits(runs: ["r"], owner: "w1", limit: 1, lease: 60)
        #expect(claimed.map(\.unit.key) == ["z-unit"])
        #expect(try await store.claimUnits(runs: ["r"], owner: "w2", limit: 1, lease: 60).map(\.unit.key) == ["a-unit"])
        try await store.releaseUnit(key: "z-unit", owner: "w2")  // not w2's to give back
        #expect(try await store.claimUnits(runs: ["r"], owner: "w3", limit: 1, lease: 60).isEmpty)
        try await store.releaseUnit(key: "z-unit", owner: "w1")
        #expect(try await store.claimUnits(runs: ["r"], owner: "w3", limit: 1, lease: 60).map(\.unit.key) == ["z-unit"])
    }

    /// An attempt is fenced by its worker's lease: a worker stalled until its lease ran out and another took the
    /// unit over starts no attempt on it; the holder's attempt renews the lease, so no claim takes it meanwhile.
    @Test(arguments: StoreKind.available) func anAttemptNeedsTheLease(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        try await store.addUnits([unit("u")], chunkTexts: ["c1": ("clause text", "")], run: "r", audit: [])
        #expect(try await store.claimUnits(runs: ["r"], owner: "slow", limit: 1, lease: -1).map(\.unit.key) == ["u"])
        #expect(try await store.claimUnits(runs: ["r"], owner: "next", limit: 1, lease: 60).map(\.unit.key) == ["u"])
        let stale = try await store.startAttempt(
            unit: "u", endpoint: "gpu", lease: WorkerLease(owner: "slow", seconds: 60))
        #expect(stale == nil)
        try await store.renewLeases(owner: "next", lease: -1)  // as if it ran out, and its attempt renews it
        let fresh = try await store.startAttempt(
            unit: "u", endpoint: "gpu", lease: WorkerLease(owner: "next", seconds: 60))
        #expect(fresh != nil)
        #expect(try await store.claimUnits(runs: ["r"], owner: "slow", limit: 1, lease: 60).isEmpty)
    }

    /// One worker takes a finished run's completion under a lease; while the lease holds no other
    /// does, and the run is not active. When it expires (the completer was killed before writing
    /// the outputs), the run shows as active again and another worker takes it over.
    @Test(arguments: StoreKind.available) func aRunsCompletionIsLeased(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        #expect(try await store.completeRun("r", owner: "a", lease: 60))
        #expect(try await store.completeRun("r", owner: "b", lease: 60) == false)
        #expect(try await store.activeRuns().isEmpty)
        try await store.renewLeases(owner: "a", lease: -1)  // a's lease runs out
        #expect(try await store.activeRuns().map(\.id) == ["r"])
        #expect(try await store.completeRun("r", owner: "b", lease: 60))
        #expect(try await store.completeRun("r", owner: "a", lease: 60) == false)
        // b fails to write the outputs and gives the completion back: active again at once.
        #expect(try await store.completeRun("r", owner: "b", lease: -1))
        #expect(try await store.activeRuns().map(\.id) == ["r"])
        #expect(try await store.completeRun("r", owner: "b", lease: 60))
        try await store.finishRun(id: "r", status: .completed)
        #expect(try await store.activeRuns().isEmpty)
        #expect(try await store.completeRun("r", owner: "c", lease: -1) == false)
    }

    @Test(arguments: StoreKind.available) func theAuditChainVerifiesAndRefusesEdits(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        let records = (1...5).map { n -> AuditRecord in
            var record = AuditRecord(id: "d-\(n)", kind: .classification, run: "r", outcome: "internal")
            record.confidence = 0.25 * Double(n)
            return record
        }
        try await store.appendAudit(records)
        try await store.appendAudit([records[2]])  // recorded once
        let trail = try await store.auditRecords(since: nil)
        #expect(trail.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(AuditVerifier.verify(trail).intact)
        #expect(try await store.auditRecord(id: "d-3")?.confidence == 0.75)
        if let postgres = store as? SQLRunStore, postgres.dialect.name == "PostgreSQL" {
            await #expect(throws: (any Error).self) {
                try await postgres.executor.execute("UPDATE audit_records SET outcome = 'public' WHERE sequence = 2")
            }
            try await postgres.executor.execute("ALTER TABLE audit_records DISABLE TRIGGER USER")
            try await postgres.executor.execute("UPDATE audit_records SET outcome = 'public' WHERE sequence = 2")
            #expect(AuditVerifier.verify(try await store.auditRecords(since: nil)).firstBroken == 2)
        }
    }

    /// Many writers, one chain: appends from four connections at once stay one linear chain.
    @Test(arguments: StoreKind.available) func concurrentWritersKeepOneLinearChain(_ kind: StoreKind) async throws {
        let first = try await kind.open()
        let location = first.location
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = try await StoreFactory.open(location)
                    for n in 0..<25 {
                        try await store.appendAudit([
                            AuditRecord(id: "d-\(writer)-\(n)", kind: .routing, run: nil, outcome: "send to local")
                        ])
                    }
                }
            }
            // A writer's error fails the test, not only its count.
            try await group.waitForAll()
        }
        let trail = try await first.auditRecords(since: nil)
        #expect(trail.count == 100 && trail.map(\.sequence) == Array(1...100))
        #expect(AuditVerifier.verify(trail).intact)
    }

    @Test(arguments: StoreKind.available) func locksSchedulesAndSubmissions(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let a = LockHolder(id: "a", host: "h1", pid: 1), b = LockHolder(id: "b", host: "h2", pid: 1)
        #expect(try await store.acquireLock(pipeline: "p", holder: a, staleAfter: 120))
        await #expect(try !store.acquireLock(pipeline: "p", holder: b, staleAfter: 120))
        #expect(try await store.acquireLock(pipeline: "p", holder: b, staleAfter: -1))  // everything is stale
        try await store.releaseLock(pipeline: "p", holder: b)
        #expect(try await store.acquireLock(pipeline: "p", holder: a, staleAfter: 120))
        let due = Date(timeIntervalSince1970: 1_800_000_000.25)
        try await store.setNextDue(pipeline: "p", due)
        #expect(abs(try #require(try await store.nextDue(pipeline: "p")).timeIntervalSince(due)) < 0.002)
        try await store.addSubmission(
            Submission(
                id: "s-1", pipeline: "p", folder: "/in", submittedBy: "Anna", note: "n", submittedAt: Date(),
                files: [("/in/a.pdf", "h1"), ("/in/b.pdf", "h2")]))
        try await store.markSubmissions(["s-1"], status: .done, run: "r")
        let submission = try #require(try await store.submissions(pipeline: "p").first)
        #expect(
            submission.status == .done && submission.runID == "r" && submission.files.map(\.sha256) == ["h1", "h2"])
    }

    /// Submissions are found by what is asked, not read whole: the waiting ones without their files (only
    /// their number), one by id, a submitter's runs (an account whose id starts another's is not it), and a
    /// document's uploaded copies by its hash.
    @Test(arguments: StoreKind.available) func submissionsAreFoundWithoutReadingThemAll(_ kind: StoreKind) async throws
    {
        let store = try await kind.open()
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let handedIn: [(id: String, by: String, files: [(String, String)])] = [
            ("s-1", "account:ab anna", [("/u/s-1/a.pdf", "h1"), ("/u/s-1/b.pdf", "h2")]),
            ("s-2", "account:abc bert", [("/u/s-2/a.pdf", "h1")]),
            ("s-3", "account:ab", [("/u/s-3/c.pdf", "h3")]),
        ]
        for (index, submission) in handedIn.enumerated() {
            var new = Submission(
                id: submission.id, pipeline: index == 2 ? "q" : "p", folder: "/u/\(submission.id)",
                submittedBy: submission.by, note: nil, submittedAt: at.addingTimeInterval(Double(index)),
                files: submission.files)
            new.matter = index == 0 ? "Project Falcon" : nil
            try await store.addSubmission(new)
        }
        try await store.markSubmissions(["s-1"], status: .done, run: "r1")
        try await store.markSubmissions(["s-2"], status: .running, run: "r2")
        try await store.markSubmissions(["s-3"], status: .done, run: "r3")
        let waiting = try await store.submissions(pipeline: nil, statuses: [.pending, .running], withFiles: false)
        #expect(waiting.map(\.id) == ["s-2"] && waiting.first?.files.isEmpty == true && waiting.first?.fileCount == 1)
        let done = try await store.submissions(pipeline: "p", statuses: [.done], withFiles: true)
        #expect(
            done.map(\.id) == ["s-1"] && done.first?.files.map(\.sha256) == ["h1", "h2"] && done.first?.fileCount == 2)
        #expect(try await store.submission(id: "s-3")?.files.map(\.path) == ["/u/s-3/c.pdf"])
        #expect(try await store.submission(id: "s-9") == nil)
        #expect(try await store.runs(handedInBy: "ab") == ["r1", "r3"])
        #expect(try await store.runs(handedInBy: "abc") == ["r2"])
        #expect(try await store.runs(handedInBy: "a").isEmpty)
        #expect(try await store.submission(id: "s-1")?.matter == "Project Falcon")
        #expect(try await store.matters(runs: ["r1", "r2"]) == ["r1": ["Project Falcon"]])
        #expect(try await store.files(submission: "s-1", limit: 1).map(\.path) == ["/u/s-1/a.pdf"])
        #expect(try await store.submissionFiles(sha256: "h1").map(\.path) == ["/u/s-1/a.pdf", "/u/s-2/a.pdf"])
        #expect(try await store.submissionFiles(sha256: "h1").map(\.folder) == ["/u/s-1", "/u/s-2"])
    }

    @Test(arguments: StoreKind.available) func challengesAndReviewsRoundTrip(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        var decision = AuditRecord(id: "d-x", kind: .inference, run: "r", outcome: "{}")
        decision.unitKey = "u1"
        try await store.appendAudit([decision])
        let desk = ReviewDesk(
            store: store,
            masker: Masker(taxonomy: TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: [])))
        let challenge = try await desk.challenge(decision: "d-x", by: .commandLine("A"), reason: "wrong")
        _ = try await desk.overturn(challenge.id, by: .commandLine("B"), note: "fixed", resultJSON: #"{"ok":true}"#)
        #expect(try await store.reviewedResults(units: ["u1"])["u1"]?.resultJSON == #"{"ok":true}"#)
        #expect(try await store.challenges(openOnly: true, after: nil, limit: 100).isEmpty)
        #expect(try await store.challenges(openOnly: false, after: nil, limit: 100).count == 1)
        #expect(AuditVerifier.verify(try await store.auditRecords(since: nil)).intact)
    }

    /// The review queue is read a page at a time, oldest first, each open challenge once (two opened in
    /// the same instant too), reviewed ones only in the list of all; a decision's challenges by themselves.
    @Test(arguments: StoreKind.available) func challengesAreReadAPageAtATime(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        let desk = ReviewDesk(
            store: store,
            masker: Masker(taxonomy: TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: [])))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var opened: [String] = []
        for index in 0..<7 {
            var decision = AuditRecord(id: "d-\(index)", kind: .inference, run: "r", outcome: "{}")
            decision.unitKey = "u\(index)"
            try await store.appendAudit([decision])
            // Two challenges share each instant: the id orders them.
            let at = start.addingTimeInterval(Double(index / 2))
            opened.append(
                try await desk.challenge(decision: "d-\(index)", by: .commandLine("A"), reason: "r", at: at).id)
        }
        _ = try await desk.uphold(opened[3], by: .commandLine("B"), note: "right")
        func walk(openOnly: Bool) async throws -> [String] {
            var seen: [String] = []
            var after: String?
            while true {
                let page = try await store.challenges(openOnly: openOnly, after: after, limit: 2)
                #expect(page.count <= 2)
                seen += page.map(\.id)
                guard page.count == 2 else { return seen }
                after = page.last?.id
            }
        }
        let inOrder = opened.enumerated().sorted { ($0.offset / 2, $0.element) < ($1.offset / 2, $1.element) }
            .map(\.element)
        #expect(try await walk(openOnly: false) == inOrder)
        #expect(try await walk(openOnly: true) == inOrder.filter { $0 != opened[3] })
        #expect(try await store.challenges(decision: "d-3").map(\.status) == [.upheld])
        #expect(try await store.challenges(decision: "d-9").isEmpty)
    }

    /// A reviewer's rerun request is taken up once, whichever process asks first, and its note leaves the
    /// queue when it is done (the review's record holds it).
    @Test(arguments: StoreKind.available) func rerunRequestsAreClaimedOnceAndForgetTheirNote(
        _ kind: StoreKind
    )
        async throws
    {
        let store = try await kind.open()
        let first = RerunRequest(
            id: "rr-1", challengeID: "c-1", endpoint: "volume", requestedBy: "account:1 rita", note: "try the GPU",
            requestedAt: Date(timeIntervalSince1970: 1_000))
        var second = first
        second.id = "rr-2"
        second.requestedAt = Date(timeIntervalSince1970: 2_000)
        try await store.requestRerun(second)
        try await store.requestRerun(first)
        let claims = try await withThrowingTaskGroup(of: RerunRequest?.self) { group in
            for _ in 0..<3 { group.addTask { try await store.claimRerun(lease: 600) } }
            return try await group.reduce(into: [RerunRequest]()) { if let claim = $1 { $0.append(claim) } }
        }
        #expect(claims.map(\.id).sorted() == ["rr-1", "rr-2"] && claims.allSatisfy { $0.status == .running })
        #expect(try await store.claimRerun(lease: 600) == nil)
        try await store.finishRerun(id: "rr-1", status: .failed, problem: "the gate refuses volume", at: Date())
        // A running request whose lease has run out (its process died) is taken up again, once.
        var third = first
        third.id = "rr-3"
        third.requestedAt = Date(timeIntervalSince1970: 3_000)
        try await store.requestRerun(third)
        #expect(try await store.claimRerun(lease: -1)?.id == "rr-3")
        #expect(try await store.claimRerun(lease: 600)?.id == "rr-3")
        #expect(try await store.claimRerun(lease: 600) == nil)
        let stored = try await store.rerunRequests(challenge: "c-1")
        #expect(stored.map(\.id) == ["rr-1", "rr-2", "rr-3"])
        #expect(stored[0].status == .failed && stored[0].problem == "the gate refuses volume" && stored[0].note == nil)
        #expect(stored[1].note == "try the GPU" && stored[0].finishedAt != nil)
    }

    /// GDPR Art. 17: the document's text, units, results and the text written about it go; the
    /// chain keeps its records (bound by hash), records the erasure, and still verifies. Another
    /// document is untouched.
    @Test(arguments: StoreKind.available) func erasingADocumentKeepsAVerifiableTrail(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        let page = ExtractedPage(number: 1, text: "Jane Doe, 12 Rue de la Paix", source: .native)
        for sha in ["sha", "other"] {
            try await store.saveDocument(
                ExtractedDocument(path: "/in/\(sha).pdf", sha256: sha, kind: .pdf, pageCount: 1, pages: [page]))
            try await store.recordRunDocument(run: "r", path: "/in/\(sha).pdf", sha256: sha, error: nil)
        }
        var other = unit("u-other")
        other.documentSHA256 = "other"
        other.chunkID = "c2"
        // Each chunk is placed in its own document's page: "Jane Doe" and "12 Rue de la Paix".
        try await store.addUnits(
            [unit("u1"), other],
            chunks: [
                StoredChunk(
                    id: "c1", heading: "1", documentSHA256: "sha", firstPage: 1, lastPage: 1, start: 0, end: 8),
                StoredChunk(
                    id: "c2", heading: "1", documentSHA256: "other", firstPage: 1, lastPage: 1, start: 10, end: 27),
            ], run: "r", audit: [])
        #expect(try await store.chunk(id: "c2")?.text == "12 Rue de la Paix")
        let records = DecisionRecords(
            run: "r", masker: Masker(taxonomy: TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: [])))
        for key in ["u1", "u-other"] {
            let unit = try #require(try await store.unit(key: key))
            let answer = result(key, #"{"rationale":"Jane Doe signs for the buyer"}"#)
            try await store.saveResult(
                answer, audit: records.inference(answer, unit: unit, prompt: "p", promptSchemaHash: nil))
        }
        // The name in the rationale is masked as the reports mask it, now that free-text names are found.
        let shownRationale = "[person] signs for the buyer"
        let before = try #require(try await store.auditRecord(id: DecisionRecords.inferenceID(unit: "u1")))
        #expect(
            before.shownReasoning == shownRationale && before.reasoning?.hasPrefix("sha256:") == true)

        let dpo = try HumanActor.commandLine("dpo")
        let counts = try #require(
            try await store.eraseDocument(sha256: "sha") {
                DocumentErasure.record(sha256: "sha", counts: $0, by: dpo, reference: "T-1")
            })
        #expect(
            counts.pages == 1 && counts.units == 1 && counts.results == 1 && counts.auditTexts == 1
                && counts.runs == ["r"])
        #expect(try await store.pages(sha256: "sha") == nil)
        #expect(try await store.unit(key: "u1") == nil)
        #expect(try await store.chunk(id: "c1") == nil)
        #expect(try await store.result(unit: "u1") == nil)
        let after = try #require(try await store.auditRecord(id: DecisionRecords.inferenceID(unit: "u1")))
        #expect(after.outcomeText == nil && after.reasoningText == nil && after.hash == before.hash)
        #expect(
            try await store.auditRecord(id: DecisionRecords.inferenceID(unit: "u-other"))?.shownReasoning
                == shownRationale)
        #expect(try await store.pages(sha256: "other")?.count == 1)
        #expect(try await store.result(unit: "u-other") != nil)
        let trail = try await store.auditRecords(since: nil)
        #expect(trail.last?.kind == .erasure && trail.last?.actor == "cli:dpo" && trail.last?.documentSHA256 == "sha")
        #expect(AuditVerifier.verify(trail).intact, "\(AuditVerifier.verify(trail).problem ?? "")")
        // Erasing again finds nothing and records nothing.
        #expect(
            try await store.eraseDocument(sha256: "sha") {
                DocumentErasure.record(sha256: "sha", counts: $0, by: dpo, reference: nil)
            } == nil)
        #expect(try await store.auditRecords(since: nil).count == trail.count)
    }

    /// Text that vanished without an erasure, or was edited, breaks verification.
    @Test func detachedTextIsBoundByTheChain() async throws {
        var record = AuditRecord(id: "d-1", kind: .inference, run: "r", outcome: #"{"a":"b"}"#)
        record.reasoning = "why"
        record.documentSHA256 = "sha"
        var chained = record.detached()
        chained.previousHash = AuditRecord.genesis
        chained.sequence = 1
        chained.hash = chained.computedHash()
        #expect(AuditVerifier.verify([chained]).intact)
        var edited = chained
        edited.reasoningText = "another reason"
        #expect(AuditVerifier.verify([edited]).problem?.contains("reasoning text was changed") == true)
        var lost = chained
        lost.outcomeText = nil
        lost.reasoningText = nil
        #expect(AuditVerifier.verify([lost]).problem?.contains("lost its text") == true)
    }
}
