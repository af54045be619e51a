import Foundation
import StoreTestSupport
import Testing

@testable import DocketDecide
@testable import DocketInfer
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketStore

/// A unit's prompt is filled from the store; when the store cannot give the unit's text, nothing is sent.
@Suite struct UnitPromptTests {
    let template = PromptTemplate(text: "Quote the clause under {{chunk.heading}}:\n{{chunk.text}}")

    func unit(chunk: String?) -> UnitRecord {
        UnitRecord(
            key: "u1", documentSHA256: "sha", documentName: "d.pdf", chunkID: chunk, task: "t", status: .pending,
            route: RouteDecision(
                rule: "r", ruleSetVersion: "v", level: "internal", chain: ["local"], excluded: [], held: nil,
                neededTokens: [:]),
            reason: nil)
    }

    @Test func aPromptIsFilledWithItsChunkFromThePages() async throws {
        let store = try await StoreKind.sqlite.open()
        try await store.createRun(
            RunRecord(
                id: "r", pipeline: "p", pipelineFile: "f", ruleSetVersion: "v", status: .running, startedAt: Date()))
        try await store.addUnits(
            [unit(chunk: "c1")], chunkTexts: ["c1": ("The Supplier shall deliver.", "4 Delivery")], run: "r",
            audit: [])
        let (prompt, values) = try await UnitPrompt.render(unit(chunk: "c1"), template: template, store: store)
        #expect(prompt == "Quote the clause under 4 Delivery:\nThe Supplier shall deliver.")
        #expect(values["chunk.text"] == "The Supplier shall deliver.")
    }

    /// Before, a chunk the store did not give was sent as an empty text, and its answer kept.
    @Test func aUnitWhoseTextTheStoreCannotGiveIsNotSent() async throws {
        let store = try await StoreKind.sqlite.open()
        for missing in [unit(chunk: "gone"), unit(chunk: nil)] {
            let error = await #expect(throws: StoreError.self) {
                try await UnitPrompt.render(missing, template: template, store: store)
            }
            let reason = "\(try #require(error))"
            #expect(reason.hasPrefix(UnitPrompt.unreadable) && UnitFailureKind.of(reason) == "text-unreadable")
            #expect(reason.contains(missing.chunkID == nil ? "document sha" : "chunk gone"))
        }
    }
}
