import DocketAudit
import DocketRecords
import DocketStore
import Foundation
import Hummingbird
import Logging

/// `/accounts`, for administrators: every account with its roles and state, a form to add one, and per account
/// its roles, disable or enable, a new password, and its API token issued (shown once) or revoked, each through
/// `AccountDesk`, so each is recorded in the trail. Others get 404, as for a page that does not exist. An
/// administrator cannot disable their own account or take their own admin role: someone must be left to
/// administer. The list is every account at once: accounts are the organisation's people, not its documents.
enum AccountsPage {
    struct Form: Decodable {
        var csrf: String
        var name: String?
        var password: String?
        var submitter: String?
        var reviewer: String?
        var auditor: String?
        var admin: String?

        var roles: Set<Account.Role> {
            var roles: Set<Account.Role> = []
            if submitter == "on" { roles.insert(.submitter) }
            if reviewer == "on" { roles.insert(.reviewer) }
            if auditor == "on" { roles.insert(.auditor) }
            if admin == "on" { roles.insert(.admin) }
            return roles
        }
    }

    enum Action: String, CaseIterable {
        case roles, disable, enable, password, token, revoke
    }

    static func render(
        store: any RunStore, context: WebContext, problem: String? = nil, notice: String? = nil,
        token: (name: String, value: String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store), access.account.administers else {
            return try WebTemplates.notFound(context)
        }
        var view: [String: Any] = [
            "title": "Accounts", "csrf": context.session?.csrfToken ?? "",
            "roles": Account.Role.allCases.map(\.rawValue),
            "accounts": try await store.accounts().sorted { $0.name < $1.name }.map { account -> [String: Any] in
                [
                    "id": account.id, "name": account.name, "disabled": account.disabled,
                    "created": WebTemplates.minute(account.createdAt), "self": account.id == access.account.id,
                    "roles": Account.Role.allCases.map { ["role": $0.rawValue, "has": account.roles.contains($0)] },
                    "shownRoles": AccountDesk.roles(account.roles),
                ]
            },
        ]
        if let problem { view["problem"] = problem }
        if let notice { view["notice"] = notice }
        if let token { view["token"] = ["name": token.name, "value": token.value] }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("accounts.html", view, status: status)
    }

    /// `POST /accounts`: a new account.
    static func add(form: Form, store: any RunStore, context: WebContext) async throws -> Response {
        guard let access = WebAccess(context, store: store), access.account.administers else {
            return try WebTemplates.notFound(context)
        }
        guard form.csrf == context.session?.csrfToken else { return Response(status: .forbidden) }
        let desk = AccountDesk(store: store, administrator: access.actor)
        do {
            let added = try await desk.add(name: form.name ?? "", password: form.password ?? "", roles: form.roles)
            context.logger.notice(
                "account added", metadata: ["account": "\(access.account.id)", "added": "\(added.id)"])
            return try await render(store: store, context: context, notice: "\(added.name) was added.")
        } catch let error as StoreError {
            return try await render(store: store, context: context, problem: error.message, status: .badRequest)
        }
    }

    /// `POST /accounts/ID/ACTION`.
    static func change(
        id: String, action: String, form: Form, store: any RunStore, context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store), access.account.administers,
            let action = Action(rawValue: action), let account = try await store.account(id: id)
        else { return try WebTemplates.notFound(context) }
        guard form.csrf == context.session?.csrfToken else { return Response(status: .forbidden) }
        let desk = AccountDesk(store: store, administrator: access.actor)
        let mine = account.id == access.account.id
        do {
            var token: (String, String)?
            switch action {
            case .roles:
                if mine, !form.roles.contains(.admin) {
                    throw StoreError(message: "you cannot take your own admin role: ask another administrator")
                }
                try await desk.setRoles(account, form.roles)
            case .disable:
                if mine { throw StoreError(message: "you cannot disable your own account") }
                try await desk.setDisabled(account, true)
            case .enable: try await desk.setDisabled(account, false)
            case .password: try await desk.resetPassword(account, to: form.password ?? "")
            case .token: token = (account.name, try await desk.issueToken(account))
            case .revoke: try await desk.revokeToken(account)
            }
            context.logger.notice(
                "account changed",
                metadata: [
                    "account": "\(access.account.id)", "changed": "\(account.id)", "action": "\(action.rawValue)",
                ])
            return try await render(
                store: store, context: context, notice: "\(account.name): \(Self.done(action)).", token: token)
        } catch let error as StoreError {
            return try await render(store: store, context: context, problem: error.message, status: .badRequest)
        }
    }

    static func done(_ action: Action) -> String {
        switch action {
        case .roles: "roles saved"
        case .disable: "disabled; their sessions ended"
        case .enable: "enabled"
        case .password: "new password set; their sessions ended"
        case .token: "a new API token was issued (below, shown once); the previous one no longer works"
        case .revoke: "API token revoked"
        }
    }
}
