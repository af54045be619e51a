import DocketModel
import DocketRecords
import DocketReport
import DocketStore
import Foundation
import Hummingbird
import Logging

/// `/search?q=…`: the pages of the documents a person may read that hold what they look for (words,
/// "phrases", prefix*), narrowed by run, pipeline, document type, language, level and clause categories (found,
/// not found, an answer that contains a text); each hit names its document and page, shows the words around
/// the match marked, and links to the page view with the match marked. `GET /api/search` answers the same in
/// JSON for a token. A person who does not see every run searches the runs of their own submissions only.
enum SearchPage {
    static let pageSize = 20

    /// The query's parameters, as the form and the API send them.
    static func query(_ pairs: [(name: String, value: String)], runs: [String]?) throws -> SearchQuery {
        func value(_ name: String) -> String? {
            FormQuery.value(name, in: pairs).map { $0.trimmingCharacters(in: .whitespaces) }
                .flatMap { $0.isEmpty ? nil : $0 }
        }
        var clauses: [ClauseGridQuery.Filter] = []
        for (name, condition) in [("has", "found"), ("lacks", "missing")] {
            for category in pairs.filter({ $0.name == name && !$0.value.isEmpty }).map(\.value) {
                clauses.append(try ClauseGrid.filter("\(category)=\(condition)", pipeline: nil))
            }
        }
        for answer in pairs.filter({ $0.name == "answer" && !$0.value.isEmpty }).map(\.value) {
            clauses.append(try ClauseGrid.filter(answer, pipeline: nil))
        }
        var query = SearchQuery(
            terms: SearchTerms(value("q") ?? ""), runs: runs, run: value("run"), pipeline: value("pipeline"),
            documentType: value("type"), language: value("language"), level: value("level"), clauses: clauses,
            review: try value("review").map(SearchQuery.Review.named))
        query.submission = value("submission")
        query.findingTypes = pairs.filter { $0.name == "finding" }.flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return query
    }

    /// The runs a search looks in for this account: nil for every run.
    static func runs(_ access: WebAccess) async throws -> [String]? {
        access.seesAllRuns ? nil : try await access.ownRuns().sorted()
    }

    static func render(request: Request, store: any RunStore, context: WebContext) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        let pairs = FormQuery.pairs(request.uri.query)
        let page = FormQuery.page(pairs)
        var view: [String: Any] = [
            "title": "Search", "account": WebTemplates.account(context) as Any,
            "types": DocumentType.allCases.map(\.rawValue), "categories": CUADCategories.names,
            "reviews": SearchQuery.Review.allCases.map { review in
                [
                    "value": review.rawValue,
                    "selected": FormQuery.value("review", in: pairs) == review.rawValue,
                ] as [String: Any]
            },
        ]
        let filters = [
            "run", "pipeline", "type", "language", "level", "has", "lacks", "answer", "review", "submission", "finding",
        ]
        for name in ["q"] + filters {
            view["asked_\(name)"] = FormQuery.value(name, in: pairs) ?? ""
        }
        view["narrowed"] = pairs.contains { filters.contains($0.name) && !$0.value.isEmpty }
        let query: SearchQuery
        do {
            query = try self.query(pairs, runs: try await runs(access))
        } catch {
            view["problem"] = "\(error)"
            return try WebTemplates.page("search.html", view, status: .badRequest)
        }
        guard !query.terms.isEmpty else { return try WebTemplates.page("search.html", view) }
        let hits = try await store.search(query, offset: (page - 1) * pageSize, limit: pageSize + 1)
        view["searched"] = true
        view["hits"] = hits.prefix(pageSize).map { hit in
            [
                "name": (hit.path as NSString).lastPathComponent, "run": hit.run, "page": hit.page,
                "documentHref": "/runs/\(hit.run)/documents/\(hit.sha256)",
                "pageHref": pageLink(hit, terms: query.terms), "snippet": snippet(hit.snippet),
            ] as [String: Any]
        }
        view["none"] = hits.isEmpty
        let base = FormQuery.encoded(pairs.filter { $0.name != "page" }.map { ($0.name, $0.value) })
        var pages: [String: Any] = [:]
        if page > 1 { pages["previous"] = "/search?\(base)&page=\(page - 1)" }
        if hits.count > pageSize { pages["next"] = "/search?\(base)&page=\(page + 1)" }
        if !pages.isEmpty { view["pages"] = pages }
        context.logger.info(
            "searched", metadata: ["account": "\(access.account.id)", "hits": "\(min(hits.count, pageSize))"])
        return try WebTemplates.page("search.html", view)
    }

    /// `GET /api/search?q=…` (same parameters), for a token: `{"hits": [...], "next": N?}`.
    static func api(request: Request, store: any RunStore) async throws -> Response {
        guard let account = try await APIAccess.account(request, store: store) else {
            return try APIAccess.problem("a valid API token is required", status: .unauthorized)
        }
        let access = WebAccess(account: account, store: store)
        let pairs = FormQuery.pairs(request.uri.query)
        let page = FormQuery.page(pairs)
        let query: SearchQuery
        do { query = try self.query(pairs, runs: try await runs(access)) } catch {
            return try APIAccess.problem("\(error)", status: .badRequest)
        }
        guard !query.terms.isEmpty else { return try APIAccess.problem("q: say what to look for", status: .badRequest) }
        let hits = try await store.search(query, offset: (page - 1) * pageSize, limit: pageSize + 1)
        var body: [String: Any] = [
            "hits": hits.prefix(pageSize).map { hit in
                [
                    "run": hit.run, "document": (hit.path as NSString).lastPathComponent, "document_sha256": hit.sha256,
                    "page": hit.page, "snippet": hit.bracketed,
                ] as [String: Any]
            }
        ]
        if hits.count > pageSize { body["next"] = page + 1 }
        return try APIAccess.json(body)
    }

    /// The page view with the words looked for marked.
    static func pageLink(_ hit: SearchHit, terms: SearchTerms) -> String {
        let words = terms.markedWords.joined(separator: " ")
        return "/runs/\(hit.run)/documents/\(hit.sha256)/pages/\(hit.page)?q="
            + FormQuery.encoded(words) + "#cited"
    }

    /// The snippet in parts for the template (which escapes each): text, and the marked matches.
    static func snippet(_ text: String) -> [[String: Any]] {
        var parts: [[String: Any]] = []
        var rest = Substring(text)
        while let start = rest.range(of: SearchHit.markStart) {
            if start.lowerBound > rest.startIndex { parts.append(["text": String(rest[..<start.lowerBound])]) }
            let after = rest[start.upperBound...]
            let end = after.range(of: SearchHit.markEnd)?.lowerBound ?? after.endIndex
            parts.append(["text": String(after[..<end]), "marked": true])
            rest = end < after.endIndex ? after[after.index(after: end)...] : ""
        }
        if !rest.isEmpty { parts.append(["text": String(rest)]) }
        return parts
    }
}
