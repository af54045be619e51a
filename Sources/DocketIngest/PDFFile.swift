import CPoppler
import DocketModel
import Foundation

/// One open poppler document. Owns its C handle; not `Sendable`: poppler documents crash when
/// shared between threads, so every worker thread opens its own.
final class PDFFile {
    private let document: OpaquePointer
    let path: String
    /// True when a password from the password file was needed to open it.
    let neededPassword: Bool

    /// Opens `path`, first with no password (an empty user password opens this way), then with
    /// each candidate password in turn.
    init(path: String, passwords: [String]) throws {
        self.path = path
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let uri = g_filename_to_uri(absolute, nil, nil) else {
            throw IngestError(.unreadable, path: path, detail: "the path cannot be turned into a file URI")
        }
        defer { g_free(uri) }
        var lastError: (domain: GQuark, code: Int32, message: String)?
        for (attempt, password) in ([nil] + passwords.map(Optional.some)).enumerated() {
            var error: UnsafeMutablePointer<GError>?
            if let document = poppler_document_new_from_file(uri, password, &error) {
                self.document = document
                self.neededPassword = attempt > 0
                return
            }
            if let error {
                lastError = (error.pointee.domain, error.pointee.code, String(cString: error.pointee.message))
                g_error_free(error)
            }
            // Only an encrypted document is worth another password.
            if lastError?.code != Int32(POPPLER_ERROR_ENCRYPTED.rawValue) { break }
        }
        throw Self.classify(lastError, path: path, triedPasswords: !passwords.isEmpty)
    }

    private static func classify(
        _ error: (domain: GQuark, code: Int32, message: String)?,
        path: String, triedPasswords: Bool
    ) -> IngestError {
        guard let error, error.domain == poppler_error_quark() else {
            let detail = error.map { "poppler could not open it (\($0.message))" } ?? "poppler could not open it"
            return IngestError(.damaged, path: path, detail: detail)
        }
        switch UInt32(error.code) {
        case POPPLER_ERROR_ENCRYPTED.rawValue:
            return triedPasswords
                ? IngestError(
                    .wrongPassword, path: path, detail: "it is encrypted and no password in the password file opens it")
                : IngestError(.passwordRequired, path: path, detail: "it is encrypted with a user password")
        case POPPLER_ERROR_OPEN_FILE.rawValue:
            return IngestError(.unreadable, path: path, detail: "poppler could not open the file")
        default:
            return IngestError(.damaged, path: path, detail: "poppler could not read its structure (\(error.message))")
        }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    private var handle: OpaquePointer { document }

    var pageCount: Int { Int(poppler_document_get_n_pages(handle)) }

    var metadata: DocumentMetadata {
        func take(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
            guard let pointer else { return nil }
            defer { g_free(pointer) }
            let value = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        var creation: String?
        if let date = poppler_document_get_creation_date_time(handle) {
            creation = take(g_date_time_format_iso8601(date))
            g_date_time_unref(date)
        }
        return DocumentMetadata(
            title: take(poppler_document_get_title(handle)),
            author: take(poppler_document_get_author(handle)),
            producer: take(poppler_document_get_producer(handle)),
            creationDate: creation,
            encrypted: neededPassword || Self.hasEncryptDictionary(path: path),
            signatures: Int(poppler_document_get_n_signatures(handle)))
    }

    /// poppler-glib has no "is encrypted" query; the trailer or the cross-reference stream names
    /// an /Encrypt dictionary, and both sit near the start (linearised) or the end of the file.
    private static func hasEncryptDictionary(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let window = 64 * 1024
        let needle = Data("/Encrypt".utf8)
        let head = (try? handle.read(upToCount: window)) ?? Data()
        if head.range(of: needle) != nil { return true }
        guard let size = try? handle.seekToEnd(), size > UInt64(window) else { return false }
        try? handle.seek(toOffset: size - UInt64(window))
        let tail = (try? handle.read(upToCount: window)) ?? Data()
        return tail.range(of: needle) != nil
    }

    func page(_ index: Int) -> PDFPage? {
        guard let page = poppler_document_get_page(handle, Int32(index)) else { return nil }
        return PDFPage(page)
    }
}

/// One page of a `PDFFile`. Poppler caches the page's text analysis on the page object, so
/// asking for the text and then its layout analyses the page once.
final class PDFPage {
    private let page: OpaquePointer

    fileprivate init(_ page: OpaquePointer) {
        self.page = page
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(page))
    }

    /// Page size in points.
    var size: (width: Double, height: Double) {
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        return (width.isFinite ? width : 0, height.isFinite ? height : 0)
    }

    /// The text layer in reading order, text blocks kept apart (see `PageTextAssembler`).
    var text: String { textAndGlyphs.text }

    /// The text layer and the boxes its text is drawn in: one per glyph, or one per line when
    /// poppler has no glyph layout for the text (see `rawTextAndBoxes`).
    var textAndGlyphs: (text: String, glyphs: [GlyphBox]) {
        guard let (raw, boxes) = rawTextAndBoxes() else { return ("", []) }
        guard let boxes else { return (raw, raw.allSatisfy(\.isWhitespace) ? [] : selectedLineBoxes) }
        return (PageTextAssembler.assemble(text: raw, boxes: boxes), boxes)
    }

    /// The same text with each scalar's glyph box (nil where there is none), for highlights.
    var textWithBoxes: (text: String, boxes: [GlyphBox?]) {
        guard let (raw, boxes) = rawTextAndBoxes() else { return ("", []) }
        guard let boxes else { return (raw, Array(repeating: nil, count: raw.unicodeScalars.count)) }
        return PageTextAssembler.assembleWithBoxes(text: raw, boxes: boxes)
    }

    /// Poppler's text of the page and its text layout (one box per scalar; nil when poppler has none).
    /// Poppler 22.12 selects by glyph to give both, and on some pages that selection finds nothing
    /// though the text is there (page 2 of `habibi-rotated.pdf`: Arabic and Latin, turned 180°);
    /// selecting the page's whole lines finds it, without a layout.
    private func rawTextAndBoxes() -> (String, [GlyphBox]?)? {
        guard let raw = poppler_page_get_text(page) else { return nil }
        defer { g_free(raw) }
        let text = String(cString: raw)
        if text.allSatisfy(\.isWhitespace) { return (selectedLineText ?? text, nil) }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles else { return (text, nil) }
        defer { g_free(rectangles) }
        return (
            text,
            UnsafeBufferPointer(start: rectangles, count: Int(count)).map {
                GlyphBox(x1: $0.x1, y1: $0.y1, x2: $0.x2, y2: $0.y2)
            }
        )
    }

    /// The page's text as poppler selects its whole lines; nil when there is none.
    private var selectedLineText: String? {
        var whole = wholePage
        guard let raw = poppler_page_get_selected_text(page, POPPLER_SELECTION_LINE, &whole) else { return nil }
        defer { g_free(raw) }
        let text = String(cString: raw)
        return text.allSatisfy(\.isWhitespace) ? nil : text
    }

    /// The boxes of the page's lines of text, in points, for a page whose glyphs have no layout.
    private var selectedLineBoxes: [GlyphBox] {
        var whole = wholePage
        guard let region = poppler_page_get_selected_region(page, 1.0, POPPLER_SELECTION_LINE, &whole) else {
            return []
        }
        defer { cairo_region_destroy(region) }
        return (0..<cairo_region_num_rectangles(region)).map { index in
            var box = cairo_rectangle_int_t()
            cairo_region_get_rectangle(region, index, &box)
            return GlyphBox(
                x1: Double(box.x), y1: Double(box.y), x2: Double(box.x + box.width), y2: Double(box.y + box.height))
        }
    }

    private var wholePage: PopplerRectangle {
        let (width, height) = size
        return PopplerRectangle(x1: 0, y1: 0, x2: width, y2: height)
    }

    /// The fraction of the page's area that images cover, from 0 to 1 (overlaps may count twice,
    /// so the sum is capped).
    var imageCoverage: Double {
        let (width, height) = size
        guard width > 0, height > 0 else { return 0 }
        let covered = images.reduce(0.0) { sum, image in
            let w = max(0, min(image.area.x2, width) - max(image.area.x1, 0))
            let h = max(0, min(image.area.y2, height) - max(image.area.y1, 0))
            return sum + w * h
        }
        return min(1, covered / (width * height))
    }

    /// Where each image is drawn on the page, in points, and its id for `poppler_page_get_image`.
    /// Finding them interprets the page's content a second time.
    private var images: [(area: PopplerRectangle, id: Int32)] {
        guard let mapping = poppler_page_get_image_mapping(page) else { return [] }
        defer { poppler_page_free_image_mapping(mapping) }
        var images: [(area: PopplerRectangle, id: Int32)] = []
        var node: UnsafeMutablePointer<GList>? = mapping
        while let current = node {
            if let image = current.pointee.data?.assumingMemoryBound(to: PopplerImageMapping.self).pointee {
                var area = image.area
                (area.x1, area.x2) = (min(area.x1, area.x2), max(area.x1, area.x2))
                (area.y1, area.y2) = (min(area.y1, area.y2), max(area.y1, area.y2))
                images.append((area, image.image_id))
            }
            node = current.pointee.next
        }
        return images
    }

    /// Whether anything but the given glyphs is drawn on the page: ink found in a coarse rendering
    /// (50 DPI) outside the glyphs' boxes. When nothing is, OCR cannot read more than the text
    /// layer has: a page that says "Page 3" and nothing else, or a blank one, is not OCRed. Images,
    /// text drawn as outlines, form fields and stamps all leave ink outside the boxes.
    func drawsMoreThan(glyphs: [GlyphBox]) -> Bool {
        let dpi = 50.0
        return
            rendered(dpi: Int(dpi), maxPixels: 4_000_000) { surface, scale in
                let (w, h) = (Int(cairo_image_surface_get_width(surface)), Int(cairo_image_surface_get_height(surface)))
                guard let data = cairo_image_surface_get_data(surface) else { return true }
                let stride = Int(cairo_image_surface_get_stride(surface))
                // Glyph boxes in pixels, grown by two pixels for anti-aliasing and accents.
                var covered = [Bool](repeating: false, count: w * h)
                for glyph in glyphs {
                    let x1 = max(0, Int(glyph.x1 * scale) - 2), x2 = min(w - 1, Int(glyph.x2 * scale) + 2)
                    let y1 = max(0, Int(glyph.y1 * scale) - 2), y2 = min(h - 1, Int(glyph.y2 * scale) + 2)
                    guard x1 <= x2, y1 <= y2 else { continue }
                    for y in y1...y2 { for x in x1...x2 { covered[y * w + x] = true } }
                }
                var stray = 0
                for y in 0..<h {
                    let row = data + y * stride
                    for x in 0..<w where !covered[y * w + x] {
                        // Cairo's RGB24 is B, G, R, unused on little-endian; ink is clearly darker than paper.
                        if Int(row[x * 4]) + Int(row[x * 4 + 1]) + Int(row[x * 4 + 2]) < 3 * 160 { stray += 1 }
                    }
                }
                // A few stray pixels (a rule's end, a dot, the tail of a script's glyph that poppler's box
                // cuts: 12 to 23 on an Arabic sample) are not text OCR could read; a short word at 50 DPI
                // is about a hundred. On a tiny page (an image the size of a stamp) any real share counts.
                return stray > 40 || stray * 100 > w * h
            } ?? true
    }

    /// Renders the page in colour on white into a PNG file, for the workspace's page view (at most 40
    /// megapixels).
    func writePNG(dpi: Int, to output: String) -> Bool {
        rendered(dpi: dpi, maxPixels: 40_000_000) { surface, _ in
            cairo_surface_write_to_png(surface, output) == CAIRO_STATUS_SUCCESS
        } ?? false
    }

    /// The page rendered on white into a cairo image surface, handed to `body` with the scale used. The
    /// DPI is lowered for absurd page sizes so a broken MediaBox cannot become a huge allocation.
    private func rendered<T>(dpi: Int, maxPixels: Double, _ body: (OpaquePointer, Double) -> T?) -> T? {
        let (width, height) = size
        guard width > 0, height > 0 else { return nil }
        var scale = Double(dpi) / 72
        if width * height * scale * scale > maxPixels {
            scale = (maxPixels / (width * height)).squareRoot()
        }
        let pixelWidth = Int32(max(1, (width * scale).rounded(.up)))
        let pixelHeight = Int32(max(1, (height * scale).rounded(.up)))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pixelWidth, pixelHeight) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            return nil
        }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        poppler_page_render(page, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        return body(surface, scale)
    }

    /// The resolution to render the page at for OCR: `requested`, or a scan's own when it is lower
    /// but at least 200 DPI. Rendering a 200-DPI scan at 300 DPI invents no detail and gives
    /// tesseract 2.25 times the pixels (OCRmyPDF also reads scans at their own resolution); below
    /// 200 DPI small print needs the extra pixels. Measured on the sample scans (200 DPI): a third
    /// less time, word recall 0.9892 against 0.9888 at 300 DPI.
    func ocrDPI(requested: Int) -> Int {
        // At 200 DPI or less no scan can lower it: spare finding and decoding the page's images.
        guard requested > 200, let scan = scanResolution, scan >= 200, scan < requested else { return requested }
        return scan
    }

    /// The pixel density of the largest image drawn on the page when it covers at least half of
    /// the page (a scan), from its decoded size over the size it is drawn at; nil otherwise.
    var scanResolution: Int? {
        let (width, height) = size
        let drawn = { (area: PopplerRectangle) in (area.x2 - area.x1) * (area.y2 - area.y1) }
        guard let largest = images.max(by: { drawn($0.area) < drawn($1.area) }),
            drawn(largest.area) >= width * height / 2, let surface = poppler_page_get_image(page, largest.id)
        else { return nil }
        defer { cairo_surface_destroy(surface) }
        // The longer sides against each other, so an image drawn turned by 90° is measured right.
        let pixels = Double(max(cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface)))
        let points = max(largest.area.x2 - largest.area.x1, largest.area.y2 - largest.area.y1)
        return points > 0 ? Int((pixels / points * 72).rounded()) : nil
    }

    /// Renders the page as 8-bit grey on white, as tesseract reads best (at most 120 megapixels).
    func renderGray(dpi: Int) -> GrayImage? {
        rendered(dpi: dpi, maxPixels: 120_000_000) { surface, scale in
            let (w, h) = (Int(cairo_image_surface_get_width(surface)), Int(cairo_image_surface_get_height(surface)))
            guard let data = cairo_image_surface_get_data(surface) else { return nil }
            let stride = Int(cairo_image_surface_get_stride(surface))
            var gray = [UInt8](repeating: 0, count: w * h)
            gray.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    let row = data + y * stride
                    for x in 0..<w {
                        // Cairo's RGB24 is native-endian 32-bit: B, G, R, unused on little-endian.
                        let b = Int(row[x * 4]), g = Int(row[x * 4 + 1]), r = Int(row[x * 4 + 2])
                        out[y * w + x] = UInt8((r * 299 + g * 587 + b * 114) / 1000)
                    }
                }
            }
            return GrayImage(width: w, height: h, pixels: gray, dpi: Int((scale * 72).rounded()))
        }
    }
}
