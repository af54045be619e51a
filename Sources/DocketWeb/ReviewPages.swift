import DocketAudit
import DocketDecide
import DocketRecords
import DocketRun
import DocketSpec
import DocketStore
import Foundation
import Hummingbird
import Logging

/// The review queue: open challenges, oldest first, each with the passage (masked), the model's
/// answer and rationale and the challenger's reason; a challenge's page with Uphold and Overturn
/// (a form made from the task's JSON Schema and checked against it) and Rerun on another endpoint the
/// gate clears (done by `docket serve`), each with a note. Reviewers
/// act; auditors and administrators read. Nobody reviews their own challenge.
enum ReviewPages {
    struct UpholdForm: Decodable {
        var csrf: String
        var note: String
    }

    struct OverturnForm: Decodable {
        var csrf: String
        var note: String
        var field: [String: String]?
    }

    struct RerunForm: Decodable {
        var csrf: String
        var note: String
        var endpoint: String
    }

    /// What a reviewer typed into a refused form: shown again with the problem, nothing lost.
    struct Typed {
        var note: String
        var fields: [String: String] = [:]
    }

    struct QueueQuery: Decodable {
        var after: String?
    }

    /// A page of the open challenges, oldest first, after the challenge `query.after`.
    static func queue(
        store: any RunStore, query: QueueQuery = QueueQuery(), pageSize: Int = 50, context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        guard access.seesAllRuns else { return Response(status: .forbidden) }
        let size = max(1, pageSize)
        // One more than shown: whether more follow, without counting them.
        let page = try await store.challenges(openOnly: true, after: query.after, limit: size + 1)
        var rows: [[String: Any]] = []
        var maskers: [String: Masker] = [:]  // by run: each pipeline's taxonomy read once
        for challenge in page.prefix(size) {
            rows.append(try await summary(challenge, store: store, maskers: &maskers))
        }
        var view: [String: Any] = ["title": "Review queue", "challenges": rows, "hasChallenges": !rows.isEmpty]
        var pages: [String: Any] = [:]
        if query.after != nil { pages["first"] = ["href": "/review"] }
        if page.count > size {
            let last = FormQuery.encoded(page[size - 1].id)
            pages["next"] = ["href": "/review?after=\(last)"]
        }
        if !pages.isEmpty { view["pages"] = pages }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("review.html", view)
    }

    static func challenge(
        id: String, store: any RunStore, context: WebContext, problem: String? = nil,
        status: HTTPResponse.Status = .ok, typed: Typed? = nil
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        // Reviewers, auditors and administrators see every challenge; whoever contested a decision follows theirs.
        guard let challenge = try await store.challenge(id: id) else { return try WebTemplates.notFound(context) }
        let own = access.actor.identity == HumanActor.identity(of: challenge.challengedBy)
        guard access.seesAllRuns || own else { return try WebTemplates.notFound(context) }
        var maskers: [String: Masker] = [:]
        var view = try await summary(challenge, store: store, maskers: &maskers)
        let mayReview = access.reviews && challenge.status == .open && !own
        view["title"] = "Challenge \(id)"
        view["mayReview"] = mayReview
        view["ownChallenge"] = access.reviews && challenge.status == .open && own
        view["waiting"] = !access.reviews && challenge.status == .open
        view["csrf"] = context.session?.csrfToken ?? ""
        if challenge.status != .open {
            view["closed"] = [
                "status": challenge.status.rawValue, "reviewer": challenge.reviewer.map(HumanActor.shown) ?? "–",
                "note": challenge.note ?? "",
            ]
        }
        if mayReview, let decision = try await store.auditRecord(id: challenge.decisionID) {
            let form = try await overturnForm(for: decision, store: store)
            view["fields"] = typed.map { form.filled(with: $0.fields).fields } ?? form.fields
        }
        if let typed { view["typedNote"] = typed.note }
        let reruns = try await store.rerunRequests(challenge: id)
        view["reruns"] = reruns.map { request -> [String: Any] in
            var row: [String: Any] = [
                "endpoint": request.endpoint, "status": request.status.rawValue,
                "by": HumanActor.shown(request.requestedBy), "at": WebTemplates.minute(request.requestedAt),
            ]
            if let problem = request.problem { row["problem"] = problem }
            return row
        }
        let waiting = reruns.contains { $0.status == .queued || $0.status == .running }
        if mayReview, !waiting, let endpoints = try await rerunEndpoints(challenge, store: store), !endpoints.isEmpty {
            view["rerunOn"] = ["endpoints": endpoints]
        }
        if let problem { view["problem"] = problem }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("challenge.html", view, status: status)
    }

    static func uphold(id: String, form: UpholdForm, store: any RunStore, context: WebContext) async throws -> Response
    {
        try await review(
            id: id, csrf: form.csrf, typed: Typed(note: form.note), store: store, context: context
        ) { desk, actor in
            _ = try await desk.uphold(id, by: actor, note: form.note)
        }
    }

    static func overturn(
        id: String, form: OverturnForm, store: any RunStore, context: WebContext
    ) async throws -> Response {
        try await review(
            id: id, csrf: form.csrf, typed: Typed(note: form.note, fields: form.field ?? [:]), store: store,
            context: context
        ) { desk, actor in
            let (_, decision) = try await desk.reviewable(id, reviewer: actor)
            let schemaForm = try await overturnForm(for: decision, store: store)
            let value: Any
            switch schemaForm.result(form.field ?? [:]) {
            case .success(let result): value = result
            case .failure(let problem):
                throw StoreError(message: "The corrected result was not accepted: \(problem.message).")
            }
            let json = String(
                decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]),
                as: UTF8.self)
            if decision.kind == .inference, let unit = decision.unitKey,
                let record = try await store.unit(key: unit),
                let problem = try ReviewPipeline.schemaProblem(
                    json, task: record.task, pipeline: await ReviewPipeline.pipeline(store, run: decision.run))
            {
                throw StoreError(
                    message: "The corrected result was not accepted: \(SchemaForm.plainWords(problem)) "
                        + "(the task's schema asks for it).")
            }
            _ = try await desk.overturn(id, by: actor, note: form.note, resultJSON: json)
        }
    }

    /// Asks `docket serve` to answer the unit again on an endpoint the gate clears for it; the answer
    /// then overturns the challenge as this reviewer's, with this note (`QueuedRerun`).
    static func rerun(id: String, form: RerunForm, store: any RunStore, context: WebContext) async throws -> Response {
        try await review(
            id: id, csrf: form.csrf, typed: Typed(note: form.note), store: store, context: context, changes: false
        ) { desk, actor in
            let (challenge, _) = try await desk.reviewable(id, reviewer: actor)
            guard let endpoints = try await rerunEndpoints(challenge, store: store) else {
                throw StoreError(message: "A rerun applies to a model's answer; overturn this decision with a result.")
            }
            guard endpoints.contains(form.endpoint) else {
                throw StoreError(message: "The gate does not clear the endpoint “\(form.endpoint)” for this unit.")
            }
            guard
                try await store.rerunRequests(challenge: id).allSatisfy({ $0.status == .done || $0.status == .failed })
            else { throw StoreError(message: "A rerun of this challenge is already waiting.") }
            try await store.requestRerun(
                RerunRequest(
                    id: "rr-" + UUID().uuidString.prefix(12).lowercased(), challengeID: id, endpoint: form.endpoint,
                    requestedBy: actor.recorded, note: form.note, requestedAt: Date()))
        }
    }

    /// The endpoints of the run's pipeline that the gate clears for the contested unit's level; nil
    /// when the decision is no model answer.
    static func rerunEndpoints(_ challenge: Challenge, store: any RunStore) async throws -> [String]? {
        guard challenge.decisionKind == .inference, let key = challenge.unitKey,
            let unit = try await store.unit(key: key),
            let decision = try await store.auditRecord(id: challenge.decisionID)
        else { return nil }
        let pipeline = try await ReviewPipeline.pipeline(store, run: decision.run)
        // Not the endpoint that already answered: a rerun there says nothing new.
        return pipeline.endpoints.filter {
            $0.name != decision.endpoint
                && SovereigntyGate.refusal($0, level: unit.route.level, taxonomy: pipeline.classification) == nil
        }.map(\.name)
    }

    /// A review step: the CSRF token, the reviewer's role and a note checked, then the step, then (when
    /// it changed a result) the reports of every run that shows the unit written again.
    static func review(
        id: String, csrf: String, typed: Typed, store: any RunStore, context: WebContext, changes: Bool = true,
        step: (ReviewDesk, HumanActor) async throws -> Void
    ) async throws -> Response {
        let note = typed.note
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        guard csrf == context.session?.csrfToken, access.reviews else { return Response(status: .forbidden) }
        guard let challenge = try await store.challenge(id: id) else { return try WebTemplates.notFound(context) }
        guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, note.count <= 2000 else {
            return try await Self.challenge(
                id: id, store: store, context: context, problem: "A note (up to 2000 characters) must say why.",
                status: .badRequest, typed: typed)
        }
        let decision = try await store.auditRecord(id: challenge.decisionID)
        do {
            try await step(try await ReviewPipeline.desk(store, run: decision?.run), access.actor)
        } catch let error as StoreError {
            return try await Self.challenge(
                id: id, store: store, context: context, problem: error.message, status: .badRequest, typed: typed)
        }
        context.logger.notice(
            "challenge reviewed", metadata: ["challenge": "\(id)", "account": "\(access.account.id)"])
        if changes { try await ReviewPipeline.regenerateReports(store, unit: challenge.unitKey) }
        return .redirect(to: "/review/\(id)")
    }

    /// The fields of the corrected result: from the task's schema for a model's answer, one JSON
    /// field for other decisions (a level, a route, a clause finding).
    static func overturnForm(for decision: AuditRecord, store: any RunStore) async throws -> SchemaForm {
        let masked = try? JSONSerialization.jsonObject(
            with: Data(decision.shownOutcome.utf8), options: [.fragmentsAllowed])
        guard decision.kind == .inference, let key = decision.unitKey, let unit = try await store.unit(key: key),
            let schema = try? ReviewPipeline.schema(
                task: unit.task, pipeline: try await ReviewPipeline.pipeline(store, run: decision.run))
        else { return SchemaForm(schema: [:], current: masked ?? decision.shownOutcome) }
        return SchemaForm(schema: schema, current: masked)
    }

    /// What the queue and a challenge's page show of it: masked passage, answer, rationale and reason.
    static func summary(
        _ challenge: Challenge, store: any RunStore, maskers: inout [String: Masker]
    ) async throws -> [String: Any] {
        let decision = try await store.auditRecord(id: challenge.decisionID)
        let run = decision?.run ?? ""
        let masker: Masker
        if let known = maskers[run] {
            masker = known
        } else {
            masker = try await ReviewPipeline.desk(store, run: decision?.run).masker
            maskers[run] = masker
        }
        var row: [String: Any] = [
            "id": challenge.id, "decisionID": challenge.decisionID, "kind": challenge.decisionKind.rawValue,
            "by": HumanActor.shown(challenge.challengedBy),
            "opened": WebTemplates.minute(challenge.openedAt),
            "reason": masker.mask(challenge.reason), "answer": decision?.shownOutcome ?? "–",
        ]
        if let rationale = decision?.shownReasoning, !rationale.isEmpty { row["rationale"] = rationale }
        if let chunkID = decision?.chunkID, let chunk = try await store.chunk(id: chunkID) {
            row["passage"] = ["heading": chunk.heading, "text": masker.mask(chunk.text)]
        }
        return row
    }
}
