import ArgumentParser
import DocketCore
import Foundation

struct ChallengeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "challenge", abstract: "Contest an automated decision and queue it for review.")

    @Argument(help: "The decision id (d-…).")
    var decisionID: String
    @Option(help: "Who contests it.")
    var by: String
    @Option(help: "Why.")
    var reason: String
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        let (database, record) = try StoreLocator.find(decision: decisionID, store: store)
        let challenge = try ReviewSession.desk(database, run: record.run).challenge(
            decision: decisionID, by: by, reason: reason)
        print(
            "\(challenge.id): \(decisionID) is contested and queued for review (`docket review show \(challenge.id)`)")
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Review contested decisions: list, show, uphold, overturn.",
        subcommands: [
            ReviewListCommand.self, ReviewShowCommand.self, ReviewUpholdCommand.self, ReviewOverturnCommand.self,
        ])
}

struct ReviewListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Challenges waiting for review.")

    @Flag(help: "Reviewed ones too.")
    var all = false
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        var any = false
        for path in StoreLocator.stores(store) {
            for challenge in try StoreFactory.open(path).challenges(openOnly: !all) {
                any = true
                print(
                    "\(challenge.id)  \(challenge.status.rawValue)  \(challenge.decisionKind.rawValue) "
                        + "\(challenge.decisionID)  "
                        + "by \(challenge.challengedBy) on \(AuditRecord.timestamp(challenge.openedAt).prefix(10))"
                        + (challenge.reviewer.map { "; reviewed by \($0)" } ?? ""))
            }
        }
        if !any { print(all ? "no challenges" : "no challenges waiting for review") }
    }
}

struct ReviewShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A challenge, its reason, and the decision it contests.")

    @Argument var challengeID: String
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        let (database, challenge) = try StoreLocator.find(challenge: challengeID, store: store)
        print(
            "Challenge \(challenge.id), \(challenge.status.rawValue): by \(challenge.challengedBy) on "
                + "\(AuditRecord.timestamp(challenge.openedAt))"
        )
        print("Reason: \(challenge.reason)")
        if let reviewer = challenge.reviewer { print("Reviewed by \(reviewer): \(challenge.note ?? "")") }
        if let result = challenge.resultJSON { print("Reviewer's result: \(result)") }
        guard let decision = try database.auditRecord(id: challenge.decisionID) else { return }
        if let unit = decision.unitKey, let result = try database.result(unit: unit) {
            print("The model's answer: \(result.resultJSON)")
        }
        print("")
        print(DecisionExplainer.explain(decision, challenges: []))
    }
}

struct ReviewUpholdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uphold", abstract: "Keep the contested decision.")

    @Argument var challengeID: String
    @Option(help: "The reviewer; not the person who contested it.")
    var by: String
    @Option(help: "The reviewer's reasons.")
    var note: String
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func run() throws {
        let (database, challenge) = try StoreLocator.find(challenge: challengeID, store: store)
        let decision = try database.auditRecord(id: challenge.decisionID)
        _ = try ReviewSession.desk(database, run: decision?.run).uphold(challengeID, by: by, note: note)
        try ReviewSession.regenerateReports(database, unit: challenge.unitKey)
        print("\(challengeID): upheld by \(by)")
    }
}

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
    @Option(help: "The SQLite store (default: DOCKET_STORE, or every Output/*/docket.sqlite).")
    var store: String?

    func validate() throws {
        guard (result == nil) != (rerunOn == nil) else {
            throw ValidationError("give exactly one of --result and --rerun-on")
        }
    }

    func run() async throws {
        let (database, challenge) = try StoreLocator.find(challenge: challengeID, store: store)
        guard let decision = try database.auditRecord(id: challenge.decisionID) else {
            throw ValidationError("the contested decision \(challenge.decisionID) is no longer in the trail")
        }
        let desk = try ReviewSession.desk(database, run: decision.run)
        var replacement = result, rerun: ResultRecord?
        if challenge.decisionKind == .inference, let key = challenge.unitKey, let unit = try database.unit(key: key) {
            let pipeline = try ReviewSession.pipeline(database, run: decision.run)
            if let endpoint = rerunOn {
                _ = try desk.reviewable(challengeID, reviewer: by)  // refuse before any model is started
                let folder = try RunFolder.path(pipeline: pipeline, run: decision.run ?? "")
                rerun = try await ReviewRerun.run(
                    unit: unit, endpoint: endpoint, pipeline: pipeline, store: database, logFolder: folder)
                replacement = rerun?.resultJSON
            } else if let problem = try ReviewSession.schemaProblem(result ?? "", task: unit.task, pipeline: pipeline) {
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
        _ = try desk.overturn(challengeID, by: by, note: note, resultJSON: replacement ?? "", rerun: rerun)
        try ReviewSession.regenerateReports(database, unit: challenge.unitKey)
        print("\(challengeID): overturned by \(by)" + (rerun.map { "; result from \($0.endpoint)" } ?? ""))
    }
}

/// What the review commands share: the pipeline of the decision's run, a desk that masks with
/// its taxonomy, schema checks and report regeneration.
enum ReviewSession {
    static func pipeline(_ store: RunStore, run: String?) throws -> PipelineSpec {
        guard let run, let record = try store.run(id: run) else {
            throw ValidationError("the decision's run is not in this store")
        }
        do { return try PipelineLoader.load(path: record.pipelineFile) } catch {
            throw ValidationError("the run's pipeline file \(record.pipelineFile) cannot be read: \(error)")
        }
    }

    static func desk(_ store: RunStore, run: String?) throws -> ReviewDesk {
        let taxonomy =
            (try? pipeline(store, run: run))?.classification
            ?? TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: [])
        return ReviewDesk(store: store, masker: Masker(taxonomy: taxonomy))
    }

    static func schemaProblem(_ json: String, task: String, pipeline: PipelineSpec) throws -> String? {
        guard let spec = pipeline.tasks.first(where: { $0.name == task }) else {
            return "the task `\(task)` is no longer in \(pipeline.file)"
        }
        let schema =
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: spec.schema))))
            as? [String: Any] ?? [:]
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
            return "it is not JSON"
        }
        return JSONSchemaValidator.validate(value, against: schema)
    }

    /// Rewrites the results and reports of every run that shows the unit.
    static func regenerateReports(_ store: RunStore, unit: String?) throws {
        guard let unit else { return }
        for run in try store.runIDs(containing: unit) {
            guard let folder = try? RunFolder.path(pipeline: pipeline(store, run: run), run: run) else { continue }
            try ReportWriter.write(store: store, run: run, folder: folder)
            print("reports of run \(run) regenerated: \(folder)/reports/index.html")
        }
    }
}
