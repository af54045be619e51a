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

    init(_ text: String) {
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            tokens += 1
            var tokenLetters = 0, tokenVisible = 0
            for scalar in token.unicodeScalars {
                tokenVisible += 1
                if scalar.properties.isAlphabetic { tokenLetters += 1 }
                // U+FFFD and private-use code points are what unmapped glyphs become.
                if scalar.value == 0xFFFD || (0xE000...0xF8FF).contains(scalar.value) { replacement += 1 }
            }
            visible += tokenVisible
            letters += tokenLetters
            if Self.isLayout(token) {
                layoutVisible += tokenVisible
                layoutLetters += tokenLetters
                layoutTokens += 1
            } else if tokenLetters * 2 >= tokenVisible {
                // A word-like token is mostly letters.
                wordTokens += 1
            }
        }
    }

    /// "[***]", "1.2.3", "$[***]", "15%", "03/31/2021", "______", "(a)", "(iv)", "[REDACTED]".
    static func isLayout(_ token: Substring) -> Bool {
        let scalars = token.unicodeScalars
        if scalars.allSatisfy({ $0.properties.numericType != nil || layoutMarks.contains($0) }) { return true }
        let letters = String(scalars.filter(\.properties.isAlphabetic)).lowercased()
        let rest = scalars.filter { !$0.properties.isAlphabetic }
        guard rest.allSatisfy(layoutMarks.contains) else { return false }
        // A redaction word, or an item letter or roman numeral in parentheses.
        return letters == "redacted" || (token.hasPrefix("(") && token.hasSuffix(")") && letters.count <= 4)
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
