import DocketRecords
import Foundation

/// The run's index, written a page at a time: `index.html` holds the first `pageSize`
/// documents, `index-2.html` the next, each linked to the pages beside it. One page's rows are held at
/// once, as the HTML each document's part kept (rendered when the document was done, so that the end of a
/// run joins rows instead of rendering them); pages left over from an earlier, longer index are removed.
struct IndexPages {
    let folder: String
    let run: RunRecord
    let pageSize: Int
    private var rows = ""
    private var count = 0
    private var number = 1

    init(folder: String, run: RunRecord, pageSize: Int) {
        self.folder = folder
        self.run = run
        self.pageSize = pageSize
    }

    static func name(_ number: Int) -> String { number == 1 ? "index.html" : "index-\(number).html" }

    /// `rowHTML`: the row as `IndexView.rowHTML` rendered it.
    mutating func add(_ rowHTML: String) throws {
        if count == pageSize {
            try write(next: Self.name(number + 1))
            rows.removeAll(keepingCapacity: true)
            count = 0
            number += 1
        }
        rows += rowHTML
        count += 1
    }

    mutating func finish() throws {
        try write(next: nil)
        var stale = number + 1
        while FileManager.default.fileExists(atPath: path(stale)) {
            try FileManager.default.removeItem(atPath: path(stale))
            stale += 1
        }
    }

    private func path(_ number: Int) -> String { (folder as NSString).appendingPathComponent(Self.name(number)) }

    private func write(next: String?) throws {
        var view = IndexView(run: run)
        view.rows = rows
        view.previous = number > 1 ? Self.name(number - 1) : nil
        view.next = next
        try AtomicFile.write(try ReportTemplates.render(view, "index.html"), to: path(number))
    }
}
