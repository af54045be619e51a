import DocketTestSupport
import Foundation
import StoreTestSupport
import Testing

@testable import DocketAudit
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketSpec
@testable import DocketStore

/// A whole run on the shared store: the pipeline's `store:` names a PostgreSQL database.
@Suite(.enabled(if: TestPostgres.adminURL != nil, "no test cluster: `make test` starts one")) struct PostgresRunTests {
    @Test(.timeLimit(.minutes(5))) func aRunOnPostgresRecordsEverythingTheSQLiteStoreDoes() async throws {
        let url = try await TestPostgres.freshDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-run-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let server = try FaultServer(mode: "ok")
        let schema = folder.appendingPathComponent("answer.json")
        try #"{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}"#.write(
            to: schema, atomically: true, encoding: .utf8)
        let spec = try PipelineLoader.parse(
            """
            name: shared
            output: \(folder.path)/out
            store: "\(url)"
            classification: { levels: [internal, confidential], default: internal, rules: [{ if: { detectors: [email,
                phone] }, level: confidential }] }
            endpoints:
              engine: { url: "\(server.url)", model: m, sovereignty: self-hosted, clearance: confidential,
                  context_tokens: 8192 }
            routing: [{ use: [engine] }]
            tasks:
              - { name: review, prompt: \(TestPaths.repositoryRoot.path)/Pipelines/prompts/clause-review.md, schema:
                  \(schema.path), max_output_tokens: 20 }
            """, file: folder.appendingPathComponent("pipeline.yaml").path)
        var options = RunOptions(workerExecutable: TestPaths.docketExecutable)
        options.inputs = [TestPaths.sample("mutual-nda.pdf")]
        let runner = try await Runner(pipeline: spec, options: options)
        #expect((runner.store as? SQLRunStore)?.dialect.name == "PostgreSQL")
        let summary = try await runner.run()
        #expect(summary.counts.units > 5 && summary.counts.done == summary.counts.units)

        let store = try await SQLRunStore(postgres: url)
        #expect(try await store.results(run: summary.runID).count == summary.counts.done)
        #expect(
            try await store.pages(sha256: try ContentHash.sha256(ofFile: TestPaths.sample("mutual-nda.pdf")))?.count
                == 2)
        let trail = try await store.auditRecords(since: nil)
        #expect(trail.filter { $0.kind == .inference }.count == summary.counts.done)
        #expect(AuditVerifier.verify(trail, heads: try await store.auditHeads()).intact)
        let results = try String(contentsOfFile: summary.outputFolder + "/results.jsonl", encoding: .utf8)
        // A line per answered unit, and one with the document's clauses.
        let lines = results.split(separator: "\n")
        #expect(lines.filter { !$0.contains(#""task":"clauses""#) }.count == summary.counts.done)
        #expect(lines.filter { $0.contains(#""task":"clauses""#) }.count == 1)
        #expect(trail.contains { $0.kind == .clause })

        // A second run over the same file finds everything done, on the shared store too.
        let again = try await Runner(pipeline: spec, options: options).run()
        #expect(again.promptTokens == 0 && again.counts.done == summary.counts.done)
    }

    @Test func aPasswordInThePipelineFileIsRefused() {
        #expect(throws: PipelineSpecError.self) {
            try PipelineLoader.parse(
                ValidPipeline.yaml + "\nstore: \"postgresql://docket:secret@db:5432/docket\"\n",
                file: "/p/p.yaml")
        }
    }
}
