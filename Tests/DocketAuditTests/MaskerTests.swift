import Testing

@testable import DocketAudit
@testable import DocketSpec

@Suite struct MaskerTests {
    let masker = Masker(taxonomy: TaxonomySpec(levels: ["internal"], defaultLevel: "internal", rules: []))

    @Test func personalDataIsReplacedByItsTypeAndOrganisationsStay() {
        let text =
            "Pay to DE89 3704 0044 0532 0130 00, write to jan.bergmann@example.de; Bergmann Logistik GmbH confirms."
        let masked = masker.mask(text)
        #expect(masked.contains("[iban]") && masked.contains("[email]"))
        #expect(!masked.contains("0532") && !masked.contains("jan.bergmann"))
        #expect(masked.contains("Bergmann Logistik GmbH"))
    }

    @Test func everyStringInAJSONValueIsMasked() {
        let masked = masker.maskJSON(#"{"parties":["mail: p.hartmann@northwind.co.uk"],"count":2}"#)
        #expect(masked.contains("[email]") && !masked.contains("hartmann@"))
        #expect(masked.contains("\"count\":2"))
    }

    @Test func shownValuesKeepOnlyTheirEnds() {
        #expect(Masker.maskedValue("DE89 3704 0044 0532 0130 00") == "D•••00")
        #expect(Masker.maskedValue("Jo") == "•••")
    }
}
