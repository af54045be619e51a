import Foundation

/// Where the workspace keeps what it had to compute to draw a page: for an OCRed page, tesseract's
/// word boxes, so that a second view does not read the page again (1.3–1.6 s a page, measured on a
/// store of 3,000 documents). The store keeps the layout as the page view wrote it (JSON) and knows
/// nothing of its shape. Private like the pages it is made from, and erased with its document.
public protocol PageLayoutStore: Sendable {
    /// The layout saved for the page under `variant` (what it was computed with, e.g. the OCR
    /// languages and resolution), or nil.
    func pageLayout(sha256: String, page: Int, variant: String) async throws -> String?
    func savePageLayout(sha256: String, page: Int, variant: String, json: String) async throws
}
