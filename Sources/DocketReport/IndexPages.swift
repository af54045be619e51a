import DocketRecords
import Foundation

/// The run's index, written a page at a time: `index.html` holds the first `pageSize`
/// documents, `index-2.html` the next, each linked to the pages beside it. One page's rows are held at
/// once; pages left over from an earlier, longer index are removed.
struct IndexPages {
    let folder: String
    let run: RunRecord
    let pageSize: Int
    private var rows: [IndexView.Document] = []
    private var number = 1

    init(folder: String, run: RunRecord, pageSize: Int) {
        self.folder = folder
        self.run = run
        self.pageSize = pageSize
    }

    static func name(_ number: Int) -> String { number == 1 ? "index.html" : "index-\(number).html" }

    mutating func add(_ row: IndexView.Document) throws {
        if rows.count == pageSize {
            try write(next: Self.name(number + 1))
            rows.removeAll(keepingCapacity: true)
            number += 1
        }
        rows.append(row)
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
        var view = IndexView(run: run, rows: rows)
        view.previous = number > 1 ? Self.name(number - 1) : nil
        view.next = next
        try AtomicFile.write(try ReportTemplates.render(view, "index.html"), to: path(number))
    }
}
