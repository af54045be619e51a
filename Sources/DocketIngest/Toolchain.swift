import CPoppler
import CTesseract

/// Versions of the C libraries Docket runs on, for `docket doctor` and for run records.
public enum Toolchain {
    public static var popplerVersion: String { String(cString: poppler_get_version()) }
    public static var tesseractVersion: String { OCREngine.version }
    public static var leptonicaVersion: String {
        guard let raw = getLeptonicaVersion() else { return "unknown" }
        defer { free(raw) }
        return String(cString: raw)
    }
    public static var installedOCRLanguages: [String] { OCREngine.installedLanguages() }
}
