import CTesseract
import Foundation

/// Text and mean word confidence (0–100) from one OCRed page.
struct OCRResult {
    var text: String
    var confidence: Int
}

/// One tesseract handle. Not `Sendable`: a handle shared between threads is not safe, so each
/// OCR thread creates its own.
final class OCREngine {
    private let api: OpaquePointer

    /// `languages` are tesseract codes ("eng", "deu"); they must be installed.
    init(languages: [String]) throws {
        guard let api = TessBaseAPICreate() else {
            throw OCREngineError(message: "tesseract could not create an engine")
        }
        self.api = api
        let joined = languages.joined(separator: "+")
        // Only the LSTM engine: Debian's tessdata "fast" models have no legacy engine.
        if TessBaseAPIInit2(api, nil, joined, OEM_LSTM_ONLY) != 0 {
            TessBaseAPIDelete(api)
            throw OCREngineError(
                message:
                    "tesseract could not load the languages \(joined); install them (scripts/setup.sh) or pick "
                    + "others with --languages"
            )
        }
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    func recognize(_ image: GrayImage) -> OCRResult {
        image.pixels.withUnsafeBufferPointer { pixels in
            TessBaseAPISetImage(api, pixels.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
            TessBaseAPISetSourceResolution(api, Int32(image.dpi))
            return readResult()
        }
    }

    /// OCR of a leptonica image (PNG, JPEG, TIFF pages). `dpi` stands in where the file names none.
    func recognize(pix: UnsafeMutablePointer<PIX>, fallbackDPI: Int) -> OCRResult {
        TessBaseAPISetImage2(api, pix)
        let resolution = pixGetXRes(pix)
        TessBaseAPISetSourceResolution(api, resolution >= 70 ? resolution : Int32(fallbackDPI))
        return readResult()
    }

    private func readResult() -> OCRResult {
        defer { TessBaseAPIClear(api) }
        guard let raw = TessBaseAPIGetUTF8Text(api) else { return OCRResult(text: "", confidence: 0) }
        defer { TessDeleteText(raw) }
        return OCRResult(text: String(cString: raw), confidence: Int(max(0, TessBaseAPIMeanTextConf(api))))
    }

    /// Tesseract's version string, for `docket doctor`.
    static var version: String { String(cString: TessVersion()) }

    /// Languages the installed tessdata offers.
    static func installedLanguages() -> [String] {
        guard let api = TessBaseAPICreate() else { return [] }
        defer { TessBaseAPIDelete(api) }
        guard TessBaseAPIInit3(api, nil, "eng") == 0 || TessBaseAPIInit3(api, nil, "osd") == 0 else { return [] }
        defer { TessBaseAPIEnd(api) }
        guard let list = TessBaseAPIGetAvailableLanguagesAsVector(api) else { return [] }
        defer { TessDeleteTextArray(list) }
        var languages: [String] = []
        var index = 0
        while let item = list[index] {
            languages.append(String(cString: item))
            index += 1
        }
        return languages.sorted()
    }
}

struct OCREngineError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
