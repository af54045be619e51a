import DocketModel
import DocketStore
import Foundation

/// The clause grid as a file: CSV (a `document` column, then one per category headed with its name; cells
/// guarded against formula injection as `summary.csv` is), JSON lines (one document a line, each cell with its
/// state, page and decision) or XLSX (`XLSXGrid`). Written a page of rows at a time.
public enum ClauseGridExport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, xlsx, jsonl

        public var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .jsonl: "application/x-ndjson"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// CSV or JSON lines, handed to `write` a page at a time.
    public static func stream(
        _ grid: ClauseGrid, format: Format, store: any RunStore, write: (Data) async throws -> Void
    ) async throws {
        precondition(format != .xlsx, "XLSX is written to a file: XLSXGrid")
        if format == .csv { try await write(Data(CSV.line(["document"] + grid.categories).utf8)) }
        try await grid.forEachPage(store: store) { rows in
            var text = ""
            for row in rows {
                text += format == .csv ? CSV.line([row.name] + row.cells.map(\.text)) : try jsonLine(row, grid: grid)
            }
            try await write(Data(text.utf8))
        }
    }

    static func jsonLine(_ row: ClauseGrid.Row, grid: ClauseGrid) throws -> String {
        var cells: [String: Any] = [:]
        for (category, cell) in zip(grid.categories, row.cells) {
            var value: [String: Any] = ["state": cell.state.rawValue, "value": cell.text]
            if let page = cell.page { value["page"] = page }
            if let span = cell.span { value["start"] = span.lowerBound; value["end"] = span.upperBound }
            if let decision = cell.decision { value["decision"] = decision }
            if let automated = cell.automated { value["automated"] = automated }
            cells[category] = value
        }
        return try JSONLine.text([
            "run": grid.run, "document": row.name, "document_sha256": row.sha256 as Any? ?? NSNull(), "cells": cells,
        ])
    }
}
