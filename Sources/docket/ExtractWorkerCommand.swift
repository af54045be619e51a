import ArgumentParser
import DocketIngest
import Foundation

/// The child process side of `IsolatedExtractor`. Not for people: it reads a job on stdin.
struct ExtractWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract-worker", abstract: "Extract one document for a parent docket process.",
        shouldDisplay: false)

    func run() throws {
        let status = ExtractionWorker.run()
        if status != 0 { throw ExitCode(status) }
    }
}
