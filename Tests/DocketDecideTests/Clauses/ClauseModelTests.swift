import DocketTestSupport
import Foundation
import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketSpec

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
        // A heading's words, marked "h ": Python's fnv1a(b"h governing"), fnv1a(b"h law").
        var heading = "Governing  LAW"
        let marked: [UInt32] = heading.withUTF8 { bytes in
            var result: [UInt32] = []
            ClauseFeatures.forEachHeadingWord(in: bytes, 0..<bytes.count) { result.append($0) }
            return result
        }
        #expect(marked == [1_506_773_578, 1_543_205_403])
    }

    /// Lines are passages, as in training (Python's `units` gives these ranges).
    @Test func passagesAreLines() {
        var text = "Line one.\n\n  Second line here. Another sentence.\n"
        let ranges = text.withUTF8 { ClauseUnits.units($0).map(\.range) }
        #expect(ranges == [0..<9, 13..<48])
    }

    /// A PDF's printed lines are joined into the paragraph they wrap, as in training (the ranges are
    /// Python's `units` of the same text); a heading, a short last line and a list item end one.
    @Test func printedLinesAreJoinedIntoParagraphs() {
        var text =
            "12. GOVERNING LAW\n"
            + "This Agreement shall be governed by and construed in accordance with the laws of the\n"
            + "State of New York, without regard to its conflict of laws rules, and the parties submit\n"
            + "to the courts of New York.\n"
            + "The parties agree as follows:\n"
            + "(a) each party shall keep the other party's information confidential at all times and;\n"
            + "(b) neither party shall assign this Agreement without the prior written consent of the other.\n"
        let ranges = text.withUTF8 { ClauseUnits.units($0).map(\.range) }
        #expect(ranges == [0..<17, 18..<217, 218..<247, 248..<334, 335..<428])
        // Each passage with the last heading above it: a short line standing alone.
        let headings = text.withUTF8 { ClauseUnits.units($0).map(\.heading) }
        #expect(headings == [0..<0, 0..<17, 0..<17, 218..<247, 218..<247])
        // Two sentences a line each, as a DOCX's paragraphs come: not joined.
        var paragraphs =
            "The parties met on Tuesday to discuss the schedule.\n"
            + "This Agreement shall be governed by and construed in accordance with the laws of the State of "
            + "New York.\n"
        #expect(paragraphs.withUTF8 { ClauseUnits.units($0).map(\.range) } == [0..<51, 52..<155])
    }

    /// The shipped model scores fixed passages as the training script does (Tests/Fixtures/clause-scores.json,
    /// written by `scripts/clauses/train.py --fixture` from the same model file): the same units, and each
    /// category's probability within float32's rounding.
    @Test func theScoresAreThoseOfTheTrainingScript() throws {
        struct Case: Decodable {
            struct Unit: Decodable {
                let start: Int
                let end: Int
                let probabilities: [String: Double]
            }
            let text: String
            let units: [Unit]
        }
        let file = TestPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/clause-scores.json")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: file))
        let model = try ClauseModel.bundled.get()
        let detector = ClauseDetector(model: model)
        #expect(cases.count == 3)
        for item in cases {
            let scored = detector.scores(in: item.text)
            #expect(scored.map(\.range) == item.units.map { $0.start..<$0.end })
            for (unit, python) in zip(scored, item.units) {
                for (index, category) in model.categories.enumerated() {
                    let expected = try #require(python.probabilities[category.name])
                    #expect(abs(Double(unit.probabilities[index]) - expected) < 1e-4, "\(category.name)")
                }
            }
        }
    }

    @Test func theBundledModelReadsAndADamagedOneIsAnError() async throws {
        let model = try ClauseModel.bundled.get()
        #expect(model.categories.count == 41)
        #expect(model.categories.contains { $0.name == "Governing Law" })
        let file = TestPaths.repositoryRoot.appendingPathComponent("Sources/DocketDecide/Resources/clause-model.bin")
        let data = try Data(contentsOf: file)
        #expect(throws: ClauseModel.LoadError.self) { try ClauseModel(data: data.prefix(data.count / 2)) }
        #expect(throws: ClauseModel.LoadError.self) { try ClauseModel(data: Data("not a model".utf8)) }
        var unknownCategory = data
        unknownCategory[unknownCategory.count - 1] = 255  // the last weight's category
        #expect(throws: ClauseModel.LoadError.self) { try ClauseModel(data: unknownCategory) }
    }

    /// The feature table finds every key it holds, whatever its slot, and no other; the batch look-up agrees.
    @Test func theFeatureTableFindsItsKeysAndNoOthers() {
        // Many keys, so that some share a first slot and are found by probing on.
        let keys = (0..<5000).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) }
        let table = ClauseFeatureTable(
            keys.enumerated().map { ClauseFeatureTable.Entry(key: $1, idf: Float($0 + 1)) })
        for (index, key) in keys.enumerated() { #expect(table[key]?.idf == Float(index + 1)) }
        let absent: [UInt32] = [1, 2, 3, 0xFFFF_FFFF].filter { !keys.contains($0) }
        for key in absent { #expect(table[key] == nil) }
        let asked = Array(keys.prefix(100)) + absent
        var found = [ClauseFeatureTable.Entry](repeating: .init(), count: asked.count)
        asked.withUnsafeBufferPointer { keys in found.withUnsafeMutableBufferPointer { table.lookUp(keys, into: $0) } }
        #expect(found.map { $0.isEmpty ? nil : $0.idf } == asked.map { table[$0]?.idf })
    }

    /// A governing-law clause is found as one and cited, with its answer; a line about nothing holds no category.
    @Test func aGoverningLawClauseIsFoundAndCited() async throws {
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

    /// Wordings found reading the answers of CUAD's 463 training contracts (none of them tuned on before): 347
    /// of 394 right, 24 wrong and 23 unanswered before these.
    @Test func aStatesLawIsReadWhereverThePassageNamesIt() {
        let cases = [
            // A federal law beside a state's: CUAD answers the state.
            ("governed by the laws of the United States and the State of Florida, except for", "Florida"),
            (
                "governed by the laws of the United States of America and of the Commonwealth of Pennsylvania",
                "Pennsylvania"
            ),
            // An adjective for a country.
            ("This Agreement is governed by English law and the parties submit to the courts", "England"),
            ("shall be governed by the PRC Law.", "People's Republic of China"),
            ("governed by the laws of PRC.", "People's Republic of China"),
            // A heading in capitals is not a jurisdiction; the state comes later.
            (
                "4.12 GOVERNING LAW. This Agreement shall be governed by the laws, other than choice of law "
                    + "rules, of the state of Florida.", "Florida"
            ),
            (
                "GOVERNING LAW. THESE RIGHTS SHALL BE GOVERNED BY THE LAWS, OTHER THAN CHOICE OF LAW RULES, "
                    + "OF THE STATE OF GEORGIA.", "GEORGIA"
            ),
            // The state named before, referred to.
            (
                "entered into in the State of New Jersey, and shall be construed in accordance with the laws of that "
                    + "State applicable to contracts", "New Jersey"
            ),
            ("accepted in the State of Nevada and shall be governed by the laws thereof", "Nevada"),
            ("This Agreement shall be governed by the internal laws State of New York.", "New York"),
            ("governed by and in accordance with the laws in the State of Washington.", "Washington"),
        ]
        for (passage, expected) in cases {
            #expect(GoverningLawAnswer.answer(in: passage) == expected, "\(passage)")
        }
    }

    /// A PDF's printed lines break a passage anywhere: the answer is read as if it were one line.
    @Test func aPassageIsReadAsOneLine() {
        let reader = ClauseAnswer.reader(for: "Governing Law")
        #expect(reader?.read("governed by the laws of the State of New\nYork, without regard to") == "New York")
    }

    /// The one-line form is the words split at every whitespace `Character` and joined by single spaces: ASCII's
    /// whitespace, Unicode's (a no-break space, an em space, a line separator), CR LF, and at either end.
    @Test func theOneLineFormJoinsTheWordsAtEveryWhitespace() {
        let passages = [
            "  governed by\tthe laws of\r\nthe State of New\u{0B}York ",
            "Helios\u{00A0}Cloud\u{2003}Services\u{2028}B.V.",
            "", " \n\t ", "ein Vertrag über\u{000C}Ölförderung, 15. März 2025", "one",
        ]
        for passage in passages {
            #expect(
                ClauseAnswer.oneLine(passage) == passage.split(whereSeparator: \.isWhitespace).joined(separator: " "),
                "\(passage.unicodeScalars.map(\.value))")
        }
    }

    @Test func anAnswerMatchesCUADsFirstJurisdiction() {
        #expect(GoverningLawAnswer.matches("England and Wales", cuad: "England; Wales"))
        #expect(GoverningLawAnswer.matches("Ontario", cuad: "Ontario, Canada"))
        // CUAD sometimes writes the "Province of", "Republic of" that the answer leaves out.
        #expect(GoverningLawAnswer.matches("Ontario", cuad: "Province of Ontario, Canada"))
        #expect(GoverningLawAnswer.matches("Germany", cuad: "Federal Republic of Germany"))
        #expect(GoverningLawAnswer.matches("South Africa", cuad: "Republic of South Africa"))
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
            ("München, den 15. Januar 2025", "2025-01-15"),
            ("Fait à Lyon, le 1er mars 2025, en deux exemplaires.", "2025-03-01"),
            ("Berlin, 15.01.2025", "2025-01-15"),
            // A filing's header date comes first; the contract's own follows "dated as of".
            ("Source: CERENCE INC., 8-K, 10/2/2019 AGREEMENT, dated as of September 30, 2019", "2019-09-30"),
            // A form with the day left blank.
            ("AGENCY AGREEMENT November ___, 2006", "2006-11"),
            ("made and entered into this 20th day of Friday, March 2020", "2020-03-20"),
        ]
        for (passage, expected) in cases {
            #expect(DateAnswer.answer(in: passage) == expected, "\(passage)")
        }
        // Section numbers and amounts are no dates.
        #expect(DateAnswer.answer(in: "Section 12.3 of the Agreement applies to 2,000 units.") == nil)
        // A form that left day and month blank still says the year; a year alone without a blank is no date.
        #expect(DateAnswer.answer(in: "is entered into on this ____ day of ___________, 2000, by and") == "2000")
        #expect(DateAnswer.answer(in: "made and entered into effective the _____day of ______, 2000 by") == "2000")
        #expect(DateAnswer.answer(in: "the fiscal year 2000 and the day of closing") == nil)
    }

    /// A date next to birth words is a person's, never the contract's: in German, French and English, an
    /// answer is not read from it (the German sample scan's "Agreement Date" was the employee's birthday).
    @Test func aDateOfBirthIsNeverTheContractsDate() {
        let cases: [(String, String?)] = [
            ("und Frau Lena Schäfer, geboren am 14.09.1988, wohnhaft in München, wird geschlossen", nil),
            ("Frau Lena Schäfer, geb. 14.09.1988, und die Firma, Vertrag vom 01.02.2025", "2025-02-01"),
            ("Geburtsdatum: 3. März 1985. Der Vertrag beginnt am 1. April 2025.", "2025-04-01"),
            ("Mme Claire Martin, née le 3 mars 1985 à Lyon, conclu le 1er juin 2025", "2025-06-01"),
            ("date de naissance : 03/03/1985", nil),
            ("John Smith, born on March 3, 1985, residing in Leeds, dated as of May 8, 2014", "2014-05-08"),
            ("Employee's date of birth: 5/22/1979", nil),
        ]
        for (passage, expected) in cases {
            #expect(DateAnswer.answer(in: passage) == expected, "\(passage)")
        }
    }

    /// Numbers are written as `String(format:)` wrote them, and words lose their dots, dashes and slashes as
    /// `trimmingCharacters(in:)` took them off.
    @Test func datesAreWrittenAndWordsTrimmedAsBefore() {
        for (value, digits) in [(5, 2), (12, 2), (7, 4), (2014, 4), (12345, 4), (0, 2)] {
            #expect(value.zeroPadded(digits) == String(format: "%0\(digits)d", value))
        }
        for word in ["2014.", "-5/22/2000-", "./-", "", "15.01.2025", "mai", "..1er.."] {
            #expect(DateAnswer.trimmingMarks(word) == word.trimmingCharacters(in: CharacterSet(charactersIn: ".-/")))
        }
        #expect(DateAnswer.iso((2014, 5, 8)) == "2014-05-08")
    }

    @Test func anISODateMatchesCUADsShortDate() {
        #expect(DateAnswer.matches("2014-05-08", cuad: "5/8/14"))
        #expect(!DateAnswer.matches("2014-08-05", cuad: "5/8/14"))
        #expect(DateAnswer.matches("perpetual", cuad: "Perpetual"))
        // CUAD writes "[]" where the contract left a part blank.
        #expect(DateAnswer.matches("2020-04-30", cuad: "04/30/[]"))
        #expect(DateAnswer.matches("2006-11", cuad: "11/[]/2006"))
        #expect(!DateAnswer.matches("2006-11", cuad: "11/14/2006"))
        #expect(DateAnswer.matches("2000", cuad: "[]/[]/2000"))
        #expect(!DateAnswer.matches("2000", cuad: "3/[]/2000"))
        #expect(!DateAnswer.matches("2001", cuad: "[]/[]/2000"))
    }
}

/// CUAD's expiration date: written out, or counted from the start.
@Suite struct ExpirationAnswerTests {
    @Test func theEndIsReadOrCountedFromTheStart() {
        #expect(
            ExpirationAnswer.answer(
                in: "The Term will begin on March 1, 2020 and continue in full force until February 28, 2025.",
                start: nil) == "2025-02-28")
        #expect(
            ExpirationAnswer.answer(
                in: "The term shall continue for a period of five (5) years from the Effective Date.",
                start: "2011-03-14") == "2016-03-14")
        // The start the passage writes wins over the contract's.
        #expect(
            ExpirationAnswer.answer(
                in: "This Agreement shall come into force as of January 1, 2013 and remain valid for 1 year.",
                start: "2012-06-30") == "2014-01-01")
        // Without a start there is nothing to count from; a notice period is no term.
        #expect(ExpirationAnswer.answer(in: "It continues for a term of three (3) years.", start: nil) == nil)
        #expect(
            ExpirationAnswer.answer(
                in: "Either party may end it on ninety (90) days prior notice.", start: "2020-01-01")
                == nil)
        #expect(ExpirationAnswer.answer(in: "The licence granted is perpetual.", start: nil) == "perpetual")
        #expect(ExpirationAnswer.adding("6 months", to: "2025-08-31") == "2026-02-28")
    }

    /// Wordings found reading CUAD's 463 training contracts' answers (148 of 298 right before these).
    @Test func anniversariesOtherEndWordsAndOpenTermsAreRead() {
        // An anniversary is counted in years from the start.
        #expect(
            ExpirationAnswer.answer(
                in: "shall continue in effect until the earlier of (a) the fifth (5th) anniversary of the Effective "
                    + "Date and (b) termination", start: "2012-08-16") == "2017-08-16")
        #expect(
            ExpirationAnswer.answer(
                in: "The term will end on the second (2nd) anniversary of the Commencement Date.",
                start: "1997-09-23") == "1999-09-23")
        // More words that end a term, and a range written "from … to …".
        #expect(
            ExpirationAnswer.answer(
                in: "The Term shall commence on the Effective Date and conclude on October 31, 2010, unless renewed.",
                start: "2010-05-18") == "2010-10-31")
        #expect(
            ExpirationAnswer.answer(in: "6. TERM: November 01, 2014 to October 31, 2017", start: nil) == "2017-10-31")
        #expect(ExpirationAnswer.answer(in: "\"Expiration Date\" means March 31, 2020.", start: nil) == "2020-03-31")
        // " to " reads only a date right after it: "subject to" is not an end.
        #expect(
            ExpirationAnswer.answer(
                in: "subject to the terms agreed on 5 May 2019, the term is two (2) years", start: nil)
                == "2021-05-05")
        // A term with no end.
        #expect(
            ExpirationAnswer.answer(
                in: "This Agreement shall continue until terminated as provided herein.", start: nil)
                == "perpetual")
        #expect(
            ExpirationAnswer.answer(in: "This Agreement shall be valid for an indefinite period.", start: nil)
                == "perpetual")
    }
}

/// A liability cap's amount, or its measure, as the cited passage states it.
@Suite struct CapAnswerTests {
    @Test func theCapIsWhatLiabilityMayNotExceed() {
        #expect(
            CapAnswer.answer(in: "In no event shall either party's aggregate liability exceed $1,000,000.")
                == "$1,000,000")
        #expect(CapAnswer.answer(in: "Liability is limited to EUR 250.000 per claim.") == "EUR 250.000")
        // Read as one line, as every answer is.
        let passage =
            "5.1 Neither Party's total liability under this Agreement in any contract year shall exceed the fees\n"
            + "paid in the twelve (12) months preceding the claim."
        #expect(
            ClauseAnswer.reader(for: "Cap On Liability")?.read(passage)
                == "the fees paid in the twelve (12) months preceding the claim")
        // EDGAR's text spells the pound sign; the cap is read through a parenthesis before "exceed".
        #expect(
            CapAnswer.answer(
                in: "NCC's total liability shall not (except in the case of claims for personal injury or death) "
                    + "exceed the sum of (pounds)500,000.") == "£500,000")
        // A passage that caps nothing has no amount.
        #expect(CapAnswer.answer(in: "Neither party excludes liability for fraud.") == nil)
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

/// How the evaluation counts, under issue #13's protocol.
@Suite struct ClauseEvaluationTests {
    let marked = "This Agreement shall be governed by the laws of the State of Delaware."

    func citation(_ text: String, score: Double) -> ContractClauses.Citation {
        ContractClauses.Citation(
            score: score, firstPage: 1, lastPage: 1, headingPath: [], start: 0, end: text.utf8.count, text: text)
    }

    /// A found passage holds a marked one with half of its word 3-grams, whatever the case and punctuation,
    /// and when it is at most 4× + 40 words long.
    @Test func aHitHoldsHalfTheMarkedWords3Grams() {
        let words = ClauseEvaluation.words(marked)
        #expect(ClauseEvaluation.holds(ClauseEvaluation.words("12. GOVERNING LAW — " + marked.uppercased()), words))
        // "governed by the laws of the": 4 of the 11 3-grams; not half.
        #expect(!ClauseEvaluation.holds(ClauseEvaluation.words("It is governed by the laws of the sea."), words))
        let long = String(repeating: "word ", count: 4 * words.count + 41) + marked
        #expect(!ClauseEvaluation.holds(ClauseEvaluation.words(long), words))
    }

    /// Presence from the best passage; passages ranked by score, each marked passage found once.
    @Test func presenceAndPassagesAreCountedAsTheProtocolSays() {
        var evaluation = ClauseEvaluation(categories: ["Governing Law"])
        let labelled = ClauseEvaluation.Contract(
            name: "a", file: "a.pdf", present: ["Governing Law"], passages: ["Governing Law": [marked]],
            answers: ["Governing Law": "Delaware"])
        let found = ContractClauses(
            document: "a",
            categories: [
                .init(
                    name: "Governing Law", answer: nil,
                    passages: [
                        citation("Notices shall be in writing.", score: 0.9), citation(marked, score: 0.8),
                        citation(marked, score: 0.7),
                    ])
            ])
        evaluation.add(labelled, clauses: found, thresholds: ["Governing Law": 0.5], referenceFound: [])
        let unlabelled = ClauseEvaluation.Contract(name: "b", file: "b.pdf", present: [], passages: [:], answers: nil)
        let none = ContractClauses(
            document: "b",
            categories: [.init(name: "Governing Law", answer: nil, passages: [citation("Payment.", score: 0.95)])])
        evaluation.add(unlabelled, clauses: none, thresholds: ["Governing Law": 0.5], referenceFound: ["Governing Law"])
        // Contracts by best score: b (0.95, not labelled), a (0.9, labelled): AP 1/2; F1 2·1/(2·1+1).
        #expect(evaluation.presenceAP("Governing Law") == 0.5)
        #expect(abs((evaluation.presenceF1("Governing Law") ?? 0) - 2.0 / 3) < 1e-9)
        #expect(evaluation.referenceF1("Governing Law") == 0)
        // Passages by score: 0.95 miss, 0.9 miss, 0.8 hit, 0.7 the same marked passage again (a miss).
        #expect(evaluation.passageAP("Governing Law") == 1.0 / 3)
        #expect(evaluation.precisionAt80("Governing Law") == 1.0 / 3)
        #expect(evaluation.answers["Governing Law"]?.labelled == 1)
        // Four candidates stated 0.7–1.0, two hold the marked passage.
        #expect(evaluation.calibration[9].passages == 2 && evaluation.calibration[9].marked == 0)
        #expect(evaluation.calibration[8].marked == 1 && evaluation.calibration[7].marked == 1)
    }

    /// The baseline's passages (a JSON line of scripts/clauses/baseline.py) are scored by the same protocol, at
    /// the baseline's own thresholds; it reads no answers, so none are counted for it.
    @Test func theBaselinesPassagesAreScoredTheSameWay() throws {
        let line = """
            {"name": "a", "categories": [{"name": "Governing Law", "threshold": 0.6, "passages": [\
            {"score": 0.9, "text": "Notices shall be in writing."}, {"score": 0.8, "text": "\(marked)"}]}]}
            """
        let baseline = try JSONDecoder().decode(ClauseBaseline.self, from: Data(line.utf8))
        var evaluation = ClauseEvaluation(categories: ["Governing Law"])
        let labelled = ClauseEvaluation.Contract(
            name: "a", file: "a.pdf", present: ["Governing Law"], passages: ["Governing Law": [marked]],
            answers: ["Governing Law": "Delaware"])
        evaluation.add(
            labelled, found: baseline.found, answers: nil, thresholds: baseline.thresholds, referenceFound: [])
        #expect(evaluation.passageAP("Governing Law") == 0.5)
        #expect(evaluation.presence["Governing Law"]?.first?.found == true)
        #expect(evaluation.answers["Governing Law"] == nil)
    }
}
