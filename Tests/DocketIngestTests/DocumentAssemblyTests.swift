import DocketModel
import DocketTestSupport
import Foundation
import Testing

@testable import DocketIngest

/// Putting a split document back together, from the ranges' outputs as the workers send them.
@Suite struct DocumentAssemblyTests {
    private func part(_ pages: Range<Int>, sha256: String = "aa", warnings: [String] = []) -> CollectingSink {
        let sink = CollectingSink()
        sink.begin(DocumentHeader(path: "/x.pdf", sha256: sha256, kind: .pdf, pageCount: 6, metadata: .init()))
        for index in pages.reversed() {
            sink.page(ExtractedPage(number: index + 1, text: "p\(index + 1)", source: .textLayer))
        }
        warnings.forEach(sink.warning)
        return sink
    }

    private func slice(_ pages: Range<Int>, first: Bool) -> BatchSlice {
        BatchSlice(document: 0, pages: pages, ocrThreads: 1, deadline: .now(), first: first)
    }

    @Test func rangesComeBackInPageOrderWithEachWarningOnce() {
        let assembly = DocumentAssembly(deadline: .now())
        assembly.expected = 3
        assembly.add(slice(4..<6, first: false), part(4..<6, warnings: ["font substituted"]), error: nil)
        #expect(!assembly.complete)
        assembly.add(slice(2..<4, first: false), part(2..<4, warnings: ["font substituted"]), error: nil)
        #expect(!assembly.complete)
        assembly.add(slice(0..<2, first: true), part(0..<2), error: nil)
        #expect(assembly.complete)
        let document = assembly.document(path: "/x.pdf")
        #expect(document.error == nil)
        #expect(document.pages.map(\.text) == ["p1", "p2", "p3", "p4", "p5", "p6"])
        #expect(document.warnings == ["font substituted"])
    }

    /// A file replaced while its ranges were read would mix two documents' text under one hash.
    @Test func rangesReadFromDifferentBytesFailTheDocument() {
        let assembly = DocumentAssembly(deadline: .now())
        assembly.expected = 2
        assembly.add(slice(0..<3, first: true), part(0..<3, sha256: "aa"), error: nil)
        assembly.add(slice(3..<6, first: false), part(3..<6, sha256: "bb"), error: nil)
        let document = assembly.document(path: "/x.pdf")
        #expect(document.error?.kind == .extractionFailed)
        #expect(document.error?.detail.contains("changed while it was being read") == true)
    }

    @Test func theFirstErrorInPageOrderIsTheDocuments() {
        let assembly = DocumentAssembly(deadline: .now())
        assembly.expected = 2
        assembly.add(
            slice(3..<6, first: false), part(3..<4),
            error: IngestError(.timedOut, path: "/x.pdf", detail: "extraction did not finish within 300 s"))
        assembly.add(slice(0..<3, first: true), part(0..<3), error: nil)
        let document = assembly.document(path: "/x.pdf")
        #expect(document.error?.kind == .timedOut)
        #expect(document.pages.count == 4)
    }

    /// The page count that splits a document comes from a worker that parsed a hostile file: the
    /// ranges stop at the parent's own page limit, whatever the header claims.
    @Test func rangesStopAtTheParentsPageLimit() throws {
        let released = LockedList<Int>()
        let schedule = BatchSchedule(
            paths: ["/x.pdf"], jobs: 2, rangePages: 8, timeout: 60, maxPages: 40,
            handle: { index, _ in released.append(index) })
        let first = try #require(schedule.take())
        #expect(first.pages == 0..<8)
        schedule.opened(
            first, DocumentHeader(path: "/x.pdf", sha256: "aa", kind: .pdf, pageCount: 1_000, metadata: .init()))
        var ranges: [BatchSlice] = []
        for _ in 0..<4 { ranges.append(try #require(schedule.take())) }
        #expect(ranges.map(\.pages) == [8..<16, 16..<24, 24..<32, 32..<40])
        for slice in [first] + ranges { schedule.finish(slice, CollectingSink(), error: nil) }
        #expect(schedule.take() == nil)
        #expect(released.items == [0])
    }
}
