import DocketTestSupport
import Foundation
import Mustache
import Testing

@testable import DocketAudit
@testable import DocketDecide
@testable import DocketInfer
@testable import DocketIngest
@testable import DocketModel
@testable import DocketRecords
@testable import DocketReport
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// One real run (llama-server and the model from scripts/setup.sh) over a sample contract and a
/// damaged file, shared by the tests below: what a legal team and its auditors get from it.
actor SampleRun {
    static let shared = SampleRun()
    private var result: Task<(SQLRunStore, RunSummary, PipelineSpec), Error>?

    func get() async throws -> (SQLRunStore, RunSummary, PipelineSpec) {
        if let result { return try await result.value }
        let task = Task { try await Self.run() }
        result = task
        return try await task.value
    }

    static func run() async throws -> (SQLRunStore, RunSummary, PipelineSpec) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = try SamplePipeline.write(name: "report-test", in: folder, quoting: true)
        let damaged = folder.appendingPathComponent("damaged.pdf")
        try Data("%PDF-1.7\nthis is not a PDF body".utf8).write(to: damaged)
        let spec = try PipelineLoader.load(path: file.path)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.inputs = [TestPaths.sample("mutual-nda.pdf"), damaged.path]
        let summary = try await Runner(pipeline: spec, options: options).run()
        return (try await SQLRunStore(sqlite: folder.appendingPathComponent("out/docket.sqlite").path), summary, spec)
    }
}

/// Serialized: the tests share one run's output folder, and one of them writes its reports again
/// while another lists them (it saw the other's temporary file, .docket-….tmp, mid-rename).
@Suite(.serialized) struct ReportIntegrationTests {
    func sampleRun() async throws -> (SQLRunStore, RunSummary, PipelineSpec) {
        let installation = EmbeddedEngine.Installation.find()
        try #require(installation.problems.isEmpty, "run scripts/setup.sh: \(installation.problems)")
        return try await SampleRun.shared.get()
    }

    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// The workspace's document page asks for one document: only that one is read, and read whole.
    @Test(.timeLimit(.minutes(5))) func oneDocumentsReportIsTheSameAsInTheWholeRuns() async throws {
        let (store, summary, _) = try await sampleRun()
        let whole = try await RunReportBuilder.build(store: store, run: summary.runID)
        let nda = try #require(whole.documents.first { $0.name == "mutual-nda.pdf" })
        let one = try await RunReportBuilder.build(store: store, run: summary.runID, document: nda.sha256)
        #expect(one.documents.map(\.sha256) == [nda.sha256])
        let alone = try #require(one.documents.first)
        #expect(alone.pages == nda.pages && alone.findings.count == nda.findings.count)
        #expect(alone.results.map(\.decisionID) == nda.results.map(\.decisionID) && !alone.results.isEmpty)
    }

    /// Reports rendered from views made into dictionaries first (`MustacheTree`) are byte for byte those
    /// rendered from the views reflected at each lookup.
    @Test(.timeLimit(.minutes(5))) func reportsRenderTheSameFromTheViewsTree() async throws {
        let (store, summary, _) = try await sampleRun()
        let report = try await RunReportBuilder.build(store: store, run: summary.runID)
        let library = try ReportTemplates.library.get()
        for document in report.documents {
            for (view, template) in [
                (DocumentView(document, run: report.run) as Any, "document.html"),
                (DocumentView(document, run: report.run) as Any, "document.md"),
            ] {
                let reflected = try #require(library.render(view, withTemplate: template))
                #expect(try ReportTemplates.render(view, template) == reflected, "\(document.name) \(template)")
            }
        }
        let index = try #require(library.render(IndexView(report), withTemplate: "index.html"))
        #expect(try HTMLReport.index(report) == index && index.contains("mutual-nda.pdf"))
    }

    /// The workspace's run page reads no page text: its rows equal those of the whole reports.
    @Test(.timeLimit(.minutes(5))) func theRunPagesRowsWithoutTextEqualTheWholeReports() async throws {
        let (store, summary, _) = try await sampleRun()
        let entries = try await store.runDocuments(run: summary.runID)
        let whole = try await RunReportBuilder.build(store: store, run: summary.runID, documents: entries)
        let light = try await RunReportBuilder.buildForIndex(store: store, run: summary.runID, documents: entries)
        let rows = { (report: RunReport) in
            report.documents.map { String(describing: IndexView.row($0, run: summary.runID, links: .workspace)) }
        }
        #expect(rows(light) == rows(whole) && whole.documents.contains { !$0.findings.isEmpty && $0.pages > 0 })
    }

    @Test(.timeLimit(.minutes(5))) func theRunWritesResultsErrorsSummaryRunAndReports() async throws {
        let (_, summary, _) = try await sampleRun()
        let folder = summary.outputFolder
        let results = try lines(folder + "/results.jsonl").filter { $0["task"] as? String != "clauses" }
        #expect(results.count == summary.counts.done && results.count > 5)
        for line in results {
            #expect(line["custom_id"] is String && line["decision_id"] is String && line["result"] is [String: Any])
            let pages = try #require(line["pages"] as? [Int])
            #expect(pages.count == 2 && pages[0] >= 1 && pages[1] <= 2)
        }
        let errors = try lines(folder + "/errors.jsonl")
        #expect(errors.contains { $0["document"] as? String == "damaged.pdf" && $0["kind"] as? String == "damaged" })
        let csv = try String(contentsOfFile: folder + "/summary.csv", encoding: .utf8).split(separator: "\r\n")
        #expect(csv.count == 3)
        #expect(csv.contains { $0.hasPrefix("mutual-nda.pdf,") && $0.contains(",nda,en,confidential,2,0,") })
        let run = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/run.json")))
                as? [String: Any])
        #expect((run["tokens_by_endpoint"] as? [String: Any])?["local"] != nil && run["stage_seconds"] != nil)
        let reports = try FileManager.default.contentsOfDirectory(atPath: folder + "/reports")
        #expect(
            reports.filter { $0.hasSuffix(".md") }.count == 2 && reports.filter { $0.hasSuffix(".html") }.count == 3)
        let index = try String(contentsOfFile: folder + "/reports/index.html", encoding: .utf8)
        for name in reports where name.hasSuffix(".html") && name != "index.html" {
            #expect(index.contains("href=\"\(name)\""))
        }
        #expect(!reports.contains { $0.hasSuffix(".tmp") })
    }

    /// The report opens with the contract summary; results.jsonl and summary.csv carry the clauses, and
    /// each category found is an audit decision a person can contest.
    @Test(.timeLimit(.minutes(5))) func theClausesAreSummarisedCarriedAndAudited() async throws {
        let (store, summary, spec) = try await sampleRun()
        let folder = summary.outputFolder
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder + "/reports").first {
                $0.contains("mutual-nda") && $0.hasSuffix(".md")
            })
        let report = try String(contentsOfFile: folder + "/reports/" + name, encoding: .utf8)
        let summaryAt = try #require(report.range(of: "## Contract summary"))
        let classificationAt = try #require(report.range(of: "## Classification"))
        #expect(summaryAt.lowerBound < classificationAt.lowerBound)
        #expect(report.contains("| Governing Law | England and Wales | p\\. 1 · 6 Governing Law"), "\(report)")
        #expect(report.contains("Not found: ") && report.contains("Source Code Escrow"))
        let clauses = try #require(
            try lines(folder + "/results.jsonl").first {
                $0["task"] as? String == "clauses" && $0["document"] as? String == "mutual-nda.pdf"
            })
        let categories = try #require(clauses["clauses"] as? [[String: Any]])
        let law = try #require(categories.first { $0["category"] as? String == "Governing Law" })
        #expect(law["answer"] as? String == "England and Wales")
        #expect((law["passages"] as? [[String: Any]])?.first?["pages"] as? [Int] == [1, 1])
        let csv = try String(contentsOfFile: folder + "/summary.csv", encoding: .utf8).split(separator: "\r\n")
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false)
        let column = try #require(header.firstIndex { $0 == "clause: Governing Law" })
        let row = try #require(csv.first { $0.hasPrefix("mutual-nda.pdf,") }).split(
            separator: ",", omittingEmptySubsequences: false)
        #expect(row[column] == "England and Wales")
        // One audit decision per category found, contestable like any other.
        let records = try await store.auditRecords(since: nil).filter { $0.run == summary.runID && $0.kind == .clause }
        #expect(records.count >= categories.count && records.contains { $0.outcome == "Governing Law found, page 1" })
        #expect(records.allSatisfy { $0.inputHash?.count == 64 && $0.model?.hasPrefix("cm-") == true })
        let desk = ReviewDesk(store: store, masker: Masker(taxonomy: spec.classification))
        let record = try #require(records.first)
        let challenge = try await desk.challenge(
            decision: record.id, by: .commandLine("Anna Schmidt"), reason: "Not this clause.")
        #expect(challenge.decisionID == record.id)
    }

    /// A quote the document does not hold is marked ungrounded, in results.jsonl and the report, whoever
    /// wrote it (here a reviewer's overturn, so that the case does not hang on what the model answers).
    @Test(.timeLimit(.minutes(5))) func aQuoteThatIsNotInTheDocumentIsMarkedUngrounded() async throws {
        let (store, summary, spec) = try await sampleRun()
        let run = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: summary.outputFolder + "/run.json")))
        #expect((run as? [String: Any])?["ungrounded_answers"] as? Int == summary.ungroundedAnswers)
        let quote = try #require(
            try lines(summary.outputFolder + "/results.jsonl").first { $0["task"] as? String == "clause-quote" })
        let decision = try #require(quote["decision_id"] as? String)
        let desk = ReviewDesk(store: store, masker: Masker(taxonomy: spec.classification))
        let challenge = try await desk.challenge(
            decision: decision, by: .commandLine("Anna Schmidt"), reason: "Check the quote.")
        _ = try await desk.overturn(
            challenge.id, by: .commandLine("Jonas Weber"), note: "Invented.",
            resultJSON: #"{"sentence":"This Agreement is governed by the laws of the Moon."}"#)
        let ungrounded = try await ReportWriter.write(store: store, run: summary.runID, folder: summary.outputFolder)
        #expect(ungrounded >= 1)
        let line = try #require(
            try lines(summary.outputFolder + "/results.jsonl").first { $0["decision_id"] as? String == decision })
        #expect(line["ungrounded"] as? [String] == ["sentence"])
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: summary.outputFolder + "/reports").first {
                $0.contains("mutual-nda") && $0.hasSuffix(".md")
            })
        let markdown = try String(contentsOfFile: summary.outputFolder + "/reports/" + name, encoding: .utf8)
        #expect(markdown.contains("> **Ungrounded:** the sentence quoted is not in the document"))
    }

    @Test(.timeLimit(.minutes(5))) func everyDecisionOfTheRunIsInAnIntactTrailWithoutPersonalData() async throws {
        let (store, summary, _) = try await sampleRun()
        let records = try await store.auditRecords(since: nil).filter { $0.run == summary.runID }
        #expect(
            AuditVerifier.verify(try await store.auditRecords(since: nil), heads: try await store.auditHeads()).intact)
        let plan = try #require(try await store.runDocuments(run: summary.runID).compactMap(\.plan).first)
        #expect(records.filter { $0.kind == .classification }.count == plan.chunks.count + 1)
        #expect(Set(records.filter { $0.kind == .routing }.compactMap(\.unitKey)).count == summary.counts.units)
        let inference = records.filter { $0.kind == .inference }
        #expect(inference.count == summary.counts.done)
        for record in inference {
            #expect(
                record.weightsDigest?.count == 64 && record.inputHash?.count == 64
                    && record.promptSchemaHash?.count == 64)
        }
        // The sample's e-mail addresses and phone numbers are nowhere in the trail.
        let trail = records.map { [$0.shownOutcome, $0.shownReasoning ?? ""].joined() }.joined()
        for value in ["p.hartmann@northwind.co.uk", "j.bergmann@bergmann-logistik.de", "+44 20 7946 0123"] {
            #expect(!trail.contains(value))
        }
    }

    @Test(.timeLimit(.minutes(5))) func aChallengedThenOverturnedResultShowsInTheRegeneratedReport() async throws {
        let (store, summary, spec) = try await sampleRun()
        let first = try #require(
            try lines(summary.outputFolder + "/results.jsonl").first { $0["task"] as? String == "clause-review" })
        let decision = try #require(first["decision_id"] as? String)
        let desk = ReviewDesk(store: store, masker: Masker(taxonomy: spec.classification))
        let challenge = try await desk.challenge(
            decision: decision, by: .commandLine("Anna Schmidt"), reason: "This is not what the clause is about.")
        let reviewed =
            #"{"clause_type":"governing_law","risk_flags":["reviewed-by-counsel"],"rationale":"Counsel's reading of "#
            + #"the clause."}"#
        _ = try await desk.overturn(
            challenge.id, by: .commandLine("Jonas Weber"), note: "Governing-law clause.", resultJSON: reviewed)
        try await ReportWriter.write(store: store, run: summary.runID, folder: summary.outputFolder)

        let line = try #require(
            try lines(summary.outputFolder + "/results.jsonl").first { $0["decision_id"] as? String == decision })
        #expect((line["result"] as? [String: Any])?["clause_type"] as? String == "governing_law")
        #expect((line["review"] as? [String: Any])?["reviewer"] as? String == "cli:Jonas Weber")
        #expect(line["model_result"] != nil)
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: summary.outputFolder + "/reports").first {
                $0.contains("mutual-nda") && $0.hasSuffix(".md")
            })
        let markdown = try String(contentsOfFile: summary.outputFolder + "/reports/" + name, encoding: .utf8)
        #expect(markdown.contains(#"Reviewed by a person.** Overturned by Jonas Weber \(command line\)"#))
        #expect(markdown.contains(#"reviewed\-by\-counsel"#))
        #expect(markdown.contains("decision `\(decision)`"))
    }

    @Test(.timeLimit(.minutes(5))) func anOverturnCanRerunTheUnitOnAnEndpointThroughTheGate() async throws {
        let (store, summary, spec) = try await sampleRun()
        let line = try #require(
            try lines(summary.outputFolder + "/results.jsonl").filter { $0["task"] as? String == "clause-review" }
                .dropFirst().first)
        let key = try #require(line["custom_id"] as? String)
        let unit = try #require(try await store.unit(key: key))
        let before = try await store.result(unit: unit.key)
        let result = try await ReviewRerun.run(
            unit: unit, endpoint: "local", pipeline: spec, store: store, logFolder: summary.outputFolder)
        #expect(result.endpoint == "local" && result.weightsDigest?.count == 64)
        let schema = try JSONValue(data: Data(contentsOf: URL(fileURLWithPath: spec.tasks[0].schema)))
        #expect(UnitExecutor.problem(with: result.resultJSON, schema: schema) == nil)
        // The unit's own recorded answer is untouched: the rerun is the reviewer's, not a second result.
        #expect(try await store.result(unit: unit.key) == before)

        var restricted = unit
        restricted.route.level = "restricted"
        // An endpoint cleared below the unit's level is refused by the gate, and never contacted.
        let listening = try FaultServer(mode: "ok")
        var cloud = spec
        cloud.endpoints.append(
            EndpointSpec(
                name: "cloud", url: listening.url, model: "m", sovereignty: .euCloud, clearance: "internal",
                contextTokens: 8192))
        do {
            _ = try await ReviewRerun.run(
                unit: restricted, endpoint: "cloud", pipeline: cloud, store: store, logFolder: summary.outputFolder)
            Issue.record("a rerun on an endpoint cleared below the unit's level was allowed")
        } catch {
            #expect("\(error)".contains("sovereignty gate refuses cloud"), "\(error)")
        }
        #expect(listening.requests.isEmpty)
    }

    /// Headless Chromium renders the HTML report to a PNG; Docket's own OCR reads the picture back.
    @Test(.timeLimit(.minutes(5))) func theHTMLReportRendersInARealBrowserWithItsFindings() async throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        try #require(chromium != nil, "headless Chromium is missing: run scripts/setup.sh")
        let (store, summary, _) = try await sampleRun()
        let report = try await RunReportBuilder.build(store: store, run: summary.runID)
        let document = try #require(report.documents.first { $0.name == "mutual-nda.pdf" })
        #expect(!document.findings.isEmpty)
        let html = summary.outputFolder + "/reports/\(document.reportStem).html"
        let png = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).png").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1600",
            "--screenshot=\(png)", URL(fileURLWithPath: html).absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { try await Task.sleep(nanoseconds: 100_000_000) }
        if process.isRunning { process.terminate() }
        defer { try? FileManager.default.removeItem(atPath: png) }
        try #require(FileManager.default.fileExists(atPath: png), "Chromium wrote no screenshot")

        var options = ExtractionOptions()
        options.languages = ["eng"]
        let seen = DocumentExtractor(options: options).extractDocument(path: png).pages.map(\.text).joined(
            separator: "\n")
        #expect(seen.contains("Findings") && seen.contains("Classification"))
        for type in Set(document.findings.map(\.type)) {
            #expect(seen.contains(type), "\(type) not on the rendered page")
        }
        #expect(seen.contains("Northwind Analytics"))
    }
}
