import DocketTestSupport
import Foundation
import Testing

@testable import DocketDecide
@testable import DocketIngest
@testable import DocketModel
@testable import DocketReport
@testable import DocketSpec

/// Governing law, dates, term and notice period in German and French contracts, where the English clause
/// model has nothing to go on.
@Suite struct GermanFrenchClauseRulesTests {
    func answers(_ passage: String) -> [String: String?] {
        Dictionary(
            GermanFrenchClauseRules.categories(in: passage).map { ($0.category, $0.answer) },
            uniquingKeysWith: { first, _ in first })
    }

    @Test func governingLawIsReadInBothLanguages() {
        #expect(
            answers("Dieser Vertrag unterliegt dem Recht der Bundesrepublik Deutschland.")["Governing Law"] == "Germany"
        )
        #expect(
            answers("Es gilt österreichisches Recht, ohne UN-Kaufrecht.")["Governing Law"] == "Austria")
        #expect(answers("Le présent contrat est soumis au droit français.")["Governing Law"] == "France")
        #expect(answers("Le contrat est régi par le droit belge.")["Governing Law"] == "Belgium")
        // A law named without a choice of law is no governing-law clause.
        #expect(answers("Der Arbeitnehmer kennt das deutsche Recht.")["Governing Law"] == nil)
    }

    @Test func datesTermAndNoticeAreRead() {
        #expect(answers("München, den 15. Januar 2025")["Agreement Date"] == "2025-01-15")
        #expect(answers("Fait à Lyon, le 20 mai 2025, en deux exemplaires.")["Agreement Date"] == "2025-05-20")
        let french = answers("Le contrat prend effet le 2 juin 2025 pour une durée de six (6) mois.")
        #expect(french["Effective Date"] == "2025-06-02")
        #expect(french["Expiration Date"] == "after 6 months")
        #expect(answers("Das Arbeitsverhältnis beginnt am 1. Februar 2025.")["Effective Date"] == "2025-02-01")
        #expect(answers("Der Vertrag wird auf unbestimmte Zeit geschlossen.")["Expiration Date"] == "indefinite")
        #expect(
            answers("Der Vertrag kann mit einer Kündigungsfrist von drei Monaten zum Quartalsende gekündigt werden.")[
                "Notice Period To Terminate Renewal"] == "3 months")
        #expect(
            answers("Chaque partie peut résilier moyennant un préavis de 30 jours.")[
                "Notice Period To Terminate Renewal"] == "30 days")
        #expect(
            answers("Es gelten die gesetzlichen Kündigungsfristen nach § 622 BGB.")[
                "Notice Period To Terminate Renewal"] == "statutory")
        // Probation has its own notice: not the contract's.
        #expect(
            answers("Während der Probezeit kann mit einer Frist von zwei Wochen gekündigt werden.")[
                "Notice Period To Terminate Renewal"] == nil)
    }

    /// The samples, read by poppler: the French service contract's law, dates and term; the German employment
    /// contract's dates and notice; each says it was looked for in its language.
    @Test func theSampleContractsAreAnswered() async throws {
        let detector = ClauseDetector(model: try ClauseModel.bundled.get())
        let extractor = DocumentExtractor(options: ExtractionOptions())
        let french = ContractClauses.find(
            in: extractor.extractDocument(path: TestPaths.sample("contrat-de-prestation.pdf")),
            chunking: ChunkingSpec(),
            detector: detector)
        let byName = Dictionary(uniqueKeysWithValues: french.categories.map { ($0.name, $0) })
        #expect(french.language == "fr")
        #expect(byName["Governing Law"]?.answer == "France")
        #expect(byName["Governing Law"]?.passages.first?.headingPath.last == "Article 8 - Droit applicable")
        #expect(byName["Agreement Date"]?.answer == "2025-05-20")
        #expect(byName["Effective Date"]?.answer == "2025-06-02")
        #expect(byName["Expiration Date"]?.answer == "after 6 months")
        let german = ContractClauses.find(
            in: extractor.extractDocument(path: TestPaths.sample("arbeitsvertrag.pdf")), chunking: ChunkingSpec(),
            detector: detector)
        let deutsch = Dictionary(uniqueKeysWithValues: german.categories.map { ($0.name, $0.answer) })
        #expect(german.language == "de")
        #expect(deutsch["Effective Date"] == "2025-02-01")
        #expect(deutsch["Agreement Date"] == "2025-01-15")
        #expect(deutsch["Notice Period To Terminate Renewal"] == "statutory")
        #expect(ClauseSummary.looked(german.language).hasPrefix("Looked for in German"))
    }
}
