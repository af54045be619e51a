import DocketModel

/// Whether a page's text layer can be trusted, or the page must be OCRed, and why.
/// Pure: it looks only at the text layer and at how much of the page images cover.
public struct OCRDecision: Equatable, Sendable {
    public enum Reason: String, Sendable {
        case textLayerUsable = "text-layer-usable"
        case noTextLayer = "no-text-layer"
        case tooLittleText = "too-little-text"
        case garbageTextLayer = "garbage-text-layer"
        case mostlyImages = "mostly-images"
        case forced = "ocr-always"
        case disabled = "ocr-never"

        /// Reasons that hold for a page which is simply short or blank: OCR is worth it only if
        /// something besides the text layer is drawn.
        var mayBeSparseText: Bool { self == .tooLittleText || self == .noTextLayer }
    }

    public var ocr: Bool
    public var reason: Reason

    /// Fewer visible characters than this on a page is "too little text" for a page of text.
    static let minimumCharacters = 40
    /// Images covering at least this share of the page make it a scanned page...
    static let imageCoverageThreshold = 0.5
    /// ...unless its text layer is as dense as a page of prose: then the image is a letterhead,
    /// a watermark or a scan that already carries its OCR layer, and OCR would find nothing more.
    /// This also spares the second pass over the page's content that finding its images costs.
    static let denseTextCharacters = 1_200

    /// `imageCoverage` is asked for only when it can change the answer: finding a page's images
    /// means interpreting its content stream a second time.
    public static func decide(mode: OCRMode, textLayer: String, imageCoverage: @autoclosure () -> Double) -> OCRDecision
    {
        switch mode {
        case .always: return OCRDecision(ocr: true, reason: .forced)
        case .never: return OCRDecision(ocr: false, reason: .disabled)
        case .auto: break
        }
        let stats = TextLayerStats(textLayer)
        if stats.visible == 0 { return OCRDecision(ocr: true, reason: .noTextLayer) }
        if stats.isGarbage { return OCRDecision(ocr: true, reason: .garbageTextLayer) }
        if stats.visible < denseTextCharacters && imageCoverage() >= imageCoverageThreshold {
            return OCRDecision(ocr: true, reason: .mostlyImages)
        }
        if stats.visible < minimumCharacters { return OCRDecision(ocr: true, reason: .tooLittleText) }
        return OCRDecision(ocr: false, reason: .textLayerUsable)
    }
}

/// Counts that tell a real text layer from a broken one (wrong font encoding, missing ToUnicode).
/// What legal documents are full of and is text though not words (redaction markers, clause
/// numbers, amounts, dates, percentages, table rules, signature lines) is counted apart and left
/// out of the shares that judge the rest: a redacted table is not a broken layer.
struct TextLayerStats {
    var visible = 0
    var letters = 0
    var replacement = 0
    var tokens = 0
    var wordTokens = 0
    /// Visible characters and tokens of the layout kind above.
    var layoutVisible = 0
    var layoutLetters = 0
    var layoutTokens = 0

    /// Characters that numbering, amounts, dates, redactions and rules are made of, besides digits.
    static let layoutMarks = Set("[]*_.,:;/%$€£¥()-–—|+=<>§'\"".unicodeScalars)

    /// One pass over the scalars; Unicode property look-ups only for non-ASCII ones (they cost
    /// more than extracting the page did).
    init(_ text: String) {
        var token = TokenShape()
        for scalar in text.unicodeScalars {
            if scalar.isWhitespaceQuickly {
                if token.visible > 0 { add(token) }
                token = TokenShape()
            } else {
                token.append(scalar)
            }
        }
        if token.visible > 0 { add(token) }
    }

    private mutating func add(_ token: TokenShape) {
        tokens += 1
        visible += token.visible
        letters += token.letters
        replacement += token.replacement
        if token.isLayout {
            layoutVisible += token.visible
            layoutLetters += token.letters
            layoutTokens += 1
        } else if token.letters * 2 >= token.visible {
            // A word-like token is mostly letters.
            wordTokens += 1
        }
    }

    /// "[***]", "1.2.3", "$[***]", "15%", "03/31/2021", "______", "(a)", "(iv)", "[REDACTED]".
    static func isLayout(_ token: Substring) -> Bool {
        var shape = TokenShape()
        token.unicodeScalars.forEach { shape.append($0) }
        return shape.isLayout
    }

    var isGarbage: Bool {
        let content = visible - layoutVisible
        guard content >= 20 else { return replacement > 0 && replacement * 2 >= visible }
        let replacementShare = Double(replacement) / Double(visible)
        let letterShare = Double(letters - layoutLetters) / Double(content)
        let wordShare = Double(wordTokens) / Double(max(tokens - layoutTokens, 1))
        return replacementShare > 0.05 || letterShare < 0.3 || wordShare < 0.3
    }
}

/// What one whitespace-separated token is made of, gathered scalar by scalar.
private struct TokenShape {
    var visible = 0
    var letters = 0
    var replacement = 0
    /// Every scalar a digit or a layout mark.
    var onlyNumbersAndMarks = true
    /// Every scalar that is not a letter a layout mark.
    var othersAreMarks = true
    var first: Unicode.Scalar?
    var last: Unicode.Scalar?
    /// The token's first eight letters as lowercase ASCII bytes, to recognise "redacted"; 0 once
    /// a letter is not ASCII.
    var shortLetters: UInt64 = 0
    static let redacted = "redacted".utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    /// The ASCII layout marks, as a bitmap over code points 0–127.
    static let asciiMarks: (low: UInt64, high: UInt64) = TextLayerStats.layoutMarks.filter(\.isASCII)
        .reduce((UInt64(0), UInt64(0))) { bits, mark in
            mark.value < 64
                ? (bits.0 | 1 << UInt64(mark.value), bits.1) : (bits.0, bits.1 | 1 << UInt64(mark.value - 64))
        }

    mutating func append(_ scalar: Unicode.Scalar) {
        visible += 1
        if first == nil { first = scalar }
        last = scalar
        let isLetter: Bool, isNumber: Bool, isMark: Bool
        let value = scalar.value
        if scalar.isASCII {
            isLetter = (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A
            isNumber = value >= 0x30 && value <= 0x39
            let marks = Self.asciiMarks
            isMark = value < 64 ? marks.low & (1 << UInt64(value)) != 0 : marks.high & (1 << UInt64(value - 64)) != 0
        } else {
            (isLetter, isNumber, isMark) = Self.kind(ofNonASCII: scalar)
            // U+FFFD and private-use code points are what unmapped glyphs become.
            if value == 0xFFFD || (0xE000...0xF8FF).contains(value) { replacement += 1 }
        }
        if !(isNumber || isMark) { onlyNumbersAndMarks = false }
        if isLetter {
            letters += 1
            if letters <= 8 { shortLetters = scalar.isASCII ? shortLetters << 8 | UInt64(value | 0x20) : 0 }
        } else if !isMark {
            othersAreMarks = false
        }
    }

    /// Apart, and never inlined: `numericType` is of a type whose size is known only at run time,
    /// and a function that holds one sets up room for it at every call, ASCII or not (measured with
    /// perf on the CUAD contracts: `append` took 2.6 times as long).
    @inline(never)
    private static func kind(ofNonASCII scalar: Unicode.Scalar) -> (letter: Bool, number: Bool, mark: Bool) {
        (
            scalar.properties.isAlphabetic, scalar.properties.numericType != nil,
            TextLayerStats.layoutMarks.contains(scalar)
        )
    }

    var isLayout: Bool {
        if onlyNumbersAndMarks { return true }
        guard othersAreMarks else { return false }
        // A redaction word, or an item letter or roman numeral in parentheses.
        return (letters == 8 && shortLetters == Self.redacted) || (first == "(" && last == ")" && letters <= 4)
    }
}
