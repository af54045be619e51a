import ArgumentParser
import DocketInfer
import DocketIngest
import DocketRun
import Foundation

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that the libraries and OCR languages Docket needs are installed.")

    @Option(help: "OCR languages the pipelines need.")
    var languages = "eng+deu+fra"

    func run() throws {
        var problems = 0
        print("docket \(Docket.version)")
        print("poppler-glib \(Toolchain.popplerVersion)")
        print("tesseract \(Toolchain.tesseractVersion), leptonica \(Toolchain.leptonicaVersion)")
        let installed = Toolchain.installedOCRLanguages
        print("OCR languages installed: \(installed.isEmpty ? "none" : installed.joined(separator: ", "))")
        for language in languages.split(separator: "+").map(String.init) where !installed.contains(language) {
            problems += 1
            print(
                "MISSING OCR language \(language): run scripts/setup.sh, or apt-get install tesseract-ocr-\(language)")
        }
        let engine = EmbeddedEngine.Installation.find()
        print("embedded engine: \(engine.server)")
        print("embedded model: \(engine.model)")
        for problem in engine.problems {
            problems += 1
            print("MISSING \(problem)")
        }
        let omp = ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] ?? "unset"
        print("OMP_THREAD_LIMIT=\(omp) (docket sets it to 1 for itself and its workers)")
        if problems > 0 { throw ExitCode(1) }
        print("ok")
    }
}
