import DocketTestSupport
import Foundation
import Testing

@testable import DocketReport

/// A model's quote checked against the document's text.
@Suite struct QuoteGroundingTests {
    let source =
        "7 Governing Law\nThis Agreement is governed by the laws of the Federal\nRepublic of Germany. The parties’ "
        + "courts – those of Berlin – decide."

    @Test func theShippedQuoteSchemaMarksItsField() async throws {
        let file = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/schemas/clause-quote.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(QuoteGrounding.quotedFields(schema: schema) == ["sentence"])
        let review = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/schemas/clause-review.json")
        let other = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: review)) as? [String: Any])
        #expect(QuoteGrounding.quotedFields(schema: other).isEmpty)
    }

    @Test func aQuoteStandsWithWhitespaceQuotesAndDashesNormalised() {
        func ungrounded(_ quote: String) -> [String] {
            let json = String(decoding: try! JSONSerialization.data(withJSONObject: ["sentence": quote]), as: UTF8.self)
            return QuoteGrounding.ungrounded(
                resultJSON: json, fields: ["sentence"], normalisedSource: QuoteGrounding.normalised(source))
        }
        // Across the PDF's line break, with straight marks for typographic ones.
        #expect(ungrounded("governed by the laws of the Federal Republic of Germany.").isEmpty)
        #expect(ungrounded("The parties' courts - those of Berlin - decide.").isEmpty)
        #expect(ungrounded("This Agreement is governed by ... those of Berlin").isEmpty)
        // Words changed, or a piece that is not there.
        #expect(ungrounded("This Agreement is governed by the laws of France.") == ["sentence"])
        #expect(ungrounded("This Agreement is governed by … the laws of the Moon") == ["sentence"])
        // A field not marked as a quote is not checked.
        #expect(
            QuoteGrounding.ungrounded(
                resultJSON: #"{"sentence":"anything"}"#, fields: [], normalisedSource: QuoteGrounding.normalised(source)
            ).isEmpty)
    }
}
