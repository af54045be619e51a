import DocketDecide
import DocketIngest
import DocketModel
import DocketRecords
import DocketRun
import DocketSpec
import DocketStore
import Foundation
import Hummingbird
import Logging

/// A page of a document beside its text: the image rendered by poppler on demand, in a worker process
/// (`PageWorker`), with each chunk, finding and clause passage highlighted where its glyphs are (on
/// an OCRed page, where tesseract's words are, OCR run again as the run ran it, once), and
/// the cited passage (`?from=&to=`, as the document page's citations link it) marked in both. Shown to
/// whoever may read the run; the page is the document itself, so nothing on it is masked.
enum PageView {
    struct Query: Decodable {
        var from: Int?
        var to: Int?
        /// "1": the page image across the whole width, the text below it.
        var zoom: String?
        /// The words a search looked for: the first place on the page that holds one is marked as cited.
        var q: String?
    }

    /// Where on the page (UTF-8 offsets) the first of `words` begins a word, to the end of that word: a search's
    /// match, found again the way the index reads (case and accents aside, a word or a word's start).
    static func firstMatch(of words: [String], in text: String) -> Range<Int>? {
        var best: Range<String.Index>?
        for word in words where !word.isEmpty {
            var from = text.startIndex
            while let found = text.range(
                of: word, options: [.caseInsensitive, .diacriticInsensitive], range: from..<text.endIndex)
            {
                let startsWord =
                    found.lowerBound == text.startIndex
                    || !(text[text.index(before: found.lowerBound)].isLetter
                        || text[text.index(before: found.lowerBound)].isNumber)
                if startsWord {
                    var end = found.upperBound
                    while end < text.endIndex, text[end].isLetter || text[end].isNumber { end = text.index(after: end) }
                    if best == nil || found.lowerBound < best!.lowerBound { best = found.lowerBound..<end }
                    break
                }
                from = found.upperBound
            }
        }
        return best.map {
            text.utf8.distance(
                from: text.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.startIndex, to: $0.upperBound)
        }
    }

    /// The document of the run, if the account may read the run: its path, plan and pages.
    static func document(
        runID: String, sha256: String, access: WebAccess
    ) async throws -> (path: String, plan: DocumentPlan?, pages: [ExtractedPage])? {
        guard try await access.mayRead(run: runID),
            let entry = try await access.store.runDocument(run: runID, sha256: sha256),
            entry.error == nil, let pages = try await access.store.pages(sha256: sha256)
        else { return nil }
        return (entry.path, entry.plan, pages)
    }

    static func render(
        runID: String, sha256: String, number: Int, query: Query, settings: WebApp.Settings, store: any RunStore,
        context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        guard let (path, plan, pages) = try await document(runID: runID, sha256: sha256, access: access),
            let index = pages.firstIndex(where: { $0.number == number })
        else { return try WebTemplates.notFound(context) }
        let page = pages[index]
        let text = DocumentText(pages: pages)
        let pageStart = text.pageStarts[index], pageEnd = pageStart + page.text.utf8.count
        let words = SearchTerms(query.q ?? "").markedWords
        let cited =
            query.from.flatMap { from in query.to.map { from..<max(from, $0) } }
            ?? Self.firstMatch(of: words, in: page.text).map {
                (pageStart + $0.lowerBound)..<(pageStart + $0.upperBound)
            }
        var view: [String: Any] = [
            "title": "\((path as NSString).lastPathComponent), page \(number)",
            "name": (path as NSString).lastPathComponent, "number": number, "count": pages.count,
            "documentHref": "/runs/\(runID)/documents/\(sha256)",
        ]
        // The same page, the image larger or beside the text again; the cited passage stays marked.
        let zoomed = query.zoom == "1"
        var toggle = "zoom=\(zoomed ? 0 : 1)"
        if let from = query.from, let to = query.to { toggle += "&from=\(from)&to=\(to)" }
        view["zoomed"] = zoomed
        view["zoomHref"] = "/runs/\(runID)/documents/\(sha256)/pages/\(number)?" + toggle
        if index > 0 {
            view["previous"] = ["href": "/runs/\(runID)/documents/\(sha256)/pages/\(pages[index - 1].number)"]
        }
        if index + 1 < pages.count {
            view["next"] = ["href": "/runs/\(runID)/documents/\(sha256)/pages/\(pages[index + 1].number)"]
        }
        // The page's text, the cited passage marked.
        let bytes = Array(page.text.utf8)
        if let cited, cited.lowerBound < pageEnd, cited.upperBound > pageStart {
            let from = max(0, cited.lowerBound - pageStart), to = min(bytes.count, cited.upperBound - pageStart)
            view["text"] = [
                "before": String(decoding: bytes[..<from], as: UTF8.self),
                "cited": String(decoding: bytes[from..<to], as: UTF8.self),
                "after": String(decoding: bytes[to...], as: UTF8.self), "hasCited": true,
            ]
        } else {
            view["text"] = ["before": page.text, "cited": "", "after": "", "hasCited": false]
        }
        var notes: [String] = []
        if (path as NSString).pathExtension.lowercased() != "pdf" {
            notes.append("Page images are shown for PDF files; this document is shown as its text.")
        } else if let executable = settings.workerExecutable {
            do {
                let layout = try await self.layout(
                    of: page, path: path, sha256: sha256, runID: runID, executable: executable, store: store)
                var figure: [String: Any] = [
                    "width": layout.width, "height": layout.height,
                    "image": "/runs/\(runID)/documents/\(sha256)/pages/\(number)/image",
                ]
                if let highlights = PageHighlights(layout: layout, storedText: page.text, pageStart: pageStart) {
                    var marks = self.marks(plan: plan)
                    if let cited { marks.append(.init(kind: "cited", label: "the cited passage", span: cited)) }
                    figure["rects"] = highlights.rects(marks).map { rect -> [String: Any] in
                        [
                            "x": rect.x, "y": rect.y, "width": rect.width, "height": rect.height, "kind": rect.kind,
                            "label": rect.label,
                        ]
                    }
                } else {
                    notes.append("The page's text layer is not the text the run read: no highlights on the image.")
                }
                view["figure"] = figure
            } catch {
                context.logger.notice("page view unavailable", metadata: ["document": "\(sha256.prefix(12))"])
                notes.append("The page image is not available: \(error).")
            }
        } else {
            notes.append("The page image is not available: this workspace was started without its page worker.")
        }
        view["notes"] = notes
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("page.html", view)
    }

    /// Where the page's glyphs are, from the page worker. An OCRed page has no glyphs: OCR reads it
    /// again, as the run did (in the languages chosen for the page), for its word boxes, once: they are
    /// kept in the store for the next view (`PageLayoutStore`), under the languages and resolution.
    static func layout(
        of page: ExtractedPage, path: String, sha256: String, runID: String, executable: String, store: any RunStore
    ) async throws -> PageImage.Layout {
        // `--file=PATH`: a file named like an option stays a file name.
        var arguments = ["--file=\(path)", "--sha256", sha256, "--page", "\(page.number)"]
        var variant: String?
        if page.source == .ocr, let ocr = try? await ReviewPipeline.pipeline(store, run: runID).ocr {
            let languages = (page.ocrLanguages ?? ocr.languages).joined(separator: "+")
            arguments += ["--ocr", languages, "--dpi", "\(ocr.dpi)"]
            let key = "ocr \(languages) \(ocr.dpi)"
            if let kept = try await store.pageLayout(sha256: sha256, page: page.number, variant: key),
                let layout = try? JSONDecoder().decode(PageImage.Layout.self, from: Data(kept.utf8))
            {
                return layout
            }
            variant = key
        }
        let data = try await PageWorker.run(executable: executable, arguments: arguments)
        let layout = try JSONDecoder().decode(PageImage.Layout.self, from: data)
        if let variant {
            try await store.savePageLayout(
                sha256: sha256, page: page.number, variant: variant, json: String(decoding: data, as: UTF8.self))
        }
        return layout
    }

    /// What a page highlights: each chunk (outlined), its findings and the clause passages.
    static func marks(plan: DocumentPlan?) -> [PageHighlights.Mark] {
        guard let plan else { return [] }
        var marks: [PageHighlights.Mark] = plan.chunks.map {
            .init(
                kind: "chunk", label: $0.heading.isEmpty ? "part \($0.index + 1)" : $0.heading, span: $0.start..<$0.end)
        }
        for chunk in plan.chunks {
            marks += chunk.findings.map {
                .init(kind: "finding", label: $0.type, span: (chunk.start + $0.start)..<(chunk.start + $0.end))
            }
        }
        for category in plan.clauses?.categories ?? [] {
            marks += category.passages.map { .init(kind: "clause", label: category.name, span: $0.start..<$0.end) }
        }
        return marks
    }

    static func image(
        runID: String, sha256: String, number: Int, settings: WebApp.Settings, store: any RunStore,
        context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return Response(status: .unauthorized) }
        guard let (path, _, pages) = try await document(runID: runID, sha256: sha256, access: access),
            pages.contains(where: { $0.number == number }), let executable = settings.workerExecutable
        else { return Response(status: .notFound) }
        do {
            let png = try await PageWorker.run(
                executable: executable,
                arguments: ["--file=\(path)", "--sha256", sha256, "--page", "\(number)", "--png", "110"])
            return Response(
                status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"],
                body: .init(byteBuffer: .init(bytes: png)))
        } catch {
            return Response(status: .serviceUnavailable)
        }
    }
}
