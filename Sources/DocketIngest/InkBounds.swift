/// A rectangle of pixels in an image, from its top left.
struct PixelRect: Equatable, Sendable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
}

/// The part of a page image that carries ink, so that tesseract reads only that part. Tesseract's
/// binarisation and layout analysis cost in proportion to the pixels they see, blank margins
/// included: measured with the CLI on grey 300-DPI page images of the sample scans, a page with
/// three lines took 0.52 s whole and 0.22 s cropped to its ink, with the same text (see docs/extraction.md).
/// Tesseract still reports word boxes in the whole image's coordinates.
struct InkBounds {
    /// A row or column with fewer dark pixels than this is taken as blank (a lone speck of scanner
    /// dust), so the stroke of a lone "1" still counts while single stray pixels do not.
    static let minimumDarkPixels = 3

    /// The rectangle around every row and column with ink, widened by a tenth of an inch so that
    /// tesseract sees each line with white around it.
    let area: PixelRect
    let imageSize: (width: Int, height: Int)
    let dpi: Int
    /// Dark pixels in each row of the image, to cut samples between lines.
    private let darkInRow: [Int]

    /// Nil when the image has no ink, or is mostly dark (a negative scan, a photograph): nothing
    /// can be cut from it safely. `pixels` holds one grey value a pixel (0 black, 255 white).
    init?(in pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, dpi: Int) {
        guard width > 0, height > 0, pixels.count >= width * height,
            let threshold = Self.darkThreshold(pixels, width: width, height: height)
        else { return nil }
        var darkInRow = [Int](repeating: 0, count: height)
        var darkInColumn = [Int](repeating: 0, count: width)
        var dark = 0
        darkInColumn.withUnsafeMutableBufferPointer { columns in
            for y in 0..<height {
                let row = y * width
                var count = 0
                for x in 0..<width where pixels[row + x] < threshold {
                    columns[x] += 1
                    count += 1
                }
                darkInRow[y] = count
                dark += count
            }
        }
        guard dark * 2 < width * height else { return nil }
        let inked = { (count: Int) in count >= Self.minimumDarkPixels }
        guard let top = darkInRow.firstIndex(where: inked), let bottom = darkInRow.lastIndex(where: inked),
            let left = darkInColumn.firstIndex(where: inked), let right = darkInColumn.lastIndex(where: inked)
        else { return nil }
        let margin = max(8, dpi / 10)
        let x = max(0, left - margin), y = max(0, top - margin)
        area = PixelRect(
            x: x, y: y, width: min(width, right + margin + 1) - x, height: min(height, bottom + margin + 1) - y)
        (imageSize, self.dpi, self.darkInRow) = ((width, height), dpi, darkInRow)
    }

    /// The part to read: `area` when that spares at least half of the image, else nil (all of it).
    /// Tesseract binarises what it reads with one threshold (Otsu's) computed over it: cropping a
    /// full page's margins changed a few words of the sample scans ("1 July" read as "1July"),
    /// for a few percent of time; on a short page cropping saves most of the time.
    var crop: PixelRect? {
        area.width * area.height * 2 <= imageSize.width * imageSize.height ? area : nil
    }

    /// Lines of text in a language sample: seven lines held 59 to 92 words on the sample scans'
    /// first pages, where `LanguageGuess` needs about 60 for its dozen function words.
    static let sampleLines = 7

    /// A band of `sampleLines` lines of text from the middle of the ink, cut between lines (a line
    /// cut in half reads as noise), for telling a page's language before reading it whole: a sixth
    /// to a third of a page's time instead of a second reading of the whole page. Nil when the
    /// page has under three bands of lines, or lines that run together (a skewed scan, a picture):
    /// reading the whole page is then the sample.
    var languageSample: PixelRect? {
        let lines = textLines
        guard lines.count >= Self.sampleLines * 3 else { return nil }
        let first = (lines.count - Self.sampleLines) / 2
        let top = lines[first].lowerBound, bottom = lines[first + Self.sampleLines - 1].upperBound
        guard (bottom - top) * 3 <= area.height else { return nil }
        // Half the gap to the neighbouring lines, so tesseract sees white around the band's lines.
        let above = (top - lines[first - 1].upperBound) / 2,
            below = (lines[first + Self.sampleLines].lowerBound - bottom) / 2
        return PixelRect(x: area.x, y: top - above, width: area.width, height: bottom + below - (top - above))
    }

    /// The rows of each line of ink, top to bottom: runs of rows with ink between blank rows.
    private var textLines: [Range<Int>] {
        var lines: [Range<Int>] = []
        var start: Int?
        for row in area.y..<(area.y + area.height) {
            let inked = darkInRow[row] >= Self.minimumDarkPixels
            if inked, start == nil { start = row }
            if !inked, let top = start {
                lines.append(top..<row)
                start = nil
            }
        }
        if let top = start { lines.append(top..<(area.y + area.height)) }
        return lines
    }

    /// Pixels darker than three quarters of the paper's grey are ink. The paper is the grey that
    /// three quarters of a sample of pixels reach (a page is mostly paper); nil when the paper
    /// itself is dark.
    private static func darkThreshold(_ pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int) -> UInt8? {
        var histogram = [Int](repeating: 0, count: 256)
        var samples = 0
        for y in stride(from: 0, to: height, by: 4) {
            for x in stride(from: 0, to: width, by: 4) {
                histogram[Int(pixels[y * width + x])] += 1
                samples += 1
            }
        }
        var seen = 0
        var paper = 0
        for level in 0..<256 {
            seen += histogram[level]
            if seen * 4 >= samples * 3 {
                paper = level
                break
            }
        }
        return paper >= 128 ? UInt8(paper * 3 / 4) : nil
    }
}
