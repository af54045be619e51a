import ArgumentParser
import DocketIngest
import Foundation

/// The child process that the workspace starts for one page: a PNG of it, or its text with glyph
/// boxes as JSON, written to a file the parent chose. Not for people. The web process never opens a
/// document itself; a broken one ends this process only.
struct PageWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page-worker", abstract: "Render one page or read its layout for a docket web process.",
        shouldDisplay: false)

    @Option var file: String
    @Option var sha256: String
    @Option var page: Int
    @Option(help: "Render a PNG at this resolution; without it, write the page's layout as JSON.")
    var png: Int?
    @Option(help: "For a page read by OCR: its languages, joined by '+'; the layout is then OCR's words.")
    var ocr: String?
    @Option var dpi = 300
    @Option var output: String
    @Option var memory = 2048

    func run() throws {
        PageImage.isolateWorker(memoryLimitMB: memory)
        // Tesseract's OpenMP threads are slow on few cores; it reads this when it starts.
        setenv("OMP_THREAD_LIMIT", "1", 1)
        do {
            if let png {
                try PageImage.writePNG(path: file, sha256: sha256, page: page, dpi: min(max(png, 36), 300), to: output)
            } else {
                let layout =
                    try ocr.map {
                        try PageImage.ocrLayout(
                            path: file, sha256: sha256, page: page,
                            languages: $0.split(separator: "+").map(String.init),
                            dpi: min(max(dpi, 72), 600))
                    } ?? PageImage.layout(path: file, sha256: sha256, page: page)
                try JSONEncoder().encode(layout).write(to: URL(fileURLWithPath: output))
            }
        } catch let failure as PageImage.Failure {
            // The parent shows this line; it names no document text.
            FileHandle.standardError.write(Data(failure.description.utf8))
            throw ExitCode(3)
        }
    }
}
