import DocketRecords
import DocketRun
import DocketStore
import Foundation
import Hummingbird
import Logging

/// A document erased on request (GDPR Art. 17) from the document's page, by an administrator: the
/// same erasure as `docket erase`, recorded in the trail as the signed-in account's, with an
/// optional ticket number; the answer says what left the store and which runs were rewritten.
enum ErasePage {
    struct Form: Decodable {
        var csrf: String
        var reference: String?
        var confirm: String?
    }

    static func erase(
        runID: String, sha256: String, form: Form, store: any RunStore, context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        guard form.csrf == context.session?.csrfToken else { return Response(status: .forbidden) }
        guard access.account.mayErase else { return Response(status: .forbidden) }
        let reference = form.reference.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if let reference, !DocumentEraser.isValidReference(reference) {
            return try await DocumentPage.render(
                runID: runID, sha256: sha256, store: store, context: context,
                problem: "The reference takes up to 64 letters, digits, `.`, `_` or `-` (a ticket number, not a name).",
                status: .badRequest)
        }
        guard form.confirm == "yes" else {
            return try await DocumentPage.render(
                runID: runID, sha256: sha256, store: store, context: context,
                problem: "Tick the box to confirm: the erasure cannot be undone.", status: .badRequest)
        }
        let outcome = try await DocumentEraser.erase(
            sha256: sha256, by: access.actor, reference: reference, store: store)
        guard outcome.erasedAnything else { return try WebTemplates.notFound(context) }
        context.logger.notice(
            "document erased", metadata: ["document": "\(sha256.prefix(12))", "account": "\(access.account.id)"])
        let counts = outcome.counts
        var view: [String: Any] = [
            "title": "Document erased", "sha256": sha256, "run": runID, "pages": counts?.pages ?? 0,
            "units": counts?.units ?? 0, "results": counts?.results ?? 0, "auditTexts": counts?.auditTexts ?? 0,
            "uploaded": outcome.uploadedCopies,
            "rewritten": outcome.rewritten.map(\.run), "unwritable": outcome.unwritable,
        ]
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("erased.html", view)
    }
}
