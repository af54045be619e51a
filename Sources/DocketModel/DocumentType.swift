/// What kind of document it is, from its title and wording.
public enum DocumentType: String, Sendable, Codable, CaseIterable {
    case nda, services, employment, lease, licence
    case supplyDistribution = "supply_distribution"
    case courtFiling = "court_filing"
    case correspondence, invoice, other
}
