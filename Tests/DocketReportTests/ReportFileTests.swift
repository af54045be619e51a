import Foundation
import Testing

@testable import DocketModel
@testable import DocketRecords
@testable import DocketReport

@Suite struct ReportFileTests {
    @Test func csvFieldsAreQuotedAndNeverRunAsFormulas() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(CSV.field("=HYPERLINK(\"http://x\")").hasPrefix("\"'="))
        #expect(CSV.field("+49 30") == "'+49 30")
    }

    @Test func atomicWritesReplaceTheFileAndLeaveNoTemporaryFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID())").path
        let path = folder + "/out/results.jsonl"
        try AtomicFile.write("first\n", to: path)
        try AtomicFile.write("second\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["results.jsonl"])
    }

    @Test func htmlAndMarkdownEscapeWhatTheyShow() throws {
        let run = RunRecord(
            id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .completed, startedAt: Date())
        var document = DocumentReport(
            name: "<script>alert(1)</script>.pdf", path: "/x", sha256: String(repeating: "a", count: 64))
        document.findings = [
            FoundItem(type: "organisation", page: 1, shown: "A | B <i>", confidence: 0.9, validated: false)
        ]
        let html = try HTMLReport.render(document, run: run)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
        #expect(!html.contains("<i>"))
        let markdown = try MarkdownReport.render(document, run: run)
        #expect(markdown.contains(#"A \| B \<i\>"#))
    }

    /// The written reports are the ones each renders alone: one view made once serves both, the right template
    /// for each file.
    @Test func theWrittenReportsAreTheRenderedOnes() throws {
        let run = RunRecord(
            id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .completed, startedAt: Date())
        var document = DocumentReport(
            name: "lease.pdf", path: "/in/lease.pdf", sha256: String(repeating: "b", count: 64))
        document.findings = [FoundItem(type: "email", page: 2, shown: "j***@***.de", confidence: 1, validated: true)]
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        try ReportWriter.writeReports(
            document, run: run, reports: reports,
            part: try DocumentOutputs(document, run: "r", columns: SummaryCSV(pipeline: nil)))
        let stem = (reports as NSString).appendingPathComponent(document.reportStem)
        #expect(try String(contentsOfFile: stem + ".md", encoding: .utf8) == MarkdownReport.render(document, run: run))
        #expect(try String(contentsOfFile: stem + ".html", encoding: .utf8) == HTMLReport.render(document, run: run))
    }
}
