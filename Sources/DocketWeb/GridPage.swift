import DocketModel
import DocketRecords
import DocketReport
import DocketRun
import DocketSpec
import DocketStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `/runs/{id}/grid`: the run's clause grid, `gridPageSize` documents a page, with the columns a person picks
/// (`col`, repeated; default the pipeline's review list), a filter per column (`f.<category>`: found or missing;
/// `a.<category>`: the answer contains), the order (`sort`, a category; `desc`), and the same grid as CSV or
/// XLSX (`/runs/{id}/grid.csv`, `.xlsx`: every matching document, streamed). Each cell links to its cited page
/// and to its decision, to be contested; an overturned cell shows the reviewer's value and says so.
enum GridPage {
    /// What the query asks for, read from repeated and category-named parameters.
    struct Asked {
        var grid: ClauseGrid
        var page: Int
        /// The query without `page`, for links that keep the columns, filters and order.
        var base: String
    }

    static func asked(_ request: Request, run: String, pipeline: PipelineSpec?) throws -> Asked {
        let pairs = FormQuery.pairs(request.uri.query)
        func value(_ name: String) -> String? { FormQuery.value(name, in: pairs) }
        let columns = try ClauseGrid.categories(pairs.filter { $0.name == "col" }.map(\.value), pipeline: pipeline)
        var filters: [ClauseGridQuery.Filter] = []
        for category in columns {
            switch value("f.\(category)") {
            case "found": filters.append(.init(category: category, condition: .found))
            case "missing": filters.append(.init(category: category, condition: .missing))
            default: break
            }
            if let text = value("a.\(category)")?.trimmingCharacters(in: .whitespaces),
                !text.isEmpty
            {
                filters.append(.init(category: category, condition: .answer(text)))
            }
        }
        let sort = value("sort").flatMap { name in columns.first { $0 == name } }
        let query = ClauseGridQuery(filters: filters, sort: sort, descending: value("desc") == "1")
        return Asked(
            grid: ClauseGrid(run: run, categories: columns, query: query),
            page: FormQuery.page(pairs), base: encoded(columns: columns, query: query))
    }

    static func render(
        runID: String, request: Request, settings: WebApp.Settings, store: any RunStore, context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store) else { return .redirect(to: "/login") }
        guard try await access.mayRead(run: runID), let run = try await store.run(id: runID) else {
            return try WebTemplates.notFound(context)
        }
        let asked: Asked
        do {
            asked = try self.asked(request, run: runID, pipeline: try? await ReviewPipeline.pipeline(store, run: runID))
        } catch {
            return try WebTemplates.page(
                "error.html",
                [
                    "title": "Not a clause category", "message": "\(error)",
                    "account": WebTemplates.account(context) as Any,
                ],
                status: .badRequest)
        }
        let size = max(1, settings.gridPageSize)
        let grid = asked.grid
        let total = try await grid.count(store: store)
        let rows = try await grid.rows(store: store, offset: (asked.page - 1) * size, limit: size)
        let links = ReportLinks.workspace
        var view: [String: Any] = [
            "title": "Clause grid · \(run.id)", "runID": runID, "total": total,
            "columns": grid.categories.map { category -> [String: Any] in
                let conditions = grid.query.filters.filter { $0.category == category }.map(\.condition)
                var answer = ""
                for case .answer(let text) in conditions { answer = text }
                return [
                    "name": category, "sortHref": sortLink(asked, category: category),
                    "sorted": grid.query.sort == category ? (grid.query.descending ? "▼" : "▲") : "",
                    "found": conditions.contains(.found), "missing": conditions.contains(.missing), "answer": answer,
                ]
            },
            "all": CUADCategories.names.map { ["name": $0, "picked": grid.categories.contains($0)] },
            "rows": rows.map { row -> [String: Any] in
                [
                    "name": row.name,
                    "href": row.sha256.map { "/runs/\(runID)/documents/\($0)" } ?? "",
                    "cells": row.cells.map { cell -> [String: Any] in
                        var shown: [String: Any] = [
                            "text": cell.text, "state": cell.state.rawValue.replacingOccurrences(of: " ", with: "-"),
                        ]
                        if let page = cell.page, let span = cell.span,
                            let href = links.passage(run: runID, sha256: row.sha256, page: page, span: span)
                        {
                            shown["pageHref"] = href
                            shown["page"] = page
                        }
                        if let decision = cell.decision { shown["decisionHref"] = links.decision(decision) }
                        if let automated = cell.automated { shown["automated"] = automated }
                        return shown
                    },
                ]
            },
            "csv": "/runs/\(runID)/grid.csv?\(asked.base)", "xlsx": "/runs/\(runID)/grid.xlsx?\(asked.base)",
        ]
        var pages: [String: Any] = [:]
        if asked.page > 1 { pages["previous"] = "/runs/\(runID)/grid?\(asked.base)&page=\(asked.page - 1)" }
        if asked.page * size < total { pages["next"] = "/runs/\(runID)/grid?\(asked.base)&page=\(asked.page + 1)" }
        if !pages.isEmpty { view["pages"] = pages }
        let first = (asked.page - 1) * size
        view["shown"] = rows.isEmpty ? "none" : "\(first + 1)–\(first + rows.count)"
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("grid.html", view)
    }

    /// The grid as CSV (streamed) or XLSX (written to a private temporary file, sent, then removed).
    static func download(
        runID: String, format: ClauseGridExport.Format, request: Request, store: any RunStore, context: WebContext
    ) async throws -> Response {
        guard let access = WebAccess(context, store: store), try await access.mayRead(run: runID),
            try await store.run(id: runID) != nil
        else { return Response(status: .notFound) }
        guard
            let asked = try? self.asked(
                request, run: runID, pipeline: try? await ReviewPipeline.pipeline(store, run: runID))
        else { return Response(status: .badRequest) }
        context.logger.notice(
            "clause grid downloaded",
            metadata: ["run": "\(runID)", "format": "\(format.rawValue)", "account": "\(access.account.id)"])
        let name = "\(runID)-clause-grid.\(format.rawValue)"
        let headers: HTTPFields = [.contentType: format.contentType, .contentDisposition: Downloads.disposition(name)]
        if format == .xlsx {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "docket-grid-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            // Removed as soon as it is open: nothing is left behind, whether or not the download completes.
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent(name).path
            try await XLSXGrid.write(asked.grid, store: store, to: path)
            guard let handle = FileHandle(forReadingAtPath: path) else { throw HTTPError(.internalServerError) }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            return Downloads.opened(handle, size: size, name: name, type: format.contentType)
        }
        let body = ResponseBody { writer in
            try await ClauseGridExport.stream(asked.grid, format: format, store: store) {
                try await writer.write(ByteBuffer(bytes: $0))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The grid's page with its order set to `category`'s column, reversed when it is already.
    static func sortLink(_ asked: Asked, category: String) -> String {
        var query = asked.grid.query
        query.descending = query.sort == category && !query.descending
        query.sort = category
        return "/runs/\(asked.grid.run)/grid?" + encoded(columns: asked.grid.categories, query: query)
    }

    /// The query string of a grid: its columns, filters and order.
    static func encoded(columns: [String], query: ClauseGridQuery) -> String {
        var pairs = columns.map { ("col", $0) }
        for filter in query.filters {
            switch filter.condition {
            case .found: pairs.append(("f.\(filter.category)", "found"))
            case .missing: pairs.append(("f.\(filter.category)", "missing"))
            case .answer(let text): pairs.append(("a.\(filter.category)", text))
            }
        }
        if let sort = query.sort { pairs.append(("sort", sort)) }
        if query.descending { pairs.append(("desc", "1")) }
        return FormQuery.encoded(pairs)
    }
}
