import DocketModel
import DocketTestSupport
import Foundation
import Testing

@testable import DocketIngest

/// Extraction in worker processes: the real `docket extract-worker`, and a stand-in only where
/// a real worker cannot show the case (a crash on demand).
@Suite struct IsolationTests {
    let worker = IsolatedExtractor(executable: TestPaths.docketExecutable, workerArguments: ["extract-worker"])

    @Test func aWorkerExtractsLikeTheLibrary() async throws {
        let path = TestPaths.sample("it-services-agreement.pdf")
        let isolated = worker.extract(path: path, options: ExtractionOptions(), passwords: [])
        let direct = DocumentExtractor(options: ExtractionOptions()).extractDocument(path: path)
        #expect(isolated.error == nil)
        #expect(isolated.pages == direct.pages)
        #expect(isolated.sha256 == direct.sha256)
        #expect(isolated.metadata == direct.metadata)
    }

    @Test func aDocumentThatRunsPastItsTimeoutIsReportedAndTheWorkerEnded() {
        var options = ExtractionOptions()
        options.timeoutSeconds = 0.3  // OCR of two scanned pages takes seconds
        let started = Date()
        let document = worker.extract(path: TestPaths.sample("mutual-nda-scan.pdf"), options: options, passwords: [])
        #expect(document.error?.kind == .timedOut)
        #expect(document.error?.kind.exitCode == 15)
        #expect(!document.sha256.isEmpty)
        // Not a timing claim: a kill that did not happen would leave us waiting for the whole OCR.
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func aCrashingWorkerFailsOneDocumentNotTheBatch() {
        let crashing = IsolatedExtractor(executable: "/bin/sh", workerArguments: ["-c", "kill -SEGV $$"])
        let document = crashing.extract(
            path: TestPaths.sample("mutual-nda.pdf"), options: ExtractionOptions(), passwords: [])
        #expect(document.error?.kind == .extractionFailed)
        #expect(document.error?.detail.contains("signal 11") == true)
    }

    @Test func aWorkerOverItsMemoryLimitEndsOneDocumentOnly() {
        // Loading three OCR models does not fit in 150 MiB of address space. The worker either
        // crashes (extraction-failed) or, when an OCR thread cannot even be created, stalls until
        // the document's timeout (timed-out); either way the parent reports it and goes on.
        let starved = IsolatedExtractor(
            executable: TestPaths.docketExecutable, workerArguments: ["extract-worker"], memoryLimitMB: 150)
        var options = ExtractionOptions()
        options.timeoutSeconds = 20
        let document = starved.extract(path: TestPaths.sample("mutual-nda-scan.pdf"), options: options, passwords: [])
        #expect(document.error?.kind == .extractionFailed || document.error?.kind == .timedOut)
        let next = worker.extract(path: TestPaths.sample("mutual-nda.pdf"), options: options, passwords: [])
        #expect(next.error == nil)
    }

    @Test func documentsReadOneAtATimeShareOnePooledWorker() {
        let pool = ExtractionWorkerPool()
        let paths = ["mutual-nda.pdf", "it-services-agreement.pdf", "mutual-nda.docx"].map(TestPaths.sample)
        for path in paths {
            let pooled = worker.extract(path: path, options: ExtractionOptions(), passwords: [], pool: pool)
            #expect(pooled.error == nil)
            #expect(pooled.pages == DocumentExtractor(options: ExtractionOptions()).extractDocument(path: path).pages)
        }
        #expect(pool.workersStarted == 1)
        #expect(pool.idleCount == 1)
        pool.stopAll()
        #expect(pool.idleCount == 0)
    }

    /// Workers started at once from several threads hold no pipe but their own two: a worker that
    /// inherited another's output pipe kept it open, and a `docket worker` stopping that other worker
    /// waited for its end of file for ever (CI, 2026-12-07). Foundation's `Process` closed the
    /// descriptors open when it began, not a pipe another thread opened a moment later. `cat` stands in
    /// for the worker: it starts in a millisecond, so that many starts meet.
    @Test(.timeLimit(.minutes(2))) func workersStartedAtOnceHoldOnlyTheirOwnPipes() throws {
        // @unchecked: `workers` is written under `lock` only, and read after every writer is done.
        final class Started: @unchecked Sendable {
            let lock = NSLock()
            var workers: [ExtractionWorkerProcess] = []
        }
        let started = Started()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<50 {
                guard let process = try? ExtractionWorkerProcess(executable: "/bin/cat", arguments: []) else { return }
                started.lock.withLock { started.workers.append(process) }
            }
        }
        let workers = started.workers
        #expect(workers.count == 400)
        let pipesOf = { (pid: pid_t) -> Set<String> in
            let folder = "/proc/\(pid)/fd"
            let targets = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).compactMap {
                try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + $0)
            }
            return Set(targets.filter { $0.hasPrefix("pipe:") })
        }
        let held = workers.map { pipesOf($0.processIdentifier) }
        let sharing = held.filter { $0.count != 2 }.count
        #expect(sharing == 0, "\(sharing) of \(workers.count) workers hold another's pipe")
        // Where some do, a stop would wait for ever: end them all first, so that the test fails and does not hang.
        if sharing > 0 { for worker in workers { kill(worker.processIdentifier, SIGKILL) } }
        for worker in workers { worker.stop() }
    }

    @Test func aWorkerThatExitsBeforeAnsweringIsReportedWithItsStatus() {
        let exiting = IsolatedExtractor(executable: "/bin/false", workerArguments: [])
        let document = exiting.extract(
            path: TestPaths.sample("mutual-nda.pdf"), options: ExtractionOptions(), passwords: [])
        #expect(document.error?.kind == .extractionFailed)
        #expect(document.error?.detail == "the extraction worker exited with status 1 before finishing")
    }

    @Test func aPoolKeepsNoWorkerThatCrashedOrRanOut() {
        let pool = ExtractionWorkerPool()
        // A worker that ends before it answers, as a crashed one does.
        let ending = IsolatedExtractor(executable: "/bin/true", workerArguments: [])
        let path = TestPaths.sample("mutual-nda.pdf")
        for _ in 0..<2 {
            let document = ending.extract(path: path, options: ExtractionOptions(), passwords: [], pool: pool)
            #expect(document.error?.kind == .extractionFailed)
            #expect(pool.idleCount == 0)
        }
        #expect(pool.workersStarted == 2)
        // A worker that could not be started is an error, and was not started.
        let missing = IsolatedExtractor(executable: "/nonexistent/docket", workerArguments: [])
        #expect(missing.extract(path: path, options: ExtractionOptions(), passwords: [], pool: pool).error != nil)
        #expect(pool.workersStarted == 2)
        var timed = ExtractionOptions()
        timed.timeoutSeconds = 0.3  // OCR of two scanned pages takes seconds
        let scan = worker.extract(
            path: TestPaths.sample("mutual-nda-scan.pdf"), options: timed, passwords: [], pool: pool)
        #expect(scan.error?.kind == .timedOut)
        #expect(pool.idleCount == 0)
        let replaced = IsolatedExtractor(
            executable: TestPaths.docketExecutable, workerArguments: ["extract-worker"], jobsPerWorker: 1)
        #expect(replaced.extract(path: path, options: ExtractionOptions(), passwords: [], pool: pool).error == nil)
        #expect(pool.idleCount == 0)
    }

    @Test func aBatchGoesOnPastFailuresAndKeepsInputOrder() async throws {
        let paths = [
            TestPaths.sample("mutual-nda.pdf"), TestPaths.sample("board-memo-protected.pdf"),
            "/nonexistent/contract.pdf", TestPaths.sample("mutual-nda.docx"),
        ]
        let batch = BatchExtractor(extractor: worker, options: ExtractionOptions(), passwords: PasswordFile(), jobs: 2)
        let results = LockedList<(Int, ExtractedDocument)>()
        batch.run(paths: paths) { index, document in results.append((index, document)) }
        #expect(results.items.map(\.0) == [0, 1, 2, 3])
        #expect(results.items.map(\.1.path) == paths)
        #expect(results.items[0].1.error == nil)
        #expect(results.items[1].1.error?.kind == .passwordRequired)
        #expect(results.items[2].1.error?.kind == .unreadable)
        #expect(results.items[3].1.error == nil)
    }
}

@Suite struct PopplerTuningTests {
    /// The executable must export its Gfx::initDisplayProfile for poppler's call to bind to it
    /// (Sources/CPopplerTuning). Dropping the linker flag would silently make extraction 3x slower.
    @Test func theExecutableExportsTheColourProfileOverride() async throws {
        let nm = Process()
        nm.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
        nm.arguments = ["-D", "--defined-only", TestPaths.docketExecutable]
        let pipe = Pipe()
        nm.standardOutput = pipe
        try nm.run()
        let symbols = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        nm.waitUntilExit()
        #expect(symbols.contains("_ZN3Gfx18initDisplayProfileEv"))
    }
}
