import DocketAudit
import DocketDecide
import DocketRecords
import DocketRun
import DocketStore
import Foundation
import Hummingbird
import Logging

/// One decision in plain language (GDPR Art. 15(1)(h)), with the Challenge button (Art. 22(3)) and,
/// for reviewers, the form that shows a model's answer, or the findings a classification rests on,
/// unmasked once they give a reason.
enum DecisionPage {
    struct ReasonForm: Decodable {
        var csrf: String
        var reason: String
    }

    static func render(
        id: String, store: any RunStore, context: WebContext, unmasked: String? = nil, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        guard let record = try await readable(id: id, access: access) else { return try WebTemplates.notFound(context) }
        let challenges = try await store.challenges(decision: id)
        var routing: AuditRecord?
        if let unit = record.unitKey {
            routing = try await store.auditRecords(unit: unit).last { $0.kind == .routing && $0.run == record.run }
        }
        let explanation = DecisionExplainer.explain(
            record, challenges: challenges, routing: routing,
            overturn: try await store.overturnInForce(challenges: challenges), commandHint: false)
        let open = challenges.first { $0.status == .open }
        let contestable = AuditKind.contestable.contains(record.kind)
        var view: [String: Any] = [
            "title": "Decision \(id)", "id": id, "lines": explanation.split(separator: "\n").map(String.init),
            "canChallenge": contestable && open == nil && access.mayChallenge,
            "canUnmask": [.inference, .classification].contains(record.kind) && access.reviews && unmasked == nil,
            "csrf": context.session?.csrfToken ?? "",
            "challenges": challenges.map { ["id": $0.id, "status": $0.status.rawValue] },
            "hasChallenges": !challenges.isEmpty,
        ]
        if let open { view["open"] = ["id": open.id] }
        if let run = record.run { view["run"] = run }
        if let place = try await place(of: record, store: store) { view["document"] = place }
        if let unmasked { view["unmasked"] = unmasked }
        if let problem { view["problem"] = problem }
        view["account"] = WebTemplates.account(context)
        var response = try WebTemplates.page("decision.html", view, status: status)
        // An unmasked answer is shown once, to this reviewer: no cache keeps it.
        if unmasked != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// The document a decision is about, by its name, with links to its page in the workspace and to the
    /// page its part starts on: what the hashes in the explanation stand for.
    static func place(of record: AuditRecord, store: any RunStore) async throws -> [String: Any]? {
        guard let run = record.run, let sha = record.documentSHA256,
            let document = try await store.runDocument(run: run, sha256: sha)
        else { return nil }
        let href = "/runs/\(run)/documents/\(sha)"
        var place: [String: Any] = ["name": (document.path as NSString).lastPathComponent, "href": href]
        if let chunk = record.chunkID, let planned = document.plan?.chunks.first(where: { $0.id == chunk }) {
            place["page"] = ["number": planned.firstPage, "href": "\(href)/pages/\(planned.firstPage)"]
        }
        return place
    }

    static func challenge(
        id: String, form: ReasonForm, store: any RunStore, context: WebContext
    ) async throws -> Response {
        try await act(on: id, form: form, longest: 2000, store: store, context: context, allowed: \.mayChallenge) {
            desk, access in
            let challenge = try await desk.challenge(decision: id, by: access.actor, reason: form.reason)
            context.logger.notice("challenge opened", metadata: ["challenge": "\(challenge.id)", "decision": "\(id)"])
            return .redirect(to: "/decisions/\(id)")
        }
    }

    static func unmask(id: String, form: ReasonForm, store: any RunStore, context: WebContext) async throws -> Response
    {
        try await act(on: id, form: form, longest: 500, store: store, context: context, allowed: \.reviews) {
            desk, access in
            let clear = try await desk.unmask(decision: id, by: access.actor, reason: form.reason)
            context.logger.notice(
                "answer unmasked", metadata: ["decision": "\(id)", "account": "\(access.account.id)"])
            return try await render(id: id, store: store, context: context, unmasked: clear)
        }
    }

    /// A person's step on a decision: the session's CSRF token, a decision the account may read, a
    /// role that allows the step and a reason of counted length checked first; a refusal from the
    /// desk shown on the decision's page.
    static func act(
        on id: String, form: ReasonForm, longest: Int, store: any RunStore, context: WebContext,
        allowed: KeyPath<WebAccess, Bool>, step: (ReviewDesk, WebAccess) async throws -> Response
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        guard form.csrf == context.session?.csrfToken else { return Response(status: .forbidden) }
        guard let record = try await readable(id: id, access: access) else { return try WebTemplates.notFound(context) }
        guard access[keyPath: allowed] else { return Response(status: .forbidden) }
        guard form.reason.count <= longest else {
            return try await render(
                id: id, store: store, context: context, problem: "The reason may be up to \(longest) characters.",
                status: .badRequest)
        }
        do {
            return try await step(try await ReviewPipeline.desk(store, run: record.run), access)
        } catch let error as StoreError {
            return try await render(
                id: id, store: store, context: context, problem: error.message, status: .badRequest)
        }
    }

    /// The decision, if it exists and the account may read its run.
    static func readable(id: String, access: WebAccess) async throws -> AuditRecord? {
        guard let record = try await access.store.auditRecord(id: id), try await access.mayRead(run: record.run) else {
            return nil
        }
        return record
    }
}
