import DocketTestSupport
import Testing

@testable import DocketDecide
@testable import DocketModel
@testable import DocketSpec

/// Each identifier valid, and a near miss of it (one digit changed) that must not pass.
@Suite struct DetectorTests {
    let classifier = Classifier(taxonomy: TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: []))

    func types(_ text: String, minConfidence: Double = 0.5) -> [String] {
        classifier.findings(in: text).filter { $0.confidence >= minConfidence }.map(\.type)
    }

    func value(_ text: String, _ type: FindingType) -> String? {
        guard let finding = classifier.findings(in: text).first(where: { $0.type == type.rawValue }) else { return nil }
        return String(decoding: Array(text.utf8)[finding.start..<finding.end], as: UTF8.self)
    }

    @Test func ibansAreValidatedByMod97AndLength() {
        #expect(
            value("Konto IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX", .iban) == "DE89 3704 0044 0532 0130 00")
        #expect(!types("Konto IBAN DE89 3704 0044 0532 0130 01").contains("iban"))
        #expect(types("FR76 3000 6000 0112 3456 7890 189").contains("iban"))
        #expect(!types("FR76 3000 6000 0112 3456 7890 188").contains("iban"))
        #expect(types("GB82WEST12345698765432").contains("iban"))
        #expect(!types("GB82WEST1234569876543").contains("iban"))  // a digit short for GB
        #expect(Checksums.isValidIBAN("NL91ABNA0417164300") && !Checksums.isValidIBAN("NL91ABNA0417164301"))
    }

    @Test func paymentCardsNeedLuhnAndAnIssuer() {
        #expect(types("card 4111 1111 1111 1111 exp 12/27").contains("payment_card"))
        #expect(!types("card 4111 1111 1111 1112").contains("payment_card"))
        #expect(types("Amex 3782 822463 10005").contains("payment_card"))
        #expect(!Checksums.isValidPaymentCard("1234567812345670"))  // passes Luhn, no issuer starts with 1
        #expect(Checksums.isValidLuhn("1234567812345670"))
        // JCB's older 15-digit cards start with 2131.
        #expect(types("Payment method: 2131 042081 24886").contains("payment_card"))
        // A card with one digit changed is no card, nor is a Luhn-valid piece of it ("4846 1454 3961", "7577
        // 0310 2256"), in any language.
        for text in [
            "The card number 4846 1454 3961 5122 was rejected.",
            "Le numéro de carte 4910 7577 0310 2256 a été refusé.",
            "Die Kartennummer 4846 1454 3961 5122 wurde abgelehnt.",
        ] {
            #expect(!types(text).contains("payment_card"), "\(text)")
        }
    }

    @Test func germanTaxAndVATIds() {
        #expect(value("Steuer-ID: 57 902 483 126", .deTaxId) == "57 902 483 126")
        #expect(!types("Steuer-ID: 57 902 483 127").contains("de_tax_id"))
        #expect(!Checksums.isValidGermanTaxID("11111111111"))  // digit distribution rule
        #expect(types("USt-IdNr. DE136695976").contains("de_vat_id"))
        #expect(!types("USt-IdNr. DE136695977").contains("de_vat_id"))
    }

    @Test func frenchNIRSirenAndSiret() {
        #expect(types("N° de sécurité sociale : 1 88 09 75 115 042 62").contains("fr_nir"))
        #expect(!types("N° de sécurité sociale : 1 88 09 75 115 042 63").contains("fr_nir"))
        // Corsica's departments 2A and 2B count as 19 and 18.
        #expect(Checksums.isValidFrenchNIR("188092A11504222") && Checksums.isValidFrenchNIR("188092B11504249"))
        #expect(!Checksums.isValidFrenchNIR("188092A11504249") && !Checksums.isValidFrenchNIR("188092B11504222"))
        #expect(types("SIREN 732 829 320").contains("fr_siren"))
        #expect(!types("SIREN 732 829 321").contains("fr_siren"))
        #expect(types("SIRET 732 829 320 00074").contains("fr_siret"))
        #expect(!types("SIRET 732 829 320 00075").contains("fr_siret"))
    }

    @Test func dutchUKAndUSIdentifiers() {
        #expect(types("BSN 111222333").contains("nl_bsn"))
        #expect(!types("BSN 111222334").contains("nl_bsn"))
        #expect(types("NI number AB 12 34 56 C").contains("uk_nino"))
        #expect(!types("NI number DQ 12 34 56 C").contains("uk_nino"))  // D is never a first letter
        #expect(types("SSN 123-45-6789").contains("us_ssn"))
        #expect(!types("SSN 666-45-6789").contains("us_ssn"))
        #expect(!types("SSN 123-00-6789").contains("us_ssn"))
    }

    @Test func emailsAndPhones() {
        #expect(
            value("write to priya.raman@northwind-analytics.co.uk.", .email) == "priya.raman@northwind-analytics.co.uk")
        #expect(!types("the @ sign and user@localhost").contains("email"))
        for phone in [
            "+49 40 3019 4417", "+44 (0)117 496 0123", "030 1234567", "(089) 2154-7730", "04 78 92 31 56",
            "0117 496 0123", "(555) 123-4567", "555-123-4567",
        ] {
            #expect(value("Tel. \(phone) (office)", .phone) == phone, "\(phone)")
        }
        for notPhone in [
            "on 14.09.1988 at", "EUR 5.850,00 gross", "clause 12.2.3 applies", "order 2016/679 of", "in 2025 and 2026",
        ] {
            #expect(!types(notPhone).contains("phone"), "\(notPhone)")
        }
    }

    @Test func datesOfBirthNeedABirthWord() {
        #expect(types("Frau Lena Schäfer, geboren am 14.09.1988, wohnhaft").contains("date_of_birth"))
        #expect(types("Jane Doe (born 3 March 1975)").contains("date_of_birth"))
        #expect(types("née le 2 juin 1990 à Lyon").contains("date_of_birth"))
        #expect(!types("This Agreement is dated 14.09.1988.").contains("date_of_birth"))
        // The month first, as American forms write it.
        #expect(types("Employee's date of birth: 5/22/1979").contains("date_of_birth"))
        // A birth word belongs to the first date after it, not to the contract's date that follows.
        let both = classifier.findings(in: "Frau Lena Schäfer, geb. 14.09.1988, und die Firma, Vertrag vom 01.02.2025")
        #expect(both.filter { $0.type == "date_of_birth" }.map(\.start) == [25])
        // Dates that overlap ("2019-12-31-2020" reads as 2019-12-31 and as 12/31/2020) once crashed the detector
        // (found on a CUAD contract): the first is the date, and the second is not looked at for a birth word.
        #expect(types("Term: 2019-12-31-2020, and born 3 March 1975").contains("date_of_birth"))
        #expect(types("born 2019-12-31-2020").contains("date_of_birth"))
        #expect(DateAnswer.answer(in: "Term 2019-12-31-2020, dated 5 March 2021") == "2021-03-05")
    }

    @Test func addressesNamesAndParties() {
        let text =
            "between Northwind Analytics Ltd, 14 Harbour Street, Bristol BS1 4QA, and Ingram Micro (\"Distributor\")"
        #expect(value(text, .organisation) == "Northwind Analytics Ltd")
        #expect(value(text, .postalAddress) == "14 Harbour Street, Bristol BS1 4QA")
        let organisations = classifier.findings(in: text).filter { $0.type == "organisation" }
            .map { String(decoding: Array(text.utf8)[$0.start..<$0.end], as: UTF8.self) }
        #expect(organisations == ["Northwind Analytics Ltd", "Ingram Micro"])
        #expect(value("vertreten durch Frau Dr. Katrin Hoffmann", .person) == "Katrin Hoffmann")
        #expect(
            value("la société Atelier Numérique Lyonnais SAS, 27 rue de la République, 69002 Lyon", .organisation)
                == "Atelier Numérique Lyonnais SAS")
        #expect(value("Helios Cloud Services B.V., Keizersgracht 221", .organisation) == "Helios Cloud Services B.V")
        #expect(!types("This Non-Disclosure Agreement (the \"Agreement\") is made").contains("person"))
    }

    @Test func specialCategoriesCountOnlyWhenSpecific() {
        #expect(types("mit einem Grad der Behinderung von 50").contains("health"))
        #expect(types("diagnosed with diabetes in 2019").contains("health"))
        #expect(!types("the employee shall report any illness").contains("health"))  // generic: below 0.5
        #expect(types("illness", minConfidence: 0.2).contains("health"))
        #expect(types("Kirchensteuermerkmal: römisch-katholisch").contains("religion"))
        #expect(types("member of a trade union").contains("union_membership"))
        #expect(types("extrait de casier judiciaire").contains("criminal"))
        #expect(types("biometric data such as fingerprints").contains("genetic_biometric"))
        #expect(types("sa orientation sexuelle").contains("sex_life"))
    }

    @Test func markingsAreLabelsNotRunningText() {
        #expect(types("STRICTLY CONFIDENTIAL - BOARD MEMO\nText.") == ["strictly_confidential"])
        #expect(types("Streng vertraulich\nInhalt.").contains("strictly_confidential"))
        #expect(types("Confidentiel\nDocument interne.").contains("confidential"))
        #expect(
            !types("Each Party shall keep the Confidential Information of the other party confidential at all times.")
                .contains("confidential"))
    }

    @Test func customDetectorsFromTheYAML() {
        let taxonomy = TaxonomySpec(
            levels: ["internal"], defaultLevel: "internal", rules: [],
            detectors: [
                CustomDetectorSpec(name: "project", regex: "PROJECT [A-Z]{4,}", keywords: [], confidence: 0.9),
                CustomDetectorSpec(name: "deal", regex: nil, keywords: ["Falcon"], confidence: 0.8),
            ])
        let found = Classifier(taxonomy: taxonomy).findings(in: "Re: PROJECT HERON and the falcon deal")
        #expect(found.filter { $0.type == "project" }.map(\.start) == [4])
        #expect(found.filter { $0.type == "deal" }.map(\.start) == [26])
    }

    @Test func languagesAndDocumentTypesOfTheSamples() async throws {
        let expected: [(String, String, DocumentType)] = [
            ("mutual-nda", "en", .nda), ("it-services-agreement", "en", .services),
            ("arbeitsvertrag", "de", .employment), ("contrat-de-prestation", "fr", .services),
        ]
        for (name, language, type) in expected {
            let profile = classifier.profile(of: TestPaths.reference(name))
            #expect(profile.language == language, "\(name)")
            #expect(profile.type == type, "\(name)")
        }
        #expect(
            classifier.profile(
                of:
                    "El contrato se rige por la ley española y las partes se someten a los tribunales de Madrid para "
                    + "todas las cuestiones."
            ).language == "es")
        #expect(
            classifier.profile(
                of:
                    "Il contratto è regolato dalla legge italiana e per ogni controversia sono competenti i "
                    + "tribunali di Milano che non"
            ).language == "it")
        #expect(
            classifier.profile(
                of:
                    "De overeenkomst wordt beheerst door het Nederlands recht en geschillen worden voorgelegd aan de "
                    + "rechter van Amsterdam."
            ).language == "nl")
    }

    @Test func levelsComeFromTheTaxonomyRules() {
        let taxonomy = TaxonomySpec(
            levels: ["public", "internal", "confidential", "restricted"], defaultLevel: "internal",
            rules: [
                ClassificationRule(name: "ids", detectors: ["iban"], level: "restricted"),
                ClassificationRule(name: "art9", categories: ["gdpr_art9"], level: "restricted"),
                ClassificationRule(name: "pii", detectors: ["email"], level: "confidential"),
                ClassificationRule(name: "hr", documentTypes: ["employment"], level: "confidential"),
            ])
        func level(_ findings: [Finding], _ type: DocumentType = .other) -> SensitivityDecision {
            SensitivityPolicy.decide(findings: findings, documentType: type, taxonomy: taxonomy)
        }
        let email = Finding(type: "email", start: 0, end: 5, confidence: 0.95)
        let iban = Finding(type: "iban", start: 0, end: 5, confidence: 0.99)
        let weakHealth = Finding(type: "health", start: 0, end: 5, confidence: 0.3)
        #expect(level([]) == SensitivityDecision(level: "internal", rules: []))
        #expect(level([email]) == SensitivityDecision(level: "confidential", rules: ["pii"]))
        #expect(level([email, iban]).level == "restricted")
        #expect(level([weakHealth]).level == "internal")
        #expect(level([Finding(type: "health", start: 0, end: 5, confidence: 0.9)]).rules == ["art9"])
        #expect(level([], .employment).level == "confidential")
        #expect(
            SensitivityPolicy.documentLevel(["internal", "restricted", "confidential"], taxonomy: taxonomy)
                == "restricted")
    }
}
