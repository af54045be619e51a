import DocketIngest
import DocketModel
import DocketTestSupport
import Foundation
import Testing

/// The batch's reused workers and split documents, with the real `docket extract-worker`.
@Suite struct WorkerPoolTests {
    let worker = IsolatedExtractor(executable: TestPaths.docketExecutable, workerArguments: ["extract-worker"])

    private func run(_ batch: BatchExtractor, _ paths: [String]) -> ([ExtractedDocument], BatchStatistics) {
        let results = LockedList<(Int, ExtractedDocument)>()
        let statistics = batch.run(paths: paths) { index, document in results.append((index, document)) }
        #expect(results.items.map(\.0) == Array(paths.indices))
        return (results.items.map(\.1), statistics)
    }

    @Test func workersTakeManyDocumentsEach() throws {
        let paths = [
            "mutual-nda.pdf", "mutual-nda.docx", "arbeitsvertrag.pdf", "it-services-agreement.pdf",
            "contrat-de-prestation.pdf", "arbeitsvertrag.docx",
        ].map(TestPaths.sample)
        let batch = BatchExtractor(extractor: worker, options: ExtractionOptions(), passwords: PasswordFile(), jobs: 2)
        let (documents, statistics) = run(batch, paths)
        #expect(statistics.workersStarted == 2)
        for (path, document) in zip(paths, documents) {
            let alone = worker.extract(path: path, options: ExtractionOptions(), passwords: [])
            #expect(document.error == nil)
            #expect(document.pages == alone.pages)
            #expect(document.sha256 == alone.sha256)
        }
    }

    @Test func aWorkerIsReplacedAfterItsShareOfDocuments() {
        var tired = worker
        tired.jobsPerWorker = 2
        let paths = [
            "mutual-nda.pdf", "mutual-nda.docx", "arbeitsvertrag.pdf", "arbeitsvertrag.docx", "mutual-nda.pdf",
        ]
        .map(TestPaths.sample)
        let batch = BatchExtractor(extractor: tired, options: ExtractionOptions(), passwords: PasswordFile(), jobs: 1)
        let (documents, statistics) = run(batch, paths)
        #expect(documents.allSatisfy { $0.error == nil })
        #expect(statistics.workersStarted == 3)
    }

    /// Resident memory is read from the kernel after each document: over the limit (here any), the
    /// worker is replaced. A reading that failed (0) would keep one worker for all three.
    @Test func aWorkerOverItsResidentMemoryIsReplaced() {
        var heavy = worker
        heavy.recycleAboveMB = 0
        let paths = ["mutual-nda.pdf", "mutual-nda.docx", "arbeitsvertrag.pdf"].map(TestPaths.sample)
        let batch = BatchExtractor(extractor: heavy, options: ExtractionOptions(), passwords: PasswordFile(), jobs: 1)
        let (documents, statistics) = run(batch, paths)
        #expect(documents.allSatisfy { $0.error == nil })
        #expect(statistics.workersStarted == 3)
    }

    /// A worker killed in the middle of a batch (as the kernel's OOM killer would) fails the document
    /// it had open; a new worker takes the rest.
    @Test func aWorkerKilledMidBatchFailsOneDocumentAndTheRestGoOn() throws {
        // A copy of its own: other tests' workers, children of this process too, read the sample.
        let scan = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID()).pdf").path
        try FileManager.default.copyItem(atPath: TestPaths.sample("mutual-nda-scan.pdf"), toPath: scan)
        defer { try? FileManager.default.removeItem(atPath: scan) }
        let paths = [
            TestPaths.sample("mutual-nda.pdf"), scan, TestPaths.sample("mutual-nda.docx"),
            TestPaths.sample("arbeitsvertrag.pdf"),
        ]
        let killer = WorkerKiller(whenOpen: scan)
        killer.start()
        let batch = BatchExtractor(extractor: worker, options: ExtractionOptions(), passwords: PasswordFile(), jobs: 1)
        let (documents, statistics) = run(batch, paths)
        killer.stop()
        #expect(killer.killed)
        #expect(documents[0].error == nil)
        #expect(documents[1].error?.kind == .extractionFailed)
        #expect(documents[1].error?.detail.contains("signal 9") == true)
        #expect(documents[2].error == nil && documents[3].error == nil)
        #expect(documents[3].pages.first?.text.isEmpty == false)
        #expect(statistics.workersStarted == 2)
    }

    @Test func aLongDocumentIsSplitAcrossWorkersAndComesBackInOrder() throws {
        let url = try TinyPDF.write(pages: 40)
        defer { try? FileManager.default.removeItem(at: url) }
        let alone = worker.extract(path: url.path, options: ExtractionOptions(), passwords: [])
        let batch = BatchExtractor(
            extractor: worker, options: ExtractionOptions(), passwords: PasswordFile(), jobs: 2, rangePages: 8)
        let (documents, statistics) = run(batch, [url.path])
        #expect(statistics.documentsSplit == 1)
        #expect(statistics.jobsRun == 5)
        #expect(statistics.workersStarted == 2)
        let document = try #require(documents.first)
        #expect(document.error == nil)
        #expect(document.pageCount == 40)
        #expect(document.pages.map(\.number) == Array(1...40))
        #expect(document.pages == alone.pages)
        #expect(document.sha256 == alone.sha256)
        #expect(document.pages[39].text.contains("Clause 40:"))
    }

    @Test func theSmallWorkerBesideDocketIsUsedAndReadsAsDocketExtractWorkerDoes() throws {
        let small = URL(fileURLWithPath: TestPaths.docketExecutable).deletingLastPathComponent()
            .appendingPathComponent(IsolatedExtractor.workerExecutableName).path
        try #require(FileManager.default.isExecutableFile(atPath: small), "build every product: swift build")
        let beside = IsolatedExtractor.beside(TestPaths.docketExecutable)
        #expect(beside.executable == small && beside.workerArguments.isEmpty)
        for name in ["arbeitsvertrag.pdf", "mutual-nda.docx", "contrat-de-prestation-page1.jpg"] {
            let fromSmall = beside.extract(path: TestPaths.sample(name), options: ExtractionOptions(), passwords: [])
            let fromDocket = worker.extract(path: TestPaths.sample(name), options: ExtractionOptions(), passwords: [])
            #expect(fromSmall.error == nil && !fromSmall.pages.isEmpty, "\(name)")
            #expect(fromSmall.pages == fromDocket.pages, "\(name)")
        }
    }

    @Test func withoutTheSmallWorkerDocketItselfExtracts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lone-docket-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lone = folder.appendingPathComponent("docket").path
        try FileManager.default.createSymbolicLink(atPath: lone, withDestinationPath: TestPaths.docketExecutable)
        let beside = IsolatedExtractor.beside(lone)
        #expect(beside.executable == lone && beside.workerArguments == ["extract-worker"])
        let document = beside.extract(
            path: TestPaths.sample("mutual-nda.pdf"), options: ExtractionOptions(), passwords: [])
        #expect(document.error == nil && document.fullText.contains("Confidential"))
    }

    @Test func documentsAmongManyAreNotSplit() throws {
        let url = try TinyPDF.write(pages: 40)
        defer { try? FileManager.default.removeItem(at: url) }
        let paths = [url.path, TestPaths.sample("mutual-nda.pdf"), TestPaths.sample("mutual-nda.docx")]
        let batch = BatchExtractor(
            extractor: worker, options: ExtractionOptions(), passwords: PasswordFile(), jobs: 2, rangePages: 8)
        let (documents, statistics) = run(batch, paths)
        #expect(statistics.documentsSplit == 0)
        #expect(statistics.jobsRun == 3)
        #expect(documents[0].pages.count == 40)
    }
}

/// Kills the extraction worker that has `path` open, found through /proc: a real crash of a real
/// worker at a known point, which no input file can cause on demand.
private final class WorkerKiller: @unchecked Sendable {
    // @unchecked: `done` and `didKill` are read and written under `lock`.
    private let path: String
    private let lock = NSLock()
    private var done = false
    private var didKill = false
    private let finished = DispatchSemaphore(value: 0)

    init(whenOpen path: String) { self.path = (path as NSString).resolvingSymlinksInPath }

    var killed: Bool { lock.withLock { didKill } }

    func start() {
        Thread { [self] in
            defer { finished.signal() }
            while !lock.withLock({ done || didKill }) {
                if let pid = workerHolding() {
                    kill(pid, SIGKILL)
                    lock.withLock { didKill = true }
                }
                usleep(20_000)
            }
        }.start()
    }

    func stop() {
        lock.withLock { done = true }
        finished.wait()
    }

    private func workerHolding() -> pid_t? {
        let me = getpid()
        let files = FileManager.default
        for entry in (try? files.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), pid != me,
                let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                status.contains("\nPPid:\t\(me)\n")
            else { continue }
            let descriptors = "/proc/\(pid)/fd"
            for fd in (try? files.contentsOfDirectory(atPath: descriptors)) ?? []
            where (try? files.destinationOfSymbolicLink(atPath: "\(descriptors)/\(fd)")) == path {
                return pid
            }
        }
        return nil
    }
}
