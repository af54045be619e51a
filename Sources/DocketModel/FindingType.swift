/// The types the built-in detectors report.
public enum FindingType: String, Sendable, CaseIterable, Codable {
    case email, phone, iban
    case paymentCard = "payment_card"
    case deTaxId = "de_tax_id"
    case deVatId = "de_vat_id"
    case frNir = "fr_nir"
    case frSiren = "fr_siren"
    case frSiret = "fr_siret"
    case nlBsn = "nl_bsn"
    case ukNino = "uk_nino"
    case usSsn = "us_ssn"
    case dateOfBirth = "date_of_birth"
    case postalAddress = "postal_address"
    case person
    case organisation
    case ipAddress = "ip_address"
    case macAddress = "mac_address"
    // GDPR Art. 9 special categories and Art. 10 criminal data.
    case health, religion, ethnicity
    case politicalOpinion = "political_opinion"
    case unionMembership = "union_membership"
    case sexLife = "sex_life"
    case geneticBiometric = "genetic_biometric"
    case criminal
    // Confidentiality markings.
    case confidential
    case strictlyConfidential = "strictly_confidential"

    public static let specialCategories: [FindingType] = [
        .health, .religion, .ethnicity, .politicalOpinion,
        .unionMembership, .sexLife, .geneticBiometric,
    ]
    public static let markings: [FindingType] = [.confidential, .strictlyConfidential]

    /// Names a rule may use under `categories`: each category, and the two GDPR groups.
    public static var categoryNames: [String] {
        (specialCategories + [.criminal]).map(\.rawValue) + ["gdpr_art9", "gdpr_art10"]
    }

    /// Expands `gdpr_art9` and `gdpr_art10` to the categories they stand for.
    public static func expandCategories(_ names: [String]) -> Set<String> {
        var result = Set<String>()
        for name in names {
            switch name {
            case "gdpr_art9": result.formUnion(specialCategories.map(\.rawValue))
            case "gdpr_art10": result.insert(FindingType.criminal.rawValue)
            default: result.insert(name)
            }
        }
        return result
    }

    /// Types a rule may name under `detectors` (identifiers and context-based detectors).
    public static var detectorNames: [String] {
        allCases.filter { !specialCategories.contains($0) && $0 != .criminal && !markings.contains($0) }.map(\.rawValue)
    }
}
