import CTesseract

/// An 8-bit grey image, one byte a pixel, rows packed, as tesseract reads it, and where its ink is
/// (`InkBounds`): found once, for the language sample and the page's read alike.
struct GrayImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]
    let dpi: Int
    let ink: InkBounds?

    init(width: Int, height: Int, pixels: [UInt8], dpi: Int) {
        (self.width, self.height, self.pixels, self.dpi) = (width, height, pixels, dpi)
        ink = pixels.withUnsafeBufferPointer { InkBounds(in: $0, width: width, height: height, dpi: dpi) }
    }

    /// A leptonica image of any depth in grey: colour by luminance, as PDF pages are rendered (else
    /// tesseract thresholds each colour channel, which cost 45% more time on RGB page images of the
    /// sample scans, the CLI page by page, for the same words); a one-bit fax as black and white.
    /// Transparency is laid over white first, as tesseract does with a PNG: an image's transparent
    /// paper is often black under its alpha. `fallbackDPI` stands in where the file names no resolution.
    init?(pix: UnsafeMutablePointer<PIX>, fallbackDPI: Int) {
        guard let opaque = pixRemoveAlpha(pix) else { return nil }
        defer { ImageFile.destroy(opaque) }
        guard let gray = pixConvertTo8(opaque, 0) else { return nil }
        defer { ImageFile.destroy(gray) }
        guard let data = pixGetData(gray) else { return nil }
        let (width, height) = (Int(pixGetWidth(gray)), Int(pixGetHeight(gray)))
        let rowBytes = Int(pixGetWpl(gray)) * 4
        let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        // Leptonica keeps four pixels to a 32-bit word in the host's byte order, the first pixel in
        // the most significant byte: the last in memory on little-endian.
        let flip = 1.littleEndian == 1 ? 3 : 0
        var pixels = [UInt8](repeating: 255, count: width * height)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = bytes + y * rowBytes
                for x in 0..<width { out[y * width + x] = row[x ^ flip] }
            }
        }
        let resolution = pixGetXRes(pix) >= 70 ? Int(pixGetXRes(pix)) : fallbackDPI
        self.init(width: width, height: height, pixels: pixels, dpi: resolution)
    }
}
