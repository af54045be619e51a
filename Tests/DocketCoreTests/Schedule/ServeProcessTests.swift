@testable import DocketCore
import Foundation
import Testing

/// Two `docket serve --once` processes on one store, started together, with a submission waiting:
/// one runs the pipeline, the other finds it locked. The endpoint is a loopback server that
/// answers after 0.5 s, so the run lasts long enough for the two to meet.
@Suite struct ServeProcessTests {
    @Test(.timeLimit(.minutes(2))) func twoServeProcessesOnOneStoreNeverRunTheSamePipelineAtOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        let server = try FaultServer(mode: "ok", delay: 0.5)
        let schema = folder.appendingPathComponent("answer.json")
        try #"{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}"#.write(to: schema, atomically: true, encoding: .utf8)
        let pipeline = folder.appendingPathComponent("pipeline.yaml")
        try """
            name: served
            inputs: [{ folder: \(folder.path)/inbox }]
            output: \(folder.path)/out
            classification: { levels: [internal, restricted], default: internal }
            endpoints:
              engine: { url: "\(server.url)", model: m, sovereignty: self-hosted, clearance: restricted, context_tokens: 8192, max_concurrency: 2 }
            routing: [{ use: [engine] }]
            tasks:
              - { name: review, prompt: \(TestPaths.repositoryRoot.path)/Pipelines/prompts/clause-review.md, schema: \(schema.path), max_output_tokens: 50 }
            """.write(to: pipeline, atomically: true, encoding: .utf8)
        let storePath = folder.appendingPathComponent("store.sqlite").path
        let store = try SQLiteRunStore(path: storePath)
        let document = TestPaths.sample("mutual-nda.pdf")
        try store.addSubmission(Submission(id: "s-1", pipeline: "served", folder: TestPaths.sampleDocuments.path, submittedBy: "Anna", note: nil,
                                           submittedAt: Date(), files: [(document, try ContentHash.sha256(ofFile: document))]))

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
        let (second, secondOutput) = try serve()
        let texts = [firstOutput, secondOutput].map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        first.waitUntilExit()
        second.waitUntilExit()

        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        #expect(texts.filter { $0.contains("served: ran ") }.count == 1, "\(texts)")
        #expect(texts.filter { $0.contains("another process is running it") }.count == 1, "\(texts)")
        let runs = try store.runs()
        #expect(runs.count == 1 && runs.first?.status == "completed")
        #expect(try store.submissions(pipeline: "served").first?.status == .done)
    }
}
