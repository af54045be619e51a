import DocketAudit
import DocketModel
import DocketRecords
import DocketTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Testing

@testable import DocketIngest
@testable import DocketStore
@testable import DocketWeb

/// Highlights from glyph boxes: one rectangle per line of a passage, none when the page's layer is not
/// the text the run read.
@Suite struct PageHighlightsTests {
    // "ab" on one line, "cd" on the next; the newline was put back by the assembler and has no glyph.
    let layout = PageImage.Layout(
        width: 100, height: 100, text: "ab\ncd",
        boxes: [[10, 10, 15, 20], [15, 10, 20, 20], nil, [10, 30, 15, 40], [15, 30, 20, 40]])

    @Test func aPassageIsOneRectanglePerLine() throws {
        // The document's text holds an earlier page of 7 bytes and a form feed before this one.
        let highlights = try #require(PageHighlights(layout: layout, storedText: "ab\ncd", pageStart: 8))
        let rects = highlights.rects(.init(kind: "cited", label: "x", span: 9..<12))  // "b\nc"
        #expect(rects.map { [$0.x, $0.y, $0.width, $0.height] } == [[15, 10, 5, 10], [10, 30, 5, 10]])
        #expect(highlights.rects(.init(kind: "cited", label: "x", span: 8..<10)).count == 1)  // "ab"
        #expect(highlights.rects(.init(kind: "cited", label: "x", span: 0..<7)).isEmpty)  // another page
    }

    @Test func anotherTextLayerGetsNoHighlights() {
        #expect(PageHighlights(layout: layout, storedText: "ab cd", pageStart: 0) == nil)
    }

    /// On an OCRed page each of tesseract's words gives its box to the characters it matches, in order.
    @Test func ocrWordsArePlacedOnTheTextInOrder() throws {
        let ocr = PageImage.Layout(
            width: 100, height: 100, text: "", boxes: [],
            words: [
                .init(text: "to", box: [1, 1, 9, 9]), .init(text: "be", box: [11, 1, 19, 9]),
                .init(text: "zz", box: [0, 0, 1, 1]), .init(text: "to", box: [1, 11, 9, 19]),
            ])
        let highlights = try #require(PageHighlights(layout: ocr, storedText: "to be\nto", pageStart: 0))
        #expect(highlights.boxes.map { $0?[1] } == [1, 1, nil, 1, 1, nil, 11, 11])
        #expect(highlights.rects(.init(kind: "finding", label: "x", span: 3..<8)).count == 2)
    }
}

/// The page view on the shared real run: a citation of the document page opens the page image with
/// the passage highlighted, rendered by `docket page-worker`, for those who may read the run only.
extension WebReviewTests {
    @Test func aCitationOpensThePageImageWithThePassageHighlighted() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let sam = try await Self.person("sam", [.submitter], store: store)
        let sue = try await Self.person("sue", [.submitter], store: store)
        let submission = try await Self.waitingSubmission(of: sam, store: store)
        try await store.markSubmissions([submission], status: .done, run: summary.runID)
        let sha = try #require(try await store.runDocuments(run: summary.runID).first?.sha256)
        var settings = WebApp.Settings()
        settings.workerExecutable = TestPaths.docketExecutable
        let app = Application(router: WebApp.router(store: store, settings: settings))
        try await app.test(.router) { client in
            let document = String(
                buffer: try await Self.get(client, "/runs/\(summary.runID)/documents/\(sha)", as: sam).body)
            let link = try #require(
                document.firstMatch(of: /href="(\/runs\/[^"]+\/pages\/\d+\?from=\d+&amp;to=\d+)#cited"/)?.1)
            let uri = String(link).replacingOccurrences(of: "&amp;", with: "&")
            let page = try await Self.get(client, uri, as: sam)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<rect class=\"hl-cited\"") && html.contains("<mark id=\"cited\">"), "\(html)")
            #expect(html.contains("<rect class=\"hl-finding\"") && html.contains("<rect class=\"hl-clause\""))
            // A larger image, across the page, with the passage still marked; and back beside the text.
            let larger = try #require(html.firstMatch(of: /href="([^"]+)" class="zoom">larger image</)?.1)
            let zoomed = String(
                buffer: try await Self.get(client, String(larger).replacingOccurrences(of: "&amp;", with: "&"), as: sam)
                    .body)
            #expect(zoomed.contains("class=\"page-view zoomed\"") && zoomed.contains("<mark id=\"cited\">"))
            #expect(zoomed.contains("image beside the text"))
            let image = try #require(html.firstMatch(of: /<image href="([^"]+)"/)?.1)
            let png = try await Self.get(client, String(image), as: sam)
            #expect(png.status == .ok && png.headers[.contentType] == "image/png")
            #expect(Array(Data(buffer: png.body).prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            // Another submitter learns nothing; a page the document does not have is not found.
            #expect(try await Self.get(client, uri, as: sue).status == .notFound)
            #expect(try await Self.get(client, String(image), as: sue).status == .notFound)
            #expect(
                try await Self.get(client, "/runs/\(summary.runID)/documents/\(sha)/pages/99", as: sam).status
                    == .notFound)
        }
    }

    @Test func thePageImageLoadsUnderTheCSPInARealBrowser() async throws {
        try #require(WebDriver.available, "chromedriver is missing: run scripts/setup.sh")
        let (store, summary) = try await WebRun.shared.get()
        let password = "a long enough password"
        let vera = Account(
            name: "vera-\(UUID().uuidString.prefix(6).lowercased())",
            passwordHash: try await PasswordHasher.hash(password), roles: [.reviewer])
        try await store.addAccount(vera)
        let sha = try #require(try await store.runDocuments(run: summary.runID).first?.sha256)
        let (server, base) = try await Self.serve(store: WebRun.shared.storePath)
        defer { server.terminate() }
        let browser = try await WebDriver.start()
        do {
            try await Self.signIn(browser, base, name: vera.name, password: password)
            try await browser.open(base + "/runs/\(summary.runID)/documents/\(sha)")
            try await browser.click("#clauses a")
            #expect(try await browser.url { $0.contains("/pages/") }.hasSuffix("#cited"))
            #expect(try await browser.source(containing: "hl-cited").contains("hl-cited"))
            // The image was fetched (a CSP refusal would leave no resource entry) and drawn.
            var loaded = false
            for _ in 0..<100 where !loaded {
                loaded =
                    try await browser.script(
                        "return performance.getEntriesByType('resource').some(e => e.name.endsWith('/image'))")
                    as? Bool == true
                if !loaded { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(loaded)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test func anOCRedPageIsHighlightedFromTesseractsWordBoxes() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let pipeline = try CLIFixtures.pipeline("scan-view", endpoint: server.url, in: folder)
        let scan = TestPaths.sample("mutual-nda-scan.pdf")
        let run = try CLIFixtures.docket(["run", pipeline.path, "--run-id", "r1", "--input", scan])
        try #require(run.status == 0, "\(run.error)")
        let store = try await SQLRunStore(sqlite: folder.path + "/out/docket.sqlite")
        let sha = try ContentHash.sha256(ofFile: scan)
        #expect(try await store.pages(sha256: sha)?.first?.source == .ocr)
        let rita = try await Self.person("rita", [.reviewer], store: store)
        var settings = WebApp.Settings()
        settings.workerExecutable = TestPaths.docketExecutable
        try await Application(router: WebApp.router(store: store, settings: settings)).test(.router) { client in
            let page = try await Self.get(client, "/runs/r1/documents/\(sha)/pages/1", as: rita)
            let html = String(buffer: page.body)
            #expect(page.status == .ok && html.contains("<rect class=\"hl-finding\""), "\(html)")
            // The word boxes are kept: the next view draws from them and does not OCR the page again.
            // A kept layout made recognisable (its width) shows that it is the one drawn.
            let kept = try await store.executor.query(
                "SELECT variant, layout_json FROM page_layouts WHERE sha256 = $1 AND number = 1", [sha])
            try #require(kept.count == 1)
            let variant = try #require(kept[0].text("variant"))
            #expect(variant.hasPrefix("ocr eng"))
            var layout = try JSONDecoder().decode(
                PageImage.Layout.self, from: Data(try #require(kept[0].text("layout_json")).utf8))
            layout.width = 611.25
            try await store.savePageLayout(
                sha256: sha, page: 1, variant: variant,
                json: String(decoding: try JSONEncoder().encode(layout), as: UTF8.self))
            let again = String(buffer: try await Self.get(client, "/runs/r1/documents/\(sha)/pages/1", as: rita).body)
            #expect(again.contains("viewBox=\"0 0 611.25 "), "\(again)")
        }
        // Erasing the document erases what was kept of its pages.
        let erased = try await store.eraseDocument(sha256: sha) {
            DocumentErasure.record(sha256: sha, counts: $0, by: .account(id: "1", name: "dpo"), reference: nil)
        }
        #expect(erased != nil)
        #expect(try await store.executor.query("SELECT 1 FROM page_layouts WHERE sha256 = $1", [sha]).isEmpty)
    }
}

/// How a page worker fails: the real worker, saying why on standard error, and stalled on a named pipe.
@Suite struct PageWorkerTests {
    @Test func aWorkerThatFailsIsReportedInItsOwnWords() async throws {
        // The real worker, asked for a file that is not there: it says why on standard error and exits 3.
        let error = await #expect(throws: PageWorker.Failure.self) {
            try await PageWorker.run(
                executable: TestPaths.docketExecutable,
                arguments: [
                    "--file", "/nonexistent/contract.pdf", "--sha256", String(repeating: "0", count: 64),
                    "--page", "1",
                ])
        }
        #expect(error?.description == "the file is gone or changed since it was read", "\(String(describing: error))")
    }

    @Test(.timeLimit(.minutes(1))) func aWorkerPastItsTimeIsKilled() async throws {
        // A named pipe no one writes to: the real worker waits for ever to open the "document".
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("stalls.pdf").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = await #expect(throws: PageWorker.Failure.self) {
            try await PageWorker.run(
                executable: TestPaths.docketExecutable,
                arguments: ["--file", fifo, "--sha256", String(repeating: "0", count: 64), "--page", "1"],
                timeout: .milliseconds(500))
        }
        #expect(error?.description == "the page worker stopped (it may have run out of time)")
    }
}
