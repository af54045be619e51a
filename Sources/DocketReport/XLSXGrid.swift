import CXlsxWriter
import DocketStore
import Foundation

/// The clause grid as an XLSX workbook, written by libxlsxwriter in its constant-memory mode: each row goes
/// to a temporary file as it is written, so a grid of 30,000 documents costs no more memory than one of ten.
/// Every cell is written as a string, never as a formula, whatever it begins with. The header row is bold and
/// frozen with the document column, and filters sit on the header; a cell a reviewer overturned is italic.
public enum XLSXGrid {
    /// Writes the workbook to `path`, readable by its owner only.
    public static func write(_ grid: ClauseGrid, store: any RunStore, to path: String) async throws {
        // Created private first: libxlsxwriter opens the path with fopen, which keeps an existing file's mode.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw StoreError(message: "cannot write \(path): check that its folder exists and is writable") }
        var options = lxw_workbook_options(constant_memory: UInt8(LXW_TRUE.rawValue), tmpdir: nil, use_zip64: 0)
        guard let workbook = workbook_new_opt(path, &options) else {
            throw StoreError(message: "cannot start the workbook \(path)")
        }
        var closed = false
        defer { if !closed { workbook_close(workbook) } }
        guard let sheet = workbook_add_worksheet(workbook, "Clauses") else {
            throw StoreError(message: "cannot add a worksheet to \(path)")
        }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        let reviewed = workbook_add_format(workbook)
        format_set_italic(reviewed)
        worksheet_set_column(sheet, 0, 0, 42, nil)
        worksheet_set_column(sheet, 1, lxw_col_t(grid.categories.count), 24, nil)
        try check(worksheet_write_string(sheet, 0, 0, "document", bold), path)
        for (column, category) in grid.categories.enumerated() {
            try check(worksheet_write_string(sheet, 0, lxw_col_t(column + 1), category, bold), path)
        }
        var row: lxw_row_t = 0
        try await grid.forEachPage(store: store) { rows in
            for document in rows {
                row += 1
                try check(worksheet_write_string(sheet, row, 0, document.name, nil), path)
                for (column, cell) in document.cells.enumerated() {
                    try check(
                        worksheet_write_string(
                            sheet, row, lxw_col_t(column + 1), cell.text, cell.state == .overturned ? reviewed : nil),
                        path)
                }
            }
        }
        worksheet_freeze_panes(sheet, 1, 1)
        worksheet_autofilter(sheet, 0, 0, row, lxw_col_t(grid.categories.count))
        closed = true
        try check(workbook_close(workbook), path)
    }

    private static func check(_ error: lxw_error, _ path: String) throws {
        guard error == LXW_NO_ERROR else {
            throw StoreError(message: "cannot write \(path): \(String(cString: lxw_strerror(error)))")
        }
    }
}
