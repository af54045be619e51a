import ArgumentParser
import DocketDecide
import DocketModel
import DocketSpec
import Foundation

/// For `make eval-detectors`: recall, false alarms and calibration of the built-in detectors on
/// a labelled development set (one JSON sentence per line, made by scripts/detectors/make_devset.py).
struct EvalDetectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-detectors",
        abstract: "Measure the personal-data detectors on labelled sentences (JSON lines).", shouldDisplay: false)

    @Argument(help: "The development set: one JSON object per line with lang, source, text and entities.")
    var file: String

    @Option(help: "Findings below this confidence do not count (a pipeline's min_confidence).")
    var minConfidence = 0.5

    @Option(help: "Print the ids and texts of missed entities and false alarms of this type (development only).")
    var show: String?

    static let types = ["person", "organisation", "postal_address", "phone", "payment_card", "ip_address", "email"]
    static let languages = ["en", "de", "fr", "all"]

    func run() throws {
        let decoder = JSONDecoder()
        let samples = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(DetectorEvaluation.Sample.self, from: Data($0.utf8))
        }
        let classifier = Classifier(taxonomy: TaxonomySpec(levels: ["public"], defaultLevel: "public", rules: []))
        var evaluation = DetectorEvaluation(minConfidence: minConfidence)
        var byId: [String: (DetectorEvaluation.Sample, [Finding])] = [:]
        for sample in samples {
            let findings = classifier.findings(in: sample.text)
            evaluation.add(sample, findings: findings)
            if show != nil { byId[sample.id] = (sample, findings) }
        }
        print("\(samples.count) sentences from \(file); findings at confidence \(minConfidence) or more count\n")
        print(row(["type", "en recall", "de recall", "fr recall", "en false", "de false", "fr false", "all recall"]))
        for type in Self.types + ["party"] {
            let tallies = evaluation.tallies[type] ?? [:]
            let recalls = Self.languages.map { share(tallies[$0]?.found, of: tallies[$0]?.entities) }
            let alarms = Self.languages.dropLast().map {
                share(tallies[$0]?.falseAlarms, of: tallies[$0]?.sentencesWithout)
            }
            print(row([type] + recalls.dropLast() + alarms + [recalls.last!]))
        }
        print("\ncalibration (confidence stated → share of findings right, findings):")
        for bin in evaluation.calibration.values.sorted(by: { ($0.type, $0.confidence) < ($1.type, $1.confidence) }) {
            let type = bin.type.padding(toLength: 15, withPad: " ", startingAt: 0)
            print("  \(type)" + String(format: "%.3f → %.2f  (%d)", bin.confidence, bin.precision, bin.findings))
        }
        print(String(format: "expected calibration error: %.3f", evaluation.calibrationError))
        if let type = show { printCases(type, evaluation, byId) }
    }

    private func printCases(
        _ type: String, _ evaluation: DetectorEvaluation, _ byId: [String: (DetectorEvaluation.Sample, [Finding])]
    ) {
        for (title, ids) in [("missed", evaluation.misses[type] ?? []), ("false alarm", evaluation.alarms[type] ?? [])]
        {
            print("\n\(title) (\(ids.count)):")
            for id in ids {
                guard let (sample, findings) = byId[id] else { continue }
                let bytes = Array(sample.text.utf8)
                let found = findings.map {
                    "\($0.type) \($0.confidence) «\(String(decoding: bytes[$0.start..<$0.end], as: UTF8.self))»"
                }
                print("  \(id): \(sample.text.replacingOccurrences(of: "\n", with: " ⏎ "))")
                print("      found: \(found.joined(separator: "; "))")
            }
        }
    }

    private func share(_ part: Int?, of whole: Int?) -> String {
        guard let part, let whole, whole > 0 else { return "–" }
        return String(format: "%.2f (%d)", Double(part) / Double(whole), whole)
    }

    private func row(_ cells: [String]) -> String {
        cells.enumerated().map {
            $0.offset == 0
                ? $0.element.padding(toLength: 15, withPad: " ", startingAt: 0)
                : $0.element.padding(toLength: 13, withPad: " ", startingAt: 0)
        }.joined()
    }
}
