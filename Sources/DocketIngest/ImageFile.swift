import CTesseract
import DocketModel
import Foundation

/// A raster image (PNG, JPEG, or each page of a TIFF) read through leptonica.
enum ImageFile {
    /// Pages in the file: the TIFF's directory count, or 1.
    static func pageCount(path: String, kind: DocumentKind) throws -> Int {
        guard kind == .tiff else { return 1 }
        guard let stream = fopenReadStream(path) else {
            throw IngestError(.unreadable, path: path, detail: "leptonica could not open the file")
        }
        defer { fclose(stream) }
        var count: Int32 = 0
        guard tiffGetCount(stream, &count) == 0, count > 0 else {
            throw IngestError(.damaged, path: path, detail: "the TIFF directory cannot be read")
        }
        return Int(count)
    }

    /// Reads page `index` (0-based) in grey; nil when it cannot be decoded.
    static func grayPage(path: String, kind: DocumentKind, index: Int, fallbackDPI: Int) -> GrayImage? {
        guard let pix = kind == .tiff ? pixReadTiff(path, Int32(index)) : pixRead(path) else { return nil }
        defer { destroy(pix) }
        return GrayImage(pix: pix, fallbackDPI: fallbackDPI)
    }

    static func destroy(_ pix: UnsafeMutablePointer<PIX>) {
        var pix: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pix)
    }
}
