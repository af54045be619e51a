import ArgumentParser
import DocketAudit
import DocketIngest
import DocketModel
import DocketRun
import DocketSpec
import DocketStore
import Foundation

struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Hand in a folder for a pipeline: recorded with who, when and each file's hash.")

    @Argument(help: "The folder (or a file).")
    var folder: String
    @Option(help: "The pipeline file, or its name in Pipelines/.")
    var pipeline: String
    @Option(help: "Who submits it (recorded as cli:NAME; without it, the system account running the command).")
    var by: String?
    @Option(help: "The matter the documents belong to (shown for the run in the workspace's lists).")
    var matter: String?
    @Option(help: "A note for the record.")
    var note: String?
    @Flag(help: "Start a run at once instead of waiting for the next one.")
    var now = false
    @OptionGroup var common: RunOptionsGroup

    func run() async throws {
        let spec = try common.loadPipeline(ServeSession.resolve(pipeline))
        let store = try await StoreFactory.open(StoreFactory.location(explicit: common.store, pipeline: spec)!)
        let paths = try FolderScanner.files(in: folder)
        guard !paths.isEmpty else { throw ValidationError("\(folder) holds no files") }
        let files = try paths.map {
            (path: URL(fileURLWithPath: $0).standardizedFileURL.path, sha256: try ContentHash.sha256(ofFile: $0))
        }
        let id = "s-" + Runner.newRunID()
        var submission = Submission(
            id: id, pipeline: spec.name, folder: URL(fileURLWithPath: folder).standardizedFileURL.path,
            submittedBy: try HumanActor.commandLine(by ?? NSUserName()).recorded, note: note, submittedAt: Date(),
            files: files)
        submission.matter = Submission.matterName(matter)
        try await store.addSubmission(submission)
        print(
            "\(id): \(files.count) files for \(spec.name)"
                + (now ? "; running now" : "; the next run of the pipeline processes them"))
        guard now else { return }
        let scheduler = try await ServeSession.scheduler([ServeSession.resolve(pipeline)], common: common)
        try await ServeLoop(scheduler: scheduler, tick: 0, once: true, resume: false).runInGroup()
    }
}
