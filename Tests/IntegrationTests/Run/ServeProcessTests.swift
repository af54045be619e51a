import DocketTestSupport
import Foundation
import GRDB
import Testing

@testable import DocketModel
@testable import DocketRecords
@testable import DocketStore

/// Two `docket serve --once` processes on one store with a submission waiting: the second starts
/// while the first holds the pipeline's lock, with a new submission waiting, and finds it locked. The
/// endpoint is a loopback server that answers after 1 s, so the first run lasts well beyond the second's
/// start.
@Suite struct ServeProcessTests {
    @Test(.timeLimit(.minutes(2))) func twoServeProcessesOnOneStoreNeverRunTheSamePipelineAtOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        let server = try FaultServer(mode: "ok", delay: 1.0)
        let schema = folder.appendingPathComponent("answer.json")
        try #"{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}"#.write(
            to: schema, atomically: true, encoding: .utf8)
        let pipeline = folder.appendingPathComponent("pipeline.yaml")
        try """
        name: served
        inputs: [{ folder: \(folder.path)/inbox }]
        output: \(folder.path)/out
        classification: { levels: [internal, restricted], default: internal }
        endpoints:
          engine: { url: "\(server.url)", model: m, sovereignty: self-hosted, clearance: restricted, context_tokens:\
         8192, max_concurrency: 2 }
        routing: [{ use: [engine] }]
        tasks:
          - { name: review, prompt: \(TestPaths.repositoryRoot.path)/Pipelines/prompts/clause-review.md, schema:\
         \(schema.path), max_output_tokens: 50 }
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let storePath = folder.appendingPathComponent("store.sqlite").path
        let store = try await SQLRunStore(sqlite: storePath)
        let documents = ["mutual-nda.pdf", "it-services-agreement.pdf"].map(TestPaths.sample)
        try await store.addSubmission(
            Submission(
                id: "s-1", pipeline: "served", folder: TestPaths.sampleDocuments.path, submittedBy: "Anna", note: nil,
                submittedAt: Date(), files: try documents.map { ($0, try ContentHash.sha256(ofFile: $0)) }))

        func serve() throws -> (Process, Pipe) {
            let process = Process(), output = Pipe()
            process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
            process.arguments = ["serve", "--once", pipeline.path, "--store", storePath]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, output)
        }
        let (first, firstOutput) = try serve()
        func lockHeld() async throws -> Bool {
            try await store.executor.count("SELECT COUNT(*) AS n FROM locks") > 0
        }
        let deadline = Date().addingTimeInterval(60)
        while try await !lockHeld() && Date() < deadline {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        // A second submission arrives while the first run holds the lock: the first was taken in the
        // moment the lock was, so without it the second process could only find nothing due.
        try await store.addSubmission(
            Submission(
                id: "s-2", pipeline: "served", folder: TestPaths.sampleDocuments.path, submittedBy: "Jonas", note: nil,
                submittedAt: Date(), files: try documents.map { ($0, try ContentHash.sha256(ofFile: $0)) }))
        let (second, secondOutput) = try serve()
        let texts = [firstOutput, secondOutput].map {
            String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        first.waitUntilExit()
        second.waitUntilExit()

        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        #expect(texts.filter { $0.contains("served: ran ") }.count == 1, "\(texts)")
        #expect(texts.filter { $0.contains("another process is running it") }.count == 1, "\(texts)")
        let runs = try await store.runs()
        #expect(runs.count == 1 && runs.first?.status == .completed)
        let submissions = try await store.submissions(pipeline: "served")
        #expect(submissions.first { $0.id == "s-1" }?.status == .done)
        // The locked-out process left the second submission waiting for the next tick.
        #expect(submissions.first { $0.id == "s-2" }?.status == .pending)
    }
}
