import ArgumentParser
import DocketAudit
import DocketStore
import Foundation

struct SubmissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submissions", abstract: "Submissions and their state.")

    @Option(help: "Only this pipeline's (its name).")
    var pipeline: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        var any = false
        for path in try storeOptions.locations() {
            for submission in try await StoreFactory.open(path).submissions(
                pipeline: pipeline, statuses: Set(Submission.Status.allCases), withFiles: false)
            {
                any = true
                print(
                    "\(submission.id)  \(submission.pipeline)  \(submission.status.rawValue)  "
                        + "\(submission.fileCount) files  "
                        + "by \(submission.submittedBy ?? "–") at \(AuditRecord.timestamp(submission.submittedAt))"
                        + (submission.runID.map { "  run \($0)" } ?? ""))
            }
        }
        if !any { print("no submissions") }
    }
}
