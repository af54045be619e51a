import ArgumentParser
import DocketCore
import Foundation

/// For `make eval-clauses`: the clause model on contracts a lawyer labelled (JSON lines made by
/// scripts/clauses/make_testset.py from CUAD's test contracts), against searching each contract for
/// the category's name, in the same run.
struct EvalClausesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-clauses",
        abstract: "Measure clause detection on labelled contracts (JSON lines).", shouldDisplay: false)

    @Argument(help: "The test set: one JSON object per line with name, text, present and spans.")
    var file: String

    @Option(name: .customLong("repeat"), help: "Passes over the contracts to time; the fastest counts.")
    var passes = 5

    @Option(help: "A contract holds a category from this probability on (default: each category's own threshold).")
    var threshold: Float?

    func run() throws {
        let model = try ClauseModel.bundled.get()
        var detector = ClauseDetector(model: model)
        detector.threshold = threshold
        let decoder = JSONDecoder()
        let contracts = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(ClauseEvaluation.Contract.self, from: Data($0.utf8))
        }
        let names = model.categories.map(\.name)
        var evaluation = ClauseEvaluation(categories: names)
        for contract in contracts {
            let scores = detector.scores(in: contract.text)
            let found = ClauseNameSearch.found(in: contract.text, categories: names)
            let thresholds = model.categories.map { threshold ?? $0.threshold }
            evaluation.add(contract, scores: scores, thresholds: thresholds, referenceFound: found)
        }
        // Timed apart from the scoring, fastest of `repeat` passes: a pass is short and a machine is noisy.
        let clock = ContinuousClock()
        let bytes = contracts.reduce(0) { $0 + $1.text.utf8.count }
        let modelSeconds = fastest(clock) { for contract in contracts { _ = detector.scores(in: contract.text) } }
        let referenceSeconds = fastest(clock) {
            for contract in contracts { _ = ClauseNameSearch.found(in: contract.text, categories: names) }
        }
        let rule = threshold.map { "probability \($0)" } ?? "each category's threshold"
        print("\(contracts.count) contracts from \(file), \(names.count) categories; present from \(rule)\n")
        print(row(["category", "model P", "model R", "model F1", "cited right", "name search F1"]))
        for name in names {
            let tally = evaluation.model[name] ?? .init(), reference = evaluation.reference[name] ?? .init()
            let cited = tally.cited == 0 ? "–" : "\(tally.citedRight)/\(tally.cited)"
            print(
                row([
                    name, format(tally.precision), format(tally.recall), format(tally.f1), cited, format(reference.f1),
                ]))
        }
        let cited = evaluation.model.values.reduce((0, 0)) { ($0.0 + $1.citedRight, $0.1 + $1.cited) }
        print("")
        for (name, average) in [("micro", ClauseEvaluation.microF1), ("macro", ClauseEvaluation.macroF1)] {
            let model = format(average(evaluation.model)), search = format(average(evaluation.reference))
            print("\(name) F1: model \(model), name search \(search)")
        }
        print("best passage overlaps a marked one: \(cited.0) of \(cited.1)")
        for (category, tally) in evaluation.answers.sorted(by: { $0.key < $1.key }) {
            print(
                "\(category) answered: CUAD's answer read from the cited passage in \(tally.right) of"
                    + " \(tally.labelled) contracts (\(tally.answered) answered)")
        }
        print("calibration (passages by stated probability → share overlapping a marked passage):")
        for (tenth, bin) in evaluation.calibration.enumerated() where bin.passages > 0 {
            let stated = bin.probability / Double(bin.passages), share = Double(bin.marked) / Double(bin.passages)
            let range = String(format: "%.1f–%.1f", Double(tenth) / 10, Double(tenth + 1) / 10)
            print("  \(range): " + String(format: "stated %.3f → %.3f  (%d)", stated, share, bin.passages))
        }
        print(
            String(
                format: "expected calibration error: %.3f (passages stated 0.1 or more: %.3f)",
                evaluation.calibrationError(), evaluation.calibrationError(fromTenth: 1)))
        let megabytes = Double(bytes) / 1_000_000
        print(
            String(
                format: "speed: model %.1f MB/s, name search %.1f MB/s (one core, %.2f MB, fastest of %d passes)",
                megabytes / modelSeconds, megabytes / referenceSeconds, megabytes, passes))
    }

    private func fastest(_ clock: ContinuousClock, _ pass: () -> Void) -> Double {
        (0..<max(1, passes)).map { _ in seconds(clock.measure(pass)) }.min() ?? 0
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func format(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }

    private func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            cell.padding(toLength: index == 0 ? 36 : 14, withPad: " ", startingAt: 0)
        }.joined()
    }
}
