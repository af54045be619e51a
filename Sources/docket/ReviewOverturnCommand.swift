import ArgumentParser
import DocketAudit
import DocketRecords
import DocketRun
import DocketStore
import Foundation

struct ReviewOverturnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overturn",
        abstract: "Replace the contested result: with one you give, or by running the unit again elsewhere.")

    @Argument var challengeID: String
    @Option(help: "The reviewer; not the person who contested it.")
    var by: String
    @Option(help: "The result in force from now on, as JSON matching the task's schema.")
    var result: String?
    @Option(
        name: .customLong("rerun-on"),
        help: "Run the unit again on this endpoint of the pipeline (the sovereignty gate applies).")
    var rerunOn: String?
    @Option(help: "The reviewer's reasons.")
    var note: String
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard (result == nil) != (rerunOn == nil) else {
            throw ValidationError("give exactly one of --result and --rerun-on")
        }
    }

    func run() async throws {
        let (database, challenge) = try await storeOptions.find(challenge: challengeID)
        guard let decision = try await database.auditRecord(id: challenge.decisionID) else {
            throw ValidationError("the contested decision \(challenge.decisionID) is no longer in the trail")
        }
        let desk = try await ReviewPipeline.desk(database, run: decision.run)
        var replacement = result, rerun: ResultRecord?
        if challenge.decisionKind == .inference, let key = challenge.unitKey,
            let unit = try await database.unit(key: key)
        {
            let pipeline = try await ReviewPipeline.pipeline(database, run: decision.run)
            if let endpoint = rerunOn {
                // Refused before any model is started.
                _ = try await desk.reviewable(challengeID, reviewer: HumanActor.commandLine(by))
                let folder = try RunFolder.path(pipeline: pipeline, run: decision.run ?? "")
                rerun = try await ReviewRerun.run(
                    unit: unit, endpoint: endpoint, pipeline: pipeline, store: database, logFolder: folder)
                replacement = rerun?.resultJSON
            } else if let problem = try ReviewPipeline.schemaProblem(result ?? "", task: unit.task, pipeline: pipeline)
            {
                throw ValidationError("--result does not match the task's schema: \(problem)")
            }
        } else if rerunOn != nil {
            throw ValidationError(
                "--rerun-on applies to model answers; this is a \(challenge.decisionKind.rawValue) decision: give "
                    + "--result"
            )
        } else if (try? JSONSerialization.jsonObject(with: Data((result ?? "").utf8), options: [.fragmentsAllowed]))
            == nil
        {
            throw ValidationError("--result must be JSON")
        }
        _ = try await desk.overturn(
            challengeID, by: HumanActor.commandLine(by), note: note, resultJSON: replacement ?? "", rerun: rerun)
        for folder in try await ReviewPipeline.regenerateReports(database, unit: challenge.unitKey) {
            print("reports regenerated: \(folder)/reports/index.html")
        }
        print("\(challengeID): overturned by \(by)" + (rerun.map { "; result from \($0.endpoint)" } ?? ""))
    }
}
