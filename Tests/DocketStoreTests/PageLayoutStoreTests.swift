import DocketAudit
import DocketModel
import Foundation
import StoreTestSupport
import Testing

@testable import DocketStore

/// What the workspace keeps of a page, on both stores.
@Suite struct PageLayoutStoreTests {
    func document(_ sha256: String, pages: Int) -> ExtractedDocument {
        ExtractedDocument(
            path: "/in/\(sha256).pdf", sha256: sha256, kind: .pdf, pageCount: pages,
            pages: (1...pages).map { ExtractedPage(number: $0, text: "page \($0)", source: .ocr) })
    }

    @Test(arguments: StoreKind.available) func aLayoutIsKeptPerPageAndVariantAndErasedWithItsDocument(
        _ kind: StoreKind
    ) async throws {
        let store = try await kind.open()
        try await store.saveDocument(document("a", pages: 2))
        try await store.saveDocument(document("b", pages: 1))
        #expect(try await store.pageLayout(sha256: "a", page: 1, variant: "ocr eng 300") == nil)
        try await store.savePageLayout(sha256: "a", page: 1, variant: "ocr eng 300", json: #"{"w":1}"#)
        try await store.savePageLayout(sha256: "a", page: 1, variant: "ocr eng 300", json: #"{"w":2}"#)
        try await store.savePageLayout(sha256: "a", page: 1, variant: "ocr deu 300", json: #"{"w":3}"#)
        try await store.savePageLayout(sha256: "b", page: 1, variant: "ocr eng 300", json: #"{"w":4}"#)
        #expect(try await store.pageLayout(sha256: "a", page: 1, variant: "ocr eng 300") == #"{"w":2}"#)
        #expect(try await store.pageLayout(sha256: "a", page: 1, variant: "ocr deu 300") == #"{"w":3}"#)
        #expect(try await store.pageLayout(sha256: "a", page: 2, variant: "ocr eng 300") == nil)
        let counts = try await store.eraseDocument(sha256: "a") {
            DocumentErasure.record(sha256: "a", counts: $0, by: .account(id: "1", name: "dpo"), reference: nil)
        }
        #expect(counts?.pages == 2)
        #expect(try await store.pageLayout(sha256: "a", page: 1, variant: "ocr eng 300") == nil)
        #expect(try await store.pageLayout(sha256: "a", page: 1, variant: "ocr deu 300") == nil)
        #expect(try await store.pageLayout(sha256: "b", page: 1, variant: "ocr eng 300") == #"{"w":4}"#)
    }
}
