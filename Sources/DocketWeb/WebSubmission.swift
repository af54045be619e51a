import DocketAudit
import DocketRecords
import DocketRun
import DocketSpec
import DocketStore
import Foundation

/// A submission handed in over the web, from the form or the API: its files written into the
/// submission's own folder, then the submission recorded by the account. A refusal leaves nothing.
enum WebSubmission {
    static func record(
        pipeline spec: PipelineSpec, files: [(name: String, data: Data)], matter: String? = nil, note: String?,
        startNow: Bool, account: Account, store: any RunStore, limits: SubmissionUpload.Limits
    ) async throws -> Submission {
        let id = "s-" + Runner.newRunID()
        var upload = try SubmissionUpload(
            folder: SubmissionUpload.folder(output: spec.output, submission: id), limits: limits)
        do {
            for file in files { try upload.add(name: file.name, data: file.data) }
        } catch {
            upload.discard()
            throw error
        }
        var submission = Submission(
            id: id, pipeline: spec.name, folder: upload.folder,
            submittedBy: HumanActor.account(id: account.id, name: account.name).recorded,
            note: note.map { String($0.prefix(500)) }.flatMap { $0.isEmpty ? nil : $0 }, submittedAt: Date(),
            files: upload.files)
        submission.startNow = startNow
        submission.matter = Submission.matterName(matter)
        try await store.addSubmission(submission)
        return submission
    }
}
