import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketSpec

@Suite struct ChunkerTests {
    let contract = """
        SERVICES AGREEMENT
        This Agreement is made between Alpha Ltd and Beta GmbH.
        WHEREAS Alpha provides services; and
        WHEREAS Beta wishes to buy them.
        1. Definitions
        1.1 "Services" means the services in Schedule 1.
        1.2 "Fees" means the fees in clause 3.
        2. Services
        The Supplier shall provide the Services. It shall do so
        30 days after signature.
        12. Termination
        12.1 Either party may terminate on notice.
        12.2 Termination does not affect accrued rights.
        (a) payment obligations survive;
        (b) confidentiality survives.
        Schedule 1 - Services
        Hosting and support.
        IN WITNESS WHEREOF the parties have signed.
        Signed for Alpha Ltd: A. Person
        """

    func chunks(_ text: String, _ spec: ChunkingSpec = ChunkingSpec()) -> [Chunk] {
        Chunker(spec: spec).chunks(
            documentSHA256: "abc", pages: [ExtractedPage(number: 1, text: text, source: .native)])
    }

    @Test func clausesFollowTheLegalStructure() {
        let headings = chunks(contract).map(\.heading)
        #expect(
            headings == [
                "SERVICES AGREEMENT", "Recitals", "1 Definitions", "2 Services", "12 Termination",
                "Schedule 1 - Services", "Signatures",
            ])
    }

    @Test func subClausesThatDoNotFitStartTheirOwnChunkWithTheirPath() {
        let small = chunks(contract, ChunkingSpec(strategy: .clauses, maxTokens: 50, overlapTokens: 0))
        #expect(small.contains { $0.heading.hasPrefix("12 Termination > 12.2") })
        #expect(small.allSatisfy { $0.tokenEstimate <= 60 })
    }

    @Test func aWrappedLineStartingWithANumberIsNotAClause() {
        #expect(!chunks(contract).contains { $0.heading.hasPrefix("30") })
    }

    @Test func offsetsPointAtTheChunkTextAndIdsAreStable() {
        let text = DocumentText(pages: [ExtractedPage(number: 1, text: contract, source: .native)])
        let first = chunks(contract), second = chunks(contract)
        #expect(first.map(\.id) == second.map(\.id))
        #expect(Set(first.map(\.id)).count == first.count)
        for chunk in first { #expect(text.string(chunk.start..<chunk.end) == chunk.text) }
        // Another document with the same text gets other ids.
        let other = Chunker(spec: ChunkingSpec()).chunks(
            documentSHA256: "def", pages: [ExtractedPage(number: 1, text: contract, source: .native)])
        #expect(Set(other.map(\.id)).isDisjoint(with: first.map(\.id)))
    }

    @Test func chunksKnowTheirPages() {
        let pages = [
            ExtractedPage(number: 1, text: "1. Parties\nAlpha and Beta.", source: .textLayer),
            ExtractedPage(number: 2, text: "agree as follows.\n2. Term\nTwo years.", source: .textLayer),
        ]
        let result = Chunker(spec: ChunkingSpec()).chunks(documentSHA256: "x", pages: pages)
        #expect(result.map(\.heading) == ["1 Parties", "2 Term"])
        #expect(result[0].firstPage == 1 && result[0].lastPage == 2)
        #expect(result[1].firstPage == 2 && result[1].lastPage == 2)
    }

    @Test func longClausesAreCutAtSentenceEndsWithOverlap() {
        let sentence = "The Supplier shall keep all records of the Services for seven years after the end of the term. "
        let text = "5. Records\n" + String(repeating: sentence, count: 60)
        let spec = ChunkingSpec(strategy: .clauses, maxTokens: 200, overlapTokens: 40)
        let result = chunks(text, spec)
        #expect(result.count > 3)
        for (index, chunk) in result.enumerated() {
            #expect(chunk.tokenEstimate <= 200 + 2)
            #expect(chunk.heading == "5 Records")
            if index < result.count - 1 {
                #expect(chunk.text.hasSuffix("term."), "cut mid-sentence: …\(chunk.text.suffix(30))")
            }
            if index > 0 {
                #expect(chunk.text.hasPrefix("The Supplier"))
                #expect(chunk.start < result[index - 1].end, "no overlap")
            }
        }
    }

    @Test func pagesAndWholeDocumentStrategies() {
        let pages = [
            ExtractedPage(number: 1, text: "Page one text.", source: .ocr),
            ExtractedPage(number: 2, text: "Page two text.", source: .ocr),
        ]
        let byPage = Chunker(spec: ChunkingSpec(strategy: .pages)).chunks(documentSHA256: "x", pages: pages)
        #expect(byPage.map(\.text) == ["Page one text.", "Page two text."])
        #expect(byPage.map(\.firstPage) == [1, 2])
        let whole = Chunker(spec: ChunkingSpec(strategy: .wholeDocument, maxTokens: 50)).chunks(
            documentSHA256: "x", pages: pages)
        #expect(whole.count == 1 && whole[0].firstPage == 1 && whole[0].lastPage == 2)
    }

    @Test func germanAndFrenchHeadings() {
        let german = chunks("§ 1 Beginn\nText eins.\n§ 2 Arbeitszeit\nText zwei.\nAnlage 1\nListe.").map(\.heading)
        #expect(german == ["§ 1 Beginn", "§ 2 Arbeitszeit", "Anlage 1"])
        let french = chunks("Article 1 - Objet\nTexte.\nArticle 2 - Durée\nTexte.\nAnnexe 1\nCahier.").map(\.heading)
        #expect(french == ["Article 1 - Objet", "Article 2 - Durée", "Annexe 1"])
    }

    /// Titles lose the spaces and tabs around them, and keep the ones inside.
    @Test func headingTitlesAreTrimmedOfSpacesAndTabs() {
        #expect(LegalStructure.trimmedSpaces(" \t Term  and Termination\u{00A0}\t") == "Term  and Termination")
        #expect(LegalStructure.trimmedSpaces(" \t ").isEmpty)
        let headings = chunks("ARTICLE 7 CONFIDENTIALITY   \nText.\n1. Scope\t\nText.").map(\.heading)
        #expect(headings.contains("ARTICLE 7 CONFIDENTIALITY"))
        #expect(!headings.contains { $0.hasSuffix(" ") || $0.hasSuffix("\t") }, "\(headings)")
    }

    @Test func tokenEstimatesDependOnLanguageAndMargin() {
        let estimator = TokenEstimator(charactersPerToken: ["default": 4, "de": 3], safetyMargin: 0.1)
        #expect(estimator.tokens(characters: 400, language: "en") == 110)
        #expect(estimator.tokens(characters: 300, language: "de") == 110)
        #expect(estimator.characters(forTokens: 110, language: "de") == 300)
    }
}
