import DocketTestSupport
import Foundation
import StoreTestSupport
import Testing

@testable import DocketRecords
@testable import DocketReport
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// A document's report is written when its last unit is done, while the run goes on, by a run and by a
/// worker; at the end the run's files are written a page of documents at a time, the index in pages.
@Suite struct StreamingReportsTests {
    /// Two one-clause contracts, one unit each, against an endpoint that holds every request after the first
    /// until a report exists in the run's folder (and answers "timeout" after 20 s without one).
    static func twoContracts(
        hold: Bool = true
    ) throws -> (
        folder: URL, inputs: URL, server: FaultServer, pipeline: URL
    ) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-\(UUID())")
        let inputs = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for (name, law) in [("a-first.txt", "Germany"), ("b-second.txt", "France")] {
            try "This Agreement is governed by the laws of \(law). The courts of the capital have jurisdiction.\n"
                .write(to: inputs.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let server = try FaultServer(mode: "ok", holdGlob: hold ? folder.path + "/out/*/reports/*.md" : nil)
        let pipeline = try WorkerTests.reviewPipeline("streaming", endpoint: server.url, in: folder)
        return (folder, inputs, server, pipeline)
    }

    /// The two contracts run to the end against an endpoint that answers every request at once.
    static func finishedRun() async throws -> (folder: URL, store: RunStore, summary: RunSummary) {
        let (folder, inputs, server, pipeline) = try twoContracts(hold: false)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = folder.appendingPathComponent("docket.sqlite").path
        options.inputs = [inputs.path]
        let summary = try await Runner(pipeline: try PipelineLoader.load(path: pipeline.path), options: options).run()
        #expect(summary.counts.done == 2 && server.requests.count == 2)
        return (folder, try await StoreFactory.open(options.storePath!), summary)
    }

    @Test(.timeLimit(.minutes(2))) func aRunWritesADocumentsReportWhenItsLastUnitIsDone() async throws {
        let (folder, inputs, server, pipeline) = try Self.twoContracts()
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = folder.appendingPathComponent("docket.sqlite").path
        options.inputs = [inputs.path]
        options.jobs = 1
        let summary = try await Runner(pipeline: try PipelineLoader.load(path: pipeline.path), options: options).run()
        #expect(summary.counts.done == 2)
        // The second request waited for the first document's report, and found it before the run ended.
        #expect(server.requests.map(\.mode) == ["ok", "held"], "\(server.requests)")
    }

    @Test(.timeLimit(.minutes(2))) func aWorkerWritesADocumentsReportWhenItsLastUnitIsDone() async throws {
        let (folder, inputs, server, pipeline) = try Self.twoContracts()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLRunStore(sqlite: folder.appendingPathComponent("docket.sqlite").path)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = store.location
        options.inputs = [inputs.path]
        options.enqueueOnly = true
        let run = try await Runner(pipeline: try PipelineLoader.load(path: pipeline.path), options: options).run().runID
        var workerOptions = Worker.Options(workerExecutable: TestPaths.docketExecutable)
        workerOptions.jobs = 1
        workerOptions.exitWhenIdle = true
        try await Worker(store: store, options: workerOptions).run()
        #expect(try await store.run(id: run)?.status == .completed)
        #expect(server.requests.map(\.mode) == ["ok", "held"], "\(server.requests)")
    }

    /// The run's files written a page of one document at a time: every line and row is there once, the index
    /// is two linked pages; written again with larger pages, the second index page is removed.
    @Test(.timeLimit(.minutes(2))) func theRunsFilesAreWrittenAPageAtATime() async throws {
        let (folder, store, summary) = try await Self.finishedRun()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = summary.outputFolder
        try await ReportWriter.write(
            store: store, run: summary.runID, folder: out, paging: ReportWriter.Paging(read: 1, index: 1))
        let results = try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8)
        #expect(results.split(separator: "\n").filter { $0.contains("\"task\":\"review\"") }.count == 2, "\(results)")
        let csv = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\r\n")
        #expect(csv.count == 3 && csv[1].hasPrefix("a-first.txt,") && csv[2].hasPrefix("b-second.txt,"))
        #expect(csv[0].contains("findings_iban") && csv[0].contains("review_done"))
        let first = try String(contentsOfFile: out + "/reports/index.html", encoding: .utf8)
        let second = try String(contentsOfFile: out + "/reports/index-2.html", encoding: .utf8)
        #expect(
            first.contains("a-first.txt") && !first.contains("b-second.txt") && first.contains("href=\"index-2.html\""))
        #expect(second.contains("b-second.txt") && second.contains("href=\"index.html\""))
        try await ReportWriter.write(store: store, run: summary.runID, folder: out)
        #expect(!FileManager.default.fileExists(atPath: out + "/reports/index-2.html"))
        let whole = try String(contentsOfFile: out + "/reports/index.html", encoding: .utf8)
        #expect(whole.contains("a-first.txt") && whole.contains("b-second.txt") && !whole.contains("index-2.html"))
    }

    /// The end of a run gathers each document's outputs kept as it finished, without reading it again from the
    /// store; `docket report` (rewriting) makes them anew. A kept part is marked here to tell which was used.
    @Test(.timeLimit(.minutes(2))) func theEndOfARunGathersTheOutputsKeptAsDocumentsFinished() async throws {
        let (folder, store, summary) = try await Self.finishedRun()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = summary.outputFolder, parts = out + "/reports/.parts"
        let kept = try #require(
            try FileManager.default.contentsOfDirectory(atPath: parts).first {
                $0.contains("a-first.txt") && $0.hasSuffix(".part")
            })
        let file = parts + "/" + kept
        // Its summary row, its index row (kept as HTML: the end of a run joins rows, it renders none) and its
        // lines, copied from the part as bytes: marked here without changing the part's size.
        let original = try String(contentsOfFile: file, encoding: .utf8)
        #expect(original.hasPrefix("docket-part-2 "))
        try original.replacingOccurrences(of: "a-first.txt", with: "A-FIRST.TXT").write(
            toFile: file, atomically: true, encoding: .utf8)
        try await ReportWriter.write(store: store, run: summary.runID, folder: out, rewriteReports: false)
        let gathered = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        #expect(gathered.contains("A-FIRST.TXT,") && gathered.contains("b-second.txt,"))
        let index = try String(contentsOfFile: out + "/reports/index.html", encoding: .utf8)
        #expect(index.contains("A-FIRST.TXT</a>") && index.contains("b-second.txt</a>"))
        #expect(try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8).contains("A-FIRST.TXT"))
        // A part that is not the size its first line says is not used: the document is read again.
        try (original.replacingOccurrences(of: "a-first.txt", with: "A-FIRST.TXT") + "{").write(
            toFile: file, atomically: true, encoding: .utf8)
        try await ReportWriter.write(store: store, run: summary.runID, folder: out, rewriteReports: false)
        let again = try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8)
        #expect(!again.contains("A-FIRST.TXT") && again.contains("a-first.txt"))
        #expect(!(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)).contains("A-FIRST.TXT"))
        // Sizes that would overflow their sum (a damaged or hostile first line) are refused, not trusted.
        let first = original.prefix { $0 != "\n" }.split(separator: " ")
        let huge = "\(first[0]) \(first[1]) 0 \(Int.max) \(Int.max) \(Int.max) \(Int.max)"
        try (huge + original.drop { $0 != "\n" }).write(toFile: file, atomically: true, encoding: .utf8)
        try await ReportWriter.write(store: store, run: summary.runID, folder: out, rewriteReports: false)
        #expect(try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8).contains("a-first.txt"))
        try await ReportWriter.write(store: store, run: summary.runID, folder: out)
        let rewritten = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        #expect(!rewritten.contains("A-FIRST.TXT") && rewritten.contains("a-first.txt,"))
    }
}
