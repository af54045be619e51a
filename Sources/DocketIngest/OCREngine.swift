import CTesseract
import Foundation

/// Text and mean word confidence (0–100) from one OCRed page.
struct OCRResult {
    var text: String
    var confidence: Int
    /// The part of the image tesseract read (`InkBounds`); nil for the whole image.
    var area: PixelRect? = nil
    /// Only a sample of the page was read, for its language (`OCRScope.languageSample`).
    var isSample = false
}

/// How much of a page one read covers.
enum OCRScope {
    case page
    /// A band of lines, enough to tell the language; the whole page when it is short.
    case languageSample
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
        // The API's default is one uniform block of text; the CLI's, which this matches, finds the
        // page's columns, tables and blocks first (measured on the sample scans: see docs/extraction.md).
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    func recognize(_ image: GrayImage, scope: OCRScope = .page) -> OCRResult {
        let sample = scope == .languageSample ? image.ink?.languageSample : nil
        let area = sample ?? image.ink?.crop
        return reading(image, in: area) {
            guard let raw = TessBaseAPIGetUTF8Text(api) else { return OCRResult(text: "", confidence: 0, area: area) }
            defer { TessDeleteText(raw) }
            let confidence = Int(max(0, TessBaseAPIMeanTextConf(api)))
            return OCRResult(text: String(cString: raw), confidence: confidence, area: area, isSample: sample != nil)
        }
    }

    /// Sets `image` before tesseract, to be read only in `area` (nil: all of it), runs `body` while
    /// its pixels are held, and clears the results after.
    private func reading<T>(_ image: GrayImage, in area: PixelRect?, _ body: () -> T) -> T {
        image.pixels.withUnsafeBufferPointer { pixels in
            TessBaseAPISetImage(api, pixels.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
            TessBaseAPISetSourceResolution(api, Int32(image.dpi))
            if let area {
                TessBaseAPISetRectangle(api, Int32(area.x), Int32(area.y), Int32(area.width), Int32(area.height))
            }
            defer { TessBaseAPIClear(api) }
            return body()
        }
    }

    /// The page's text as `recognize` reads it, and each word with its box in pixels (left, top,
    /// right, bottom), for the workspace's highlights on OCRed pages.
    func recognizeWords(_ image: GrayImage) -> (text: String, words: [(text: String, box: [Double])]) {
        reading(image, in: image.ink?.crop) {
            guard TessBaseAPIRecognize(api, nil) == 0, let raw = TessBaseAPIGetUTF8Text(api) else { return ("", []) }
            let text = String(cString: raw)
            TessDeleteText(raw)
            var words: [(text: String, box: [Double])] = []
            guard let iterator = TessBaseAPIGetIterator(api) else { return (text, []) }
            defer { TessResultIteratorDelete(iterator) }
            let page = TessResultIteratorGetPageIteratorConst(iterator)
            repeat {
                var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
                guard let word = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
                defer { TessDeleteText(word) }
                if TessPageIteratorBoundingBox(page, RIL_WORD, &left, &top, &right, &bottom) != 0 {
                    words.append((String(cString: word), [Double(left), Double(top), Double(right), Double(bottom)]))
                }
            } while TessResultIteratorNext(iterator, RIL_WORD) != 0
            return (text, words)
        }
    }

    /// Tesseract's version string, for `docket doctor`.
    static var version: String { String(cString: TessVersion()) }

    /// Languages the installed tessdata offers.
    /// Read from tesseract's data folder when it is where tesseract looks (TESSDATA_PREFIX, or
    /// Debian's); otherwise by loading an engine, which costs a tenth of a second before any page.
    static func installedLanguages() -> [String] {
        let folders =
            ProcessInfo.processInfo.environment["TESSDATA_PREFIX"].map { [$0] }
            ?? ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"]
        let suffix = ".traineddata"
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            let languages = names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }
            if !languages.isEmpty { return languages.sorted() }
        }
        return languagesFromEngine()
    }

    private static func languagesFromEngine() -> [String] {
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
