import Foundation
import Testing

@testable import DocketModel
@testable import DocketRecords
@testable import DocketReport

/// Reports are inert: what a document or a model writes into them is shown, never acted on.
@Suite struct InertReportTests {
    static let hostile = [
        #"SCHEDULE 2 \[Sign the renewal here\](https://evil.example/login)"#,
        "[Sign the renewal here](https://evil.example/login)",
        "![tracker](https://evil.example/pixel.png)",
        "<a href=\"https://evil.example\">click</a>",
        "<https://evil.example/autolink>",
        "[ref]: https://evil.example/reference\n[ref]",
        "`code` *bold* _it_ # heading | cell",
    ]

    func document(_ text: String) -> (DocumentReport, RunRecord) {
        let run = RunRecord(
            id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .completed, startedAt: Date())
        var document = DocumentReport(name: text, path: "/x", sha256: String(repeating: "a", count: 64))
        document.findings = [FoundItem(type: "organisation", page: 1, shown: text, confidence: 0.9, validated: false)]
        document.open = [OpenUnit(task: "t", unitKey: "k", heading: text, status: .held, reason: text)]
        // A model writes the answer's keys as well as its values.
        let answer = try! JSONSerialization.data(withJSONObject: [text: text, "answer": text])
        document.results = [
            TaskResult(
                task: "t", unitKey: "k", chunkID: nil, heading: text, firstPage: 1, lastPage: 1, level: "internal",
                resultJSON: String(decoding: answer, as: UTF8.self), modelResultJSON: nil, endpoint: "e", model: "m",
                weightsDigest: nil, decisionID: "d", review: nil, promptTokens: 1, completionTokens: 1,
                latencyMilliseconds: 1)
        ]
        return (document, run)
    }

    /// The Markdown report through cmark-gfm, the CommonMark reference parser with GitHub's
    /// extensions: no link, image or raw HTML comes out, and the words are still there.
    @Test func noValueBecomesALinkAnImageOrHTMLUnderCommonMark() async throws {
        let cmark = "/usr/bin/cmark-gfm"
        try #require(FileManager.default.isExecutableFile(atPath: cmark), "run scripts/setup.sh (cmark-gfm)")
        for text in Self.hostile {
            let (document, run) = document(text)
            let html = try render(MarkdownReport.render(document, run: run), with: cmark)
            #expect(!html.contains("<a "), "a link from \(text)")
            #expect(!html.contains("<img"), "an image from \(text)")
            #expect(!html.contains("evil.example\">"), "\(text)")
            #expect(!html.contains("<script") && !html.contains("<em>") && !html.contains("<strong>bold"), "\(text)")
        }
        let (document, run) = document(Self.hostile[0])
        #expect(try render(MarkdownReport.render(document, run: run), with: cmark).contains("Sign the renewal here"))
    }

    @Test func htmlReportsCarryAStrictContentSecurityPolicy() throws {
        let (document, run) = document("x")
        for page in try [
            HTMLReport.render(document, run: run),
            HTMLReport.index(RunReport(run: run, documents: [document], generatedAt: Date())),
        ] {
            #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
            #expect(!page.contains("script-src"))
        }
    }

    /// The index row kept as HTML when a document is done, and joined unescaped into the index at the end of
    /// a run, escapes what the document's name holds: the row is rendered by the escaping template.
    @Test func anIndexRowKeptAsHTMLEscapesTheDocumentsName() throws {
        for text in Self.hostile {
            let (document, _) = document(text)
            let row = try IndexView.rowHTML(IndexView.row(document, run: "r"))
            #expect(!row.contains("<a href=\"https://evil") && !row.contains("<https://evil"), "\(text)")
            #expect(row.contains("<tr>") && !row.contains("<a href=\"https://evil.example\">click"), "\(text)")
        }
    }

    @Test func csvCellsStartingWithFormulaCharactersTabOrCRAreDefused() {
        for text in ["=1+1", "+49", "-2", "@SUM(A1)", "\t=1+1", "\r=1+1"] {
            #expect(CSV.field(text).drop { $0 == "\"" }.first == "'", "\(text.debugDescription)")
        }
        #expect(CSV.field("plain") == "plain")
    }

    /// The HTML report escapes every value a document or a model supplies, keys of an answer too.
    @Test func noValueBecomesMarkupInTheHTMLReport() throws {
        for text in Self.hostile {
            let (document, run) = document(text)
            let html = try HTMLReport.render(document, run: run)
            #expect(!html.contains("<a href=\"https://evil") && !html.contains("<https://evil"), "\(text)")
        }
    }

    /// A triple mustache writes a value unescaped: the templates keep it for values Docket makes
    /// itself (ids, counts, enumerations, the pipeline's own names), never for a document's or a
    /// model's text. A template edit that unescapes such a value fails here.
    @Test func templatesLeaveOnlyDocketsOwnValuesUnescaped() throws {
        let docketMade: Set<String> = [
            "contentSecurityPolicy", "runID", "pipeline", "ruleSet", "sha256", "kind", "advice", "languageNote", "type",
            "language", "level", "pages", "ocrPages", ".", "count", "page", "confidence", "validated", "task",
            "pagesText", "model", "endpoint", "decisionID", "status", "score", "started", "findings", "results",
            "reviewed", "open", "id", "errorKind",
            // Index rows rendered by run-row.html (escaping) when each document was done.
            "rows",
        ]
        let folder = BundledResource.path(target: "DocketReport", "Templates")
        var seen = 0
        for name in [
            "head", "document.html", "document-body.html", "document.md", "index.html", "run-body.html",
            "run-row.html",
        ] {
            let text = try String(contentsOfFile: "\(folder)/\(name).mustache", encoding: .utf8)
            for match in text.matches(of: /\{\{\{\s*([^}\s]+)\s*\}\}\}/) {
                seen += 1
                #expect(docketMade.contains(String(match.output.1)), "\(name): {{{\(match.output.1)}}}")
            }
        }
        #expect(seen > 0, "the templates were read")
    }

    /// A name as long as a file name may be still gets its report, and the others theirs.
    @Test func aLongFileNameGetsABoundedReportName() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("long-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = String(repeating: "Vertrag-Müller-", count: 16).prefix(244) + ".pdf"
        let (document, _) = self.document(String(name))
        #expect(document.reportStem.utf8.count <= ReportWriter.maximumStemBytes)
        let path = folder.appendingPathComponent(document.reportStem + ".html").path
        try AtomicFile.write("<p>ok</p>", to: path)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    func render(_ markdown: String, with cmark: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cmark)
        process.arguments = ["--extension", "table", "--extension", "autolink", "--extension", "strikethrough"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let html = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return html
    }
}
