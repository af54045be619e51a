import DocketIngest
import DocketRecords
import DocketTestSupport
import Foundation
import Testing

@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// A worker reads queued documents on extraction processes it keeps, not on one process per
/// document: Foundation keeps memory of every process it starts, and a data room is 30,000 of them.
@Suite struct WorkerExtractionTests {
    @Test(.timeLimit(.minutes(2))) func aWorkerReadsItsQueuedDocumentsOnPooledExtractionProcesses() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pooled-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let file = try WorkerTests.reviewPipeline("pooled", endpoint: server.url, in: folder)
        let store = try await SQLRunStore(sqlite: folder.appendingPathComponent("docket.sqlite").path)
        let inputs = [
            "mutual-nda.pdf", "it-services-agreement.pdf", "arbeitsvertrag.docx", "contrat-de-prestation.docx",
            "mutual-nda.docx",
        ]
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.storePath = store.location
        options.inputs = inputs.map(TestPaths.sample)
        options.enqueueOnly = true
        let run = try await Runner(pipeline: try PipelineLoader.load(path: file.path), options: options).run().runID

        var workerOptions = Worker.Options(workerExecutable: TestPaths.docketExecutable)
        workerOptions.jobs = 2
        workerOptions.exitWhenIdle = true
        let worker = Worker(store: store, options: workerOptions)
        try await worker.run()
        #expect(try await store.run(id: run)?.status == .completed)
        let read = try await store.runDocuments(run: run)
        #expect(read.count == inputs.count && read.allSatisfy { $0.error == nil && $0.sha256 != nil })
        // Five documents on two slots: at most one process each, and none left running after.
        #expect((1...2).contains(worker.extractionPool.workersStarted))
        #expect(worker.extractionPool.idleCount == 0)
    }
}
