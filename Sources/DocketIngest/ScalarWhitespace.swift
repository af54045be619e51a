extension Unicode.Scalar {
    /// `properties.isWhitespace`, answered without a table look-up for ASCII: page text is mostly
    /// ASCII, and the look-up cost more than poppler's own reading of the page.
    var isWhitespaceQuickly: Bool {
        switch value {
        case 0x09...0x0D, 0x20: return true
        case 0..<0x80: return false
        default: return properties.isWhitespace
        }
    }
}
