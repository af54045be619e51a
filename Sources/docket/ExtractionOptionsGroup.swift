import ArgumentParser
import DocketIngest
import DocketModel
import Foundation

/// Options shared by every command that extracts documents.
struct ExtractionOptionsGroup: ParsableArguments {
    @Option(help: "When to OCR a page: auto (pages without a usable text layer), always, never.")
    var ocr: OCRMode = .auto

    @Option(help: "OCR languages allowed, tesseract codes joined by '+'; each document is read in the ones it needs.")
    var languages = "eng+deu+fra"

    @Flag(help: "OCR every page with all of --languages at once, as for documents that mix languages within a page.")
    var languagesAtOnce = false

    @Option(help: "Resolution at which PDF pages are rendered for OCR.")
    var dpi = 300

    @Option(help: "A file of `glob<TAB>password` lines; the glob is matched against each file's name.")
    var passwordFile: String?

    @Option(help: "Seconds after which the extraction of one document is stopped.")
    var timeout: Double = 300

    @Option(help: "Documents with more pages than this are refused as too large.")
    var maxPages = 5_000

    @Option(help: "Documents extracted at once (worker processes); default: the number of cores.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Address-space limit for each worker process, in MiB (0: none).")
    var workerMemory = 6144

    func validate() throws {
        guard (50...1200).contains(dpi) else { throw ValidationError("--dpi must be between 50 and 1200") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard maxPages > 0 else { throw ValidationError("--max-pages must be positive") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        if ocr != .never {
            let installed = Set(Toolchain.installedOCRLanguages)
            let missing = languageList.filter { !installed.contains($0) }
            if !missing.isEmpty {
                throw ValidationError(
                    "OCR languages not installed: \(missing.joined(separator: ", ")); run scripts/setup.sh or "
                        + "install tesseract-ocr-<code>, or pick others with --languages"
                )
            }
        }
    }

    var languageList: [String] { languages.split(separator: "+").map(String.init) }

    var extractionOptions: ExtractionOptions {
        var options = ExtractionOptions()
        options.ocr = ocr
        options.languages = languageList
        options.languagesAtOnce = languagesAtOnce
        options.dpi = dpi
        options.timeoutSeconds = timeout
        options.maxPages = maxPages
        return options
    }

    func batchExtractor() throws -> BatchExtractor {
        let passwords = try passwordFile.map { try PasswordFile(contentsOf: $0) } ?? PasswordFile()
        let worker = IsolatedExtractor.beside(Self.ownExecutable, memoryLimitMB: workerMemory)
        return BatchExtractor(extractor: worker, options: extractionOptions, passwords: passwords, jobs: jobs)
    }

    static var ownExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

extension OCRMode: ExpressibleByArgument {}
