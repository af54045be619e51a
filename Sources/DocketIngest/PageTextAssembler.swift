/// A glyph's box on the page, in points, as poppler's text layout reports it.
public struct GlyphBox: Sendable, Equatable {
    public var x1, y1, x2, y2: Double
    /// Corners in any order; they are normalised so that x1 <= x2 and y1 <= y2, and a
    /// non-finite coordinate from a broken file becomes 0.
    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        let (x1, y1, x2, y2) = (x1.isFinite ? x1 : 0, y1.isFinite ? y1 : 0, x2.isFinite ? x2 : 0, y2.isFinite ? y2 : 0)
        self.x1 = min(x1, x2); self.x2 = max(x1, x2)
        self.y1 = min(y1, y2); self.y2 = max(y1, y2)
    }
    var height: Double { y2 - y1 }
    var centerY: Double { (y1 + y2) / 2 }
}

/// Restores the separators that `poppler_page_get_text` drops between text blocks.
///
/// Poppler joins the last glyph of one block to the first of the next ("1Introduction",
/// "6.1.5.3the Owner"), where pdftotext keeps them apart. The text layout gives one box per
/// glyph, so two neighbours with no whitespace between them are split again when the second
/// starts on another line (a newline) or far to the right on the same line (a space).
public enum PageTextAssembler {
    /// A horizontal gap wider than this fraction of the glyph height separates two words.
    static let wordGapRatio = 0.5

    /// `text` and `boxes` must come from the same page: one box per Unicode scalar. When they
    /// do not match (a poppler quirk on some files), the text is returned as it is.
    public static func assemble(text: String, boxes: [GlyphBox]) -> String {
        assembled(text: text, boxes: boxes, placing: false).text
    }

    /// The same text, with the glyph box of each of its Unicode scalars: nil for a separator put
    /// back (it has no glyph), and for every scalar when text and boxes do not match.
    public static func assembleWithBoxes(text: String, boxes: [GlyphBox]) -> (text: String, boxes: [GlyphBox?]) {
        assembled(text: text, boxes: boxes, placing: true)
    }

    /// One pass for both: extraction, on every page, builds no box list (`placing` false).
    private static func assembled(
        text: String, boxes: [GlyphBox], placing: Bool
    ) -> (text: String, boxes: [GlyphBox?]) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == boxes.count, !scalars.isEmpty else {
            return (text, placing ? Array(repeating: nil, count: scalars.count) : [])
        }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count + scalars.count / 16)
        var placed: [GlyphBox?] = []
        if placing {
            placed.reserveCapacity(scalars.count + scalars.count / 16)
            placed.append(boxes[0])
        }
        out.append(scalars[0])
        for index in 1..<scalars.count {
            let previous = scalars[index - 1], current = scalars[index]
            if !isSpace(previous) && !isSpace(current),
                let separator = separator(between: boxes[index - 1], and: boxes[index])
            {
                out.append(separator)
                if placing { placed.append(nil) }
            }
            out.append(current)
            if placing { placed.append(boxes[index]) }
        }
        return (String(out), placed)
    }

    static func separator(between a: GlyphBox, and b: GlyphBox) -> Unicode.Scalar? {
        let sameLine = (a.y1...a.y2).contains(b.centerY) || (b.y1...b.y2).contains(a.centerY)
        if !sameLine { return "\n" }
        let height = max(a.height, b.height, 1)
        let gap = b.x1 - a.x2
        // A jump back to the left on the same line is a new block too (columns side by side).
        if gap > wordGapRatio * height || gap < -2 * height { return " " }
        return nil
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isWhitespaceQuickly
    }
}
