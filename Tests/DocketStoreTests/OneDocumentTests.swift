import DocketRecords
import Foundation
import StoreTestSupport
import Testing

@testable import DocketDecide
@testable import DocketStore

/// One document of a run, its units and its results, read by the document's hash (the workspace's
/// document and page views), on both stores.
@Suite struct OneDocumentTests {
    func run(_ store: RunStore) async throws {
        try await store.createRun(
            RunRecord(
                id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date(),
                outputFolder: "/tmp/out"))
    }

    func unit(_ key: String, document: String) -> UnitRecord {
        UnitRecord(
            key: key, documentSHA256: document, documentName: "\(document).pdf", chunkID: "c-\(key)", task: "t",
            status: .pending,
            route: RouteDecision(
                rule: "r", ruleSetVersion: "v", level: "internal", chain: ["local"], excluded: [], held: nil,
                neededTokens: [:]),
            reason: nil)
    }

    func result(_ key: String) -> ResultRecord {
        ResultRecord(
            unitKey: key, endpoint: "local", model: "m", weightsDigest: "w", resultJSON: #"{"k":"\#(key)"}"#,
            promptTokens: 3, completionTokens: 2, latencyMilliseconds: 1, finishedAt: Date())
    }

    @Test(arguments: StoreKind.available) func oneDocumentOfARunIsFoundByItsHash(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        try await store.recordRunDocument(run: "r", path: "/in/z.pdf", sha256: "same", error: nil)
        try await store.recordRunDocument(run: "r", path: "/in/a.pdf", sha256: "same", error: nil)
        try await store.recordRunDocument(run: "r", path: "/in/other.pdf", sha256: "other", error: nil)
        #expect(try await store.runDocument(run: "r", sha256: "same")?.path == "/in/a.pdf")
        #expect(try await store.runDocument(run: "r", sha256: "other")?.path == "/in/other.pdf")
        #expect(try await store.runDocument(run: "r", sha256: "missing") == nil)
        #expect(try await store.runDocument(run: "elsewhere", sha256: "same") == nil)
    }

    @Test(arguments: StoreKind.available) func oneDocumentsUnitsAndResultsAreReadAlone(_ kind: StoreKind) async throws {
        let store = try await kind.open()
        try await run(store)
        let units = [unit("a1", document: "a"), unit("a2", document: "a"), unit("b1", document: "b")]
        try await store.addUnits(
            units, chunks: Dictionary(uniqueKeysWithValues: units.map { ($0.chunkID!, (text: "x", heading: "")) }),
            run: "r", audit: [])
        for key in ["a1", "b1"] { try await store.saveResult(result(key), audit: nil) }
        #expect(try await store.units(run: "r", document: "a").map(\.key) == ["a1", "a2"])
        #expect(try await store.units(run: "r").map(\.key) == ["a1", "a2", "b1"])
        #expect(try await store.results(run: "r", document: "a").map(\.unitKey) == ["a1"])
        #expect(try await store.results(run: "r", document: "b").map(\.unitKey) == ["b1"])
        #expect(try await store.results(run: "r").map(\.unitKey) == ["a1", "b1"])
        #expect(try await store.units(run: "other", document: "a").isEmpty)
    }
}
