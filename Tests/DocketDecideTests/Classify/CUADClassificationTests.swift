import DocketDecide
import DocketModel
import DocketSpec
import DocketTestSupport
import Foundation
import Testing

/// The decision layer on real contracts it was not tuned on (../shared/data/cuad, CC BY 4.0).
@Suite(.enabled(if: TestPaths.hasSharedData, "../shared/data is not present"))
struct CUADClassificationTests {
    var folder: URL { TestPaths.sharedData.appendingPathComponent("cuad") }
    let classifier = Classifier(
        taxonomy: TaxonomySpec(levels: ["public", "internal"], defaultLevel: "internal", rules: []))

    func contracts() throws -> [(name: String, text: String, labels: [String: String])] {
        let labels = CSVReader.records(
            try String(contentsOf: folder.appendingPathComponent("labels.csv"), encoding: .utf8))
        return labels.compactMap { record in
            guard let file = record["Filename"] else { return nil }
            let base = (file as NSString).deletingPathExtension
            guard let text = try? String(contentsOf: folder.appendingPathComponent(base + ".txt"), encoding: .utf8)
            else { return nil }
            return (base, text, record)
        }
    }

    /// Party entries that are names ("Gulf South Medical Supply, Inc.", "Tom Watson"), not the
    /// defined terms that stand for them ("PSS", "the Company").
    static func partyNames(_ column: String) -> [String] {
        column.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).components(separatedBy: "', '")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'\" ")) }
            .filter { name in
                !name.contains("\"") && !name.contains("“") && !name.lowercased().hasPrefix("the ")
                    && !name.lowercased().hasPrefix("an ")
                    && !name.lowercased().contains("hereinafter") && name.split(separator: " ").count >= 2
            }
    }

    @Test func partyNamesAreFoundByTheNameDetector() async throws {
        var wanted = 0, found = 0
        var missed: [String] = []
        for contract in try contracts() {
            let findings = classifier.findings(in: contract.text).filter {
                $0.type == "person" || $0.type == "organisation"
            }
            let bytes = Array(contract.text.utf8)
            let lowered = String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
            for name in Self.partyNames(contract.labels["Parties"] ?? "") {
                wanted += 1
                let needle = name.lowercased()
                var searchStart = lowered.startIndex
                var hit = false
                while !hit, let range = lowered.range(of: needle, range: searchStart..<lowered.endIndex) {
                    let start = lowered.utf8.distance(from: lowered.startIndex, to: range.lowerBound)
                    let end = lowered.utf8.distance(from: lowered.startIndex, to: range.upperBound)
                    hit = findings.contains { $0.start < end && start < $0.end }
                    searchStart = range.upperBound
                }
                if hit { found += 1 } else { missed.append(name) }
            }
        }
        let recall = Double(found) / Double(max(wanted, 1))
        print("CUAD party-name recall: \(found)/\(wanted) = \(String(format: "%.2f", recall)); missed: \(missed)")
        #expect(wanted >= 20)
        #expect(recall >= 0.8, "party-name recall \(recall), missed \(missed)")
    }

    /// Acceptable types by contract: CUAD's categories mapped onto Docket's coarser ones.
    let acceptable: [String: Set<DocumentType>] = [
        "ADAMSGOLFINC": [.licence, .services], "AIRTECHINTERNATIONALGROUPINC": [.licence],
        "ALLIANCEBANCORPINCOFPENNSYLVANIA": [.services], "BORROWMONEYCOM,INC": [.other, .services],
        "CerenceInc": [.licence], "DeltathreeInc": [.services, .licence],
        "DigitalCinemaDestinationsCorp": [.supplyDistribution, .services, .licence],
        "ElPolloLocoHoldingsInc": [.licence], "GULFSOUTHMEDICALSUPPLYINC": [.supplyDistribution, .other],
        "HEALTHGATEDATACORP": [.services, .licence], "IDREAMSKYTECHNOLOGYLTD": [.services, .licence, .other],
        "PrudentialBancorpInc": [.employment, .other, .licence], "SLINGERBAGINC": [.services],
    ]

    @Test func contractsGetSensibleDocumentTypesAndEnglish() async throws {
        var checked = 0
        for contract in try contracts() {
            let profile = classifier.profile(of: contract.text)
            print("CUAD type: \(contract.name.prefix(40)): \(profile.type.rawValue), \(profile.language ?? "?")")
            #expect(profile.language == "en", "\(contract.name): language \(String(describing: profile.language))")
            guard let key = acceptable.keys.first(where: { contract.name.hasPrefix($0) }) else { continue }
            #expect(acceptable[key]!.contains(profile.type), "\(contract.name): \(profile.type)")
            checked += 1
        }
        #expect(checked >= 12)
    }
}
