import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketReport

/// The contract summary a report opens with.
@Suite struct ClauseSummaryTests {
    func citation(_ first: Int, _ last: Int, score: Double) -> ContractClauses.Citation {
        .init(score: score, firstPage: first, lastPage: last, headingPath: ["7 Governing Law"], start: 0, end: 1)
    }

    @Test func eachCategoryCitesItsBestPassageAndTheOtherPagesOnce() {
        let clauses = ContractClauses(
            document: "d", language: "en",
            categories: [
                .init(
                    name: "Governing Law", answer: "Germany",
                    passages: [
                        citation(2, 2, score: 0.9), citation(2, 2, score: 0.8), citation(3, 4, score: 0.7),
                        citation(3, 4, score: 0.6), citation(5, 5, score: 0.5), citation(6, 6, score: 0.4),
                    ])
            ])
        let summary = ClauseSummary(clauses)
        #expect(summary.rows.count == 1)
        #expect(summary.rows[0].citation == "p. 2 · 7 Governing Law (also pp. 3–4, p. 5)")
        #expect(summary.rows[0].answer == "Germany")
        #expect(summary.notFound.count == CUADCategories.names.count - 1 && !summary.notFound.contains("Governing Law"))
        #expect(summary.languageNote.hasPrefix("Looked for in English"))
        #expect(ClauseSummary.cell(clauses, category: "Governing Law") == "Germany")
        #expect(ClauseSummary.cell(clauses, category: "Non-Compete") == "")
    }
}
