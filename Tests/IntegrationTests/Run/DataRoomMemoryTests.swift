import DocketTestSupport
import Foundation
import GRDB
import Testing

@testable import DocketAudit
@testable import DocketRecords
@testable import DocketStore

/// A run of 4N documents needs no more memory than a run of N, and its store grows by the same bytes per
/// document: `docket run` over N = 100 and 400 synthetic service agreements (the bench's generator, text
/// only, 14 units each) against an endpoint that answers at once. Before the run streamed, the process grew
/// by about 80 KB a document (24 MB between these two). The trail verifies after both.
@Suite(.serialized) struct DataRoomMemoryTests {
    struct Measured {
        var peakKiB: Int
        var storeBytes: Int
        var documents: Int
    }

    func run(documents: Int, server: FaultServer) async throws -> Measured {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dataroom-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("room")
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generate.arguments = [
            "python3", TestPaths.repositoryRoot.appendingPathComponent("scripts/bench-scale/generate.py").path,
            corpus.path, String(documents), "--pdf-share", "0", "--scan-share", "0",
        ]
        generate.standardError = FileHandle.nullDevice
        try generate.run()
        generate.waitUntilExit()
        #expect(generate.terminationStatus == 0)
        let pipeline = try WorkerTests.reviewPipeline("dataroom", endpoint: server.url, in: folder)
        let store = folder.appendingPathComponent("docket.sqlite").path
        let measure = Process()
        measure.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        measure.arguments = [
            "python3", TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/peak_rss.py").path,
            TestPaths.docketExecutable, "run", pipeline.path, "--input", corpus.path, "--store", store, "--jobs", "8",
        ]
        let output = Pipe()
        measure.standardOutput = output
        try measure.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        measure.waitUntilExit()
        let fields = printed.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(fields.count == 2 && fields.last == 0, "docket run: \(printed)")
        let sqlite = try SQLiteFiles.size(store)
        let opened = try await SQLRunStore(sqlite: store)
        let run = try #require(try await opened.runs().first)
        let counts = try await opened.counts(run: run.id)
        #expect(counts.documents == documents && counts.done == counts.units && counts.units >= 12 * documents)
        #expect(try await AuditVerifier.verify(store: opened).intact)
        return Measured(peakKiB: fields.first ?? 0, storeBytes: sqlite, documents: documents)
    }

    @Test(.timeLimit(.minutes(10))) func fourTimesTheDocumentsNeedNoMoreMemory() async throws {
        let server = try FaultServer(mode: "ok")
        let small = try await run(documents: 100, server: server)
        let large = try await run(documents: 400, server: server)
        let growth = Double(large.peakKiB - small.peakKiB) / 1024
        #expect(growth < 8, "peak RSS \(small.peakKiB) KiB at 100 documents, \(large.peakKiB) KiB at 400")
        let perDocument = (Double(small.storeBytes) / 100, Double(large.storeBytes) / 400)
        #expect(
            perDocument.1 < perDocument.0 * 1.1,
            "store bytes per document: \(perDocument.0) at 100, \(perDocument.1) at 400")
    }
}

/// The bytes a SQLite store's pages hold: its write-ahead log folded in first, free pages not counted. The files'
/// sizes were not a measure of content: a log left by a process that exits without closing holds copies of pages
/// (its size is whatever the last checkpoint left), and CI once saw 400 documents 0.02 % over the bound from that.
enum SQLiteFiles {
    static func size(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return (pages - free) * size
        }
    }
}
