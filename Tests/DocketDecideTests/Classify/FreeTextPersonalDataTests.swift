import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketSpec

/// People, organisations, addresses and phone numbers in free text, in English, German and French,
/// each beside a near miss that must not be found: a capitalised heading that is not a name, a date
/// or an order number that is not a phone number, a noun after a German article.
@Suite struct FreeTextPersonalDataTests {
    let classifier = Classifier(taxonomy: TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: []))

    func found(_ text: String, _ type: FindingType) -> [String] {
        classifier.findings(in: text).filter { $0.type == type.rawValue && $0.confidence >= 0.5 }.map {
            String(decoding: Array(text.utf8)[$0.start..<$0.end], as: UTF8.self)
        }
    }

    @Test func peopleWithoutTitleOrDefinition() {
        #expect(found("The Employee, Steven O. MacHugh, shall report to the CFO.", .person) == ["Steven O. MacHugh"])
        #expect(found("Wie gestern mit Friedrich besprochen, ist die Kündigung versandt.", .person) == ["Friedrich"])
        #expect(found("Nous avons reçu Dorothée Renard au sujet de son contrat.", .person) == ["Dorothée Renard"])
        // Central and Eastern European names, with letters beyond Latin-1, and in capitals.
        #expect(found("Zeuge: Marin Šibalić", .person) == ["Marin Šibalić"])
        #expect(found("Please send the signed copy to ŁUKASZ KOWALSKI today.", .person) == ["ŁUKASZ KOWALSKI"])
        #expect(found("Signed by J. Horan, Director.", .person) == ["J. Horan"])
        // Street words are names too where no address is: "Jack Green".
        #expect(found("The report was written by Jack Green last year.", .person) == ["Jack Green"])
    }

    /// What real contracts are full of and the synthetic sentences were not: defined terms made of a
    /// common word and a surname, list letters, titles after a colon, acronyms, defined things.
    @Test func definedTermsListLettersTitlesAndAcronymsAreNotPeople() {
        for text in [
            "Licensee may use the Licensed Marks in the Territory.", "A. You shall pay the Development Fee.",
            "By: /s/ Aitan Zacharin\nTitle: Chief Executive Officer\n", "This plan is subject to ERISA.",
            "the Plan of Reorganization (the \"Plan\") was approved",
        ] {
            #expect(!found(text, .person).contains(where: { !["Aitan Zacharin"].contains($0) }), "\(text)")
        }
        // The defined role tells a person from a firm where the gazetteer does not know the name.
        #expect(found("Aitan Zacharin (the \"Executive\") agrees.", .person) == ["Aitan Zacharin"])
        #expect(found("A. Dale Mayo signs for the Company.", .person) == ["Dale Mayo"])
    }

    /// Calibrated on the development set, a lone given name counts and a lone surname does not: lone
    /// surnames there were firms' names ("paid to Blanchard"), never a person's.
    @Test func aLoneGivenNameCountsALoneSurnameNamesAFirm() {
        #expect(found("As agreed with Friedrich yesterday, the notice was sent.", .person) == ["Friedrich"])
        #expect(found("Payment shall be made to Blanchard within thirty days.", .person).isEmpty)
        #expect(found("Payment shall be made to Blanchard within thirty days.", .organisation) == ["Blanchard"])
        #expect(found("Payment shall be made to Mr Blanchard within thirty days.", .person) == ["Blanchard"])
        #expect(found("Payment shall be made to Mr Blanchard within thirty days.", .organisation).isEmpty)
        // A surname inside a capitalised phrase is no firm: "Branded Slot", "Champion's Tour".
        #expect(found("Each Branded Slot may show one trailer.", .organisation).isEmpty)
        #expect(found("the money list of the Champion's Tour (SPGA)", .organisation).isEmpty)
        // Nor is a day of the week a person.
        #expect(found("The meeting moves to Sunday afternoon.", .person).isEmpty)
    }

    /// Firms named by the form of the name alone: an organisation word after it, an ampersand,
    /// two surnames joined, three surnames listed; and the party a definition names is the last one.
    @Test func firmsByTheFormOfTheirName() {
        #expect(found("The Licensee may sublicense to Tucker Group only.", .organisation) == ["Tucker Group"])
        #expect(found("Die Ehlert Groep ist Unterauftragnehmer.", .organisation) == ["Ehlert Groep"])
        #expect(found("Invoices go to Backer & Peeters by post.", .organisation) == ["Backer & Peeters"])
        #expect(
            found("Le prestataire est van de Darnau & van der Kaay.", .organisation) == ["van de Darnau & van der Kaay"]
        )
        #expect(
            found("Payment shall be made to Smith-Lawrence within thirty days.", .organisation) == ["Smith-Lawrence"])
        #expect(found("Payment shall be made to Smith-Lawrence within thirty days.", .person).isEmpty)
        #expect(
            found("Invoices shall be addressed to Hoffman, Hall and Miller, Accounts Payable.", .organisation) == [
                "Hoffman, Hall and Miller"
            ])
        // Two given names joined are one person's.
        #expect(found("As discussed with Kelly-Marie yesterday, the notice was sent.", .person) == ["Kelly-Marie"])
        #expect(found("As discussed with Kelly-Marie yesterday, the notice was sent.", .organisation).isEmpty)
        let text = "This Employment Agreement is made between Smith-Lawrence and Fiona Brown (the \"Employee\")."
        #expect(found(text, .person) == ["Fiona Brown"])
        #expect(found(text, .organisation) == ["Smith-Lawrence"])
        #expect(
            found("Zwischen der Backer & Peeters und Mark van Henegouwen (nachfolgend \"Arbeitnehmer\")", .person) == [
                "Mark van Henegouwen"
            ])
        // "KS" before a ZIP code is Kansas, not a Czech legal form.
        #expect(found("The office is at 81216 Wendy Center, Brockfort, KS 56065.", .organisation).isEmpty)
    }

    @Test func capitalisedHeadingsAndTermsAreNotPeople() {
        for text in [
            "Section 12.3 Limitation of Liability", "ARTICLE 7 CONFIDENTIAL INFORMATION",
            "The Licensee shall indemnify the Licensor against all Losses.",
            "Ziffer 4 Haftungsbeschränkung", "Die Geschäftsführung hat den Wirtschaftsplan beschlossen.",
            "Bitte senden Sie die Unterlagen bis Freitag.", "Article 7 – Informations Confidentielles",
            "Les Informations Confidentielles excluent les informations publiques.",
            "Governing Law: the laws of England and Wales.", "Es gilt deutsches Recht; Gerichtsstand ist Paris.",
        ] {
            #expect(found(text, .person).isEmpty, "\(text)")
        }
    }

    @Test func organisationsByLegalFormFirmNameAndContext() {
        #expect(found("Die Paier Weidinger e.V. ist Mitglied.", .organisation) == ["Paier Weidinger e.V"])
        #expect(found("Sold to Kalarus Sp. z o.o. in Gdańsk.", .organisation) == ["Kalarus Sp. z o.o"])
        #expect(
            found("Audit by Garcia, Gibson and Gonzalez next week.", .organisation) == ["Garcia, Gibson and Gonzalez"])
        #expect(found("Wir beauftragen Walter Brun & Söhne damit.", .organisation) == ["Walter Brun & Söhne"])
        #expect(found("Le contrat est conclu avec la société Chevalier.", .organisation) == ["Chevalier"])
        #expect(found("Signed for and on behalf of Spencer-Ingram", .organisation) == ["Spencer-Ingram"])
        // A German noun after an article is not a firm, nor is "as" a legal form in English.
        #expect(found("Die Gesellschaft zahlt die Vergütung.", .organisation).isEmpty)
        #expect(found("Microsoft as licensor grants the licence.", .organisation).isEmpty)
    }

    @Test func addressesWithBoxesMilitaryAndTowns() {
        #expect(
            found("Postanschrift: Postfach 44286, 96577 Gransee", .postalAddress) == ["Postfach 44286, 96577 Gransee"])
        #expect(
            found("Ship to PSC 3571, Box 7268, APO AA 76798.", .postalAddress) == ["PSC 3571, Box 7268, APO AA 76798"])
        #expect(
            found("Notices: 827 Hamilton Junctions Suite 973, West Matthewfort, NY 89633.", .postalAddress) == [
                "827 Hamilton Junctions Suite 973, West Matthewfort, NY 89633"
            ])
        #expect(found("Le siège est au 8, rue Jeanne Henry, 40131 Saint Manon.", .postalAddress).count == 1)
        // The parts before a postcode or a military box: a town, a street without a number, a flat, a ship.
        #expect(
            found("Correspondence address: Studio 96, Smith Drive, East Jennabury, E4B 8GY", .postalAddress) == [
                "Studio 96, Smith Drive, East Jennabury, E4B 8GY"
            ])
        #expect(
            found("Send it to USS Richardson, FPO AE 21029, today.", .postalAddress) == ["USS Richardson, FPO AE 21029"]
        )
        #expect(
            found("Deliver to 38 Wood Courts, Pearceview, G6C 9WR.", .postalAddress) == [
                "38 Wood Courts, Pearceview, G6C 9WR"
            ])
        // An Eircode, Swiss and Austrian postcodes of four digits with the street, towns of several words.
        #expect(
            found("Registered office: 20 Kinahan Street W85 NR4Y Caitriona Ville.", .postalAddress) == [
                "20 Kinahan Street W85 NR4Y Caitriona Ville"
            ])
        #expect(
            found("Le salarié est domicilié rue Corboz, 1819 Rey-les-Bains.", .postalAddress) == [
                "rue Corboz, 1819 Rey-les-Bains"
            ])
        #expect(
            found("Der Sitz ist Benedikt-Varga-Ring 6, 3858 Bad Leonfelden.", .postalAddress) == [
                "Benedikt-Varga-Ring 6, 3858 Bad Leonfelden"
            ])
        // Addresses of other EU countries: a street word first (Italian, Spanish, Polish), a suffix (Dutch,
        // Swedish), a name and a number before a postcode (Croatian, Czech), Hungarian "utca 168.".
        for (text, address) in [
            ("Registered office: Strada Taliercio, 47\n56011, Gabella (PI)", "Strada Taliercio, 47\n56011, Gabella"),
            (
                "Notices to: Pasaje Juan Pablo Granados 115 Apt. 08\nJaén, 45989",
                "Pasaje Juan Pablo Granados 115 Apt. 08"
            ),
            ("Adres: ul. Paderewskiego 77\n61-668 Kołobrzeg", "ul. Paderewskiego 77\n61-668 Kołobrzeg"),
            ("Adres: Gerritsingel 7\n1317 YB\nAlmere", "Gerritsingel 7\n1317 YB\nAlmere"),
            ("Adress: Skolvägen 76\n71706 Ängelholm", "Skolvägen 76\n71706 Ängelholm"),
            ("Die Räume in Palmotićeva 3, 19782 Orahovica.", "Palmotićeva 3, 19782 Orahovica"),
            ("Postanschrift: Grammova 8\n777 63 Městec Králové", "Grammova 8\n777 63 Městec Králové"),
            ("Le siège est situé Dunaújvárosi utca 168., H-7669 Ózd.", "Dunaújvárosi utca 168., H-7669 Ózd"),
            ("Merci de livrer au chemin Barman, 2835 Deshusses.", "chemin Barman, 2835 Deshusses"),
        ] {
            #expect(found(text, .postalAddress).contains { $0.contains(address) || address.contains($0) }, "\(text)")
            #expect(found(text, .postalAddress).joined().utf8.count * 2 >= address.utf8.count, "\(text)")
        }
        // Numbers and capitalised words that are no address: a section and its title, floor space.
        #expect(found("§ 16533 Haftungsbeschränkung", .postalAddress).isEmpty)
        #expect(found("§\u{00A0}16533 Haftungsbeschränkung", .postalAddress).isEmpty)
        #expect(found("The premises have 1, 500 square feet of floor space.", .postalAddress).isEmpty)
        // Numbers and capitalised words that are no address: a year before a capitalised word, a point.
        #expect(found("Signed in\n2005 CONSULTANT AGREEMENT", .postalAddress).isEmpty)
        #expect(found("See Point 3 of the schedule.", .postalAddress).isEmpty)
        #expect(found("The Annual Fee for 2024 is 12000 Euros.", .postalAddress).isEmpty)
        #expect(found("Anlage 3 (Leistungsbeschreibung) ist Vertragsbestandteil.", .postalAddress).isEmpty)
    }

    @Test func phonesWithExtensionsBesideDatesAndOrderNumbers() {
        #expect(found("Tel: 001-448-524-7277x954", .phone) == ["001-448-524-7277x954"])
        #expect(found("Tel.: +41 24 864 09 71", .phone) == ["+41 24 864 09 71"])
        #expect(found("Mobil 0766 959 609-938", .phone) == ["0766 959 609-938"])
        #expect(found("Notre support est joignable au 04 78 92 31 56.", .phone) == ["04 78 92 31 56"])
        #expect(found("Telefon: 26 74 49 21", .phone) == ["26 74 49 21"])
        #expect(found("Call (212) 555-0147 or 212.555.0148 today.", .phone) == ["(212) 555-0147", "212.555.0148"])
        // National forms of other EU countries, without a phone word: a dash before the last group is no
        // extension where the number would be too short without it.
        for number in [
            "(412)623-3079", "(26)/018-1590", "30/166 1318", "(+358) 091390996", "(351) 968 301 234",
            "08-26 01 81", "00420 604 497 465", "011-47 10 49",
        ] {
            #expect(found("Details on file: \(number).", .phone) == [number])
        }
        // Without a prefix a number is a phone number only after a word that says so ("reach", "wählen").
        #expect(found("You can reach our office at 28194821 during business hours.", .phone) == ["28194821"])
        #expect(found("Bitte wählen Sie 792 601 234 für den Kundendienst.", .phone) == ["792 601 234"])
        #expect(found("The Company issued 792 601 234 shares.", .phone).isEmpty)
        for text in [
            "Der Vertrag tritt am 14.09.2023 in Kraft.", "Le contrat prend fin le 14/09/2023.",
            "The Term ends on 2031-06-20.", "Bestellung INV 1242727 vom 24. August 2027.",
            "Der Kaufpreis beträgt 57.938.373 €.", "Total: EUR 12 345 678 net.", "Nr. 92-7825-40 vom 9. August",
        ] {
            #expect(found(text, .phone).isEmpty, "\(text)")
        }
    }

    @Test func extendedLatinLettersAreLoweredAsTheGazetteerIs() {
        let words = WordScanner.words(Array("ŠIBALIĆ Łukasz ĀBOLIŅA".utf8))
        #expect(words.map(\.lower) == ["šibalić", "łukasz", "āboliņa"])
        let capitalised = words.filter { $0.capitalized }.count
        #expect(capitalised == 3)
    }

    @Test func evaluationCountsCoverageAndFalseAlarms() {
        var evaluation = DetectorEvaluation(minConfidence: 0.5)
        let sample = DetectorEvaluation.Sample(
            id: "a", lang: "en", source: "synthetic", text: "Call Anna Berg",
            entities: [.init(type: "person", start: 5, end: 14)])
        evaluation.add(sample, findings: [Finding(type: "person", start: 5, end: 9, confidence: 0.9)])
        evaluation.add(sample, findings: [Finding(type: "person", start: 5, end: 14, confidence: 0.9)])
        evaluation.add(sample, findings: [Finding(type: "phone", start: 0, end: 4, confidence: 0.9)])
        #expect(evaluation.tallies["person"]?["en"] == DetectorEvaluation.Tally(entities: 3, found: 1))
        #expect(evaluation.tallies["phone"]?["en"]?.falseAlarms == 1)
        #expect(evaluation.tallies["phone"]?["en"]?.sentencesWithout == 3)
    }
}
