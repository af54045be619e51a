import Foundation
import Testing

@testable import DocketCore

/// The clause model shipped with Docket, read and applied as `scripts/clauses/train.py` trained it.
@Suite struct ClauseModelTests {
    /// The same words, pairs and hashes as the training script: the values are Python's
    /// (`fnv1a(b"governing")`, `fnv1a(b"governing law")`).
    @Test func featuresAreHashedAsInTraining() {
        var text = "Governing  LAW"
        let hashes: [UInt32] = text.withUTF8 { bytes in
            var result: [UInt32] = []
            ClauseFeatures.forEach(in: bytes, 0..<bytes.count) { result.append($0) }
            return result
        }
        #expect(hashes == [3_426_828_698, ClauseFeatures.hash(Array("law".utf8)), 3_485_727_510])
        #expect(ClauseFeatures.hash(Array("".utf8)) == 2_166_136_261)
        // Digits fold to "0", non-ASCII bytes are letters.
        var other = "Section 12.3 Straße"
        let words: [UInt32] = other.withUTF8 { bytes in
            var result: [UInt32] = []
            ClauseFeatures.forEach(in: bytes, 0..<bytes.count) { result.append($0) }
            return result
        }
        #expect(words.contains(ClauseFeatures.hash(Array("00".utf8))))
        #expect(words.contains(ClauseFeatures.hash(Array("straße".utf8))))
    }

    /// Lines are passages, as in training (Python's `units` gives these ranges).
    @Test func passagesAreLines() {
        var text = "Line one.\n\n  Second line here. Another sentence.\n"
        let ranges = text.withUTF8 { ClauseUnits.ranges($0) }
        #expect(ranges == [0..<9, 13..<48])
    }

    @Test func theBundledModelReadsAndADamagedOneIsAnError() throws {
        let model = try ClauseModel.bundled.get()
        #expect(model.categories.count == 41)
        #expect(model.categories.contains { $0.name == "Governing Law" })
        let file = TestPaths.repositoryRoot.appendingPathComponent("Sources/DocketCore/Resources/clause-model.bin")
        let data = try Data(contentsOf: file)
        #expect(throws: ClauseModel.LoadError.self) { try ClauseModel(data: data.prefix(data.count / 2)) }
        #expect(throws: ClauseModel.LoadError.self) { try ClauseModel(data: Data("not a model".utf8)) }
    }

    /// A governing-law clause is found as one and cited, with its answer; a line about nothing holds no category.
    @Test func aGoverningLawClauseIsFoundAndCited() throws {
        let detector = ClauseDetector(model: try ClauseModel.bundled.get())
        let clause =
            "This Agreement shall be governed by and construed in accordance with the laws of the State of New York."
        let text = "The parties met on Tuesday to discuss the schedule.\n" + clause + "\n"
        let document = ExtractedDocument(
            path: "t.txt", sha256: "t", kind: .text, pageCount: 1,
            pages: [ExtractedPage(number: 1, text: text, source: .native)])
        let clauses = ContractClauses.find(in: document, chunking: ChunkingSpec(), detector: detector)
        let governing = try #require(clauses.categories.first { $0.name == "Governing Law" })
        #expect(governing.answer == "New York")
        #expect(governing.passages.count == 1)
        let cited = governing.passages.first.map {
            String(decoding: Array(text.utf8)[$0.start..<$0.end], as: UTF8.self)
        }
        #expect(cited == clause)
        #expect(!clauses.categories.contains { $0.passages.contains { $0.start == 0 } }, "\(clauses)")
    }
}

/// CUAD's governing-law answer read from a cited passage.
@Suite struct GoverningLawAnswerTests {
    @Test func theJurisdictionIsReadAfterTheLawsOf() {
        let cases = [
            ("This Agreement shall be governed by the laws of the State of New York, without regard to", "New York"),
            ("governed by and construed under the laws of England and Wales.", "England and Wales"),
            ("This Agreement is governed by the laws of the Commonwealth of Pennsylvania.", "Pennsylvania"),
            ("Dieser Vertrag unterliegt dem Recht; it is governed by Delaware law.", "Delaware"),
            ("in accordance with the laws of the Federal Republic of Germany", "Germany"),
        ]
        for (passage, expected) in cases {
            #expect(GoverningLawAnswer.answer(in: passage) == expected, "\(passage)")
        }
        #expect(GoverningLawAnswer.answer(in: "The parties shall comply with all applicable laws.") == nil)
    }

    @Test func anAnswerMatchesCUADsFirstJurisdiction() {
        #expect(GoverningLawAnswer.matches("England and Wales", cuad: "England; Wales"))
        #expect(GoverningLawAnswer.matches("Ontario", cuad: "Ontario, Canada"))
        #expect(!GoverningLawAnswer.matches("Delaware", cuad: "New York"))
    }
}

/// CUAD's date answers read from a cited passage, as ISO dates.
@Suite struct DateAnswerTests {
    @Test func theFirstDateOfThePassageIsRead() {
        let cases = [
            ("made and entered into this 8th day of May 2014 by and between", "2014-05-08"),
            ("This Agreement is dated July 11 , 2006.", "2006-07-11"),
            ("effective as of Feb 10, 2014 (the \"Effective Date\")", "2014-02-10"),
            ("Dated: 5/22/2000", "2000-05-22"),
            ("signed on 2019-09-30 in Berlin", "2019-09-30"),
            ("The licence shall continue in perpetuity.", "perpetual"),
        ]
        for (passage, expected) in cases {
            #expect(DateAnswer.answer(in: passage) == expected, "\(passage)")
        }
        // Section numbers and amounts are no dates.
        #expect(DateAnswer.answer(in: "Section 12.3 of the Agreement applies to 2,000 units.") == nil)
    }

    @Test func anISODateMatchesCUADsShortDate() {
        #expect(DateAnswer.matches("2014-05-08", cuad: "5/8/14"))
        #expect(!DateAnswer.matches("2014-08-05", cuad: "5/8/14"))
        #expect(DateAnswer.matches("perpetual", cuad: "Perpetual"))
    }
}

/// CUAD's renewal term and notice period read from a cited passage.
@Suite struct DurationAnswerTests {
    let passage =
        "The initial term is five (5) years and renews automatically for successive one (1) year terms unless"
        + " either party gives notice not less than ninety (90) days prior to the end of the then current term."

    @Test func theRenewalTermAndTheNoticePeriodAreTold() {
        #expect(DurationAnswer.renewalTerm(in: passage) == "1 year")
        #expect(DurationAnswer.noticePeriod(in: passage) == "90 days")
        #expect(DurationAnswer.renewalTerm(in: "This licence is granted in perpetuity.") == "perpetual")
        // "within a day" is no duration of a term.
        #expect(DurationAnswer.noticePeriod(in: "The parties shall meet within a day.") == nil)
    }

    @Test func aDurationMatchesCUADsWording() {
        #expect(DurationAnswer.matches("1 year", cuad: "successive 1 year"))
        #expect(DurationAnswer.matches("90 days", cuad: "90 days"))
        #expect(DurationAnswer.matches("6 months", cuad: "6 months"))
        #expect(!DurationAnswer.matches("60 days", cuad: "180 days / 6 months"))
    }
}

/// CUAD's parties answer: names found by Docket's detectors, with their defined roles.
@Suite struct PartiesAnswerTests {
    @Test func partiesAreNamedWithTheirRoles() {
        let passage =
            "This Consulting Agreement is made between Slinger Bag Inc. (the \"Company\") and Aitan Zacharin"
            + " (the \"Consultant\")."
        let answer = PartiesAnswer.answer(in: passage)
        #expect(answer == "Slinger Bag Inc (Company); Aitan Zacharin (Consultant)", "\(answer ?? "nil")")
        #expect(PartiesAnswer.answer(in: "The parties agree as follows.") == nil)
    }

    @Test func anAnswerMatchesWhenItNamesHalfOfCUADsParties() {
        let cuad = "Slinger Bag Inc. (the \"Company\"); Aitan Zacharin ( the \"Consultant\")"
        #expect(PartiesAnswer.matches("Slinger Bag Inc (Company)", cuad: cuad))
        #expect(!PartiesAnswer.matches("Acme GmbH", cuad: cuad))
    }
}

/// How the evaluation counts: a category per contract, and passages by stated probability.
@Suite struct ClauseEvaluationTests {
    @Test func calibrationComparesStatedProbabilityWithMarkedPassages() {
        var evaluation = ClauseEvaluation(categories: ["Governing Law"])
        let contract = ClauseEvaluation.Contract(
            name: "c", text: String(repeating: "x", count: 40), present: ["Governing Law"],
            spans: ["Governing Law": [[0, 5]]], answers: nil)
        let scores = [
            ClauseUnitScore(range: 0..<5, probabilities: [0.95]),
            ClauseUnitScore(range: 10..<15, probabilities: [0.95]),
            ClauseUnitScore(range: 20..<25, probabilities: [0.05]),
        ]
        evaluation.add(contract, scores: scores, thresholds: [0.5], referenceFound: [])
        #expect(evaluation.calibration[9].passages == 2 && evaluation.calibration[9].marked == 1)
        #expect(evaluation.calibration[0].passages == 1 && evaluation.calibration[0].marked == 0)
        // Two passages stated 0.95 of which one is marked (gap 0.45), one stated 0.05 and not (gap 0.05).
        #expect(abs(evaluation.calibrationError() - (2 * 0.45 + 0.05) / 3) < 1e-6)
        #expect(abs(evaluation.calibrationError(fromTenth: 1) - 0.45) < 1e-6)
        #expect(evaluation.model["Governing Law"]?.truePositives == 1)
        #expect(evaluation.model["Governing Law"]?.citedRight == 1)
    }
}
