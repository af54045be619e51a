import ArgumentParser
import DocketDecide
import DocketIngest
import DocketModel
import DocketSpec
import Foundation
import Synchronization

/// For `make eval-clauses`: the clause model on contracts a lawyer labelled (JSON lines made by
/// scripts/clauses/make_testset.py from CUAD's test contracts), each read from its PDF by Docket's own
/// extraction, against searching each contract for the category's name, in the same run.
struct EvalClausesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-clauses",
        abstract: "Measure clause detection on labelled contracts (JSON lines).", shouldDisplay: false)

    @Argument(help: "The test set: one JSON object per line with name, file, present, passages and answers.")
    var testSet: String

    @Option(name: .customLong("repeat"), help: "Passes over the contracts to time; the fastest counts.")
    var passes = 5

    @Option(help: "Candidates are counted down to this score.")
    var minScore = 0.01

    @Option(help: "Write each contract's text as Docket read it to DIRECTORY/NAME.txt (for the baseline) and stop.")
    var writeTexts: String?

    @Option(help: "The plain baseline's passages (JSON lines from scripts/clauses/baseline.py), scored beside.")
    var baseline: String?

    @OptionGroup var extraction: ExtractionOptionsGroup

    func run() throws {
        let model = try ClauseModel.bundled.get()
        let detector = ClauseDetector(model: model)
        let folder = URL(fileURLWithPath: testSet).deletingLastPathComponent()
        let contracts = try String(contentsOfFile: testSet, encoding: .utf8).split(separator: "\n").map {
            var contract = try JSONDecoder().decode(ClauseEvaluation.Contract.self, from: Data($0.utf8))
            contract.file = URL(fileURLWithPath: contract.file, relativeTo: folder).path
            return contract
        }
        let documents = try extracted(contracts.map(\.file))
        let read = contracts.indices.compactMap { documents[$0] }
        if let writeTexts {
            try write(texts: documents, of: contracts, to: writeTexts)
            return
        }
        let baselines = try baseline.map(Self.baselines) ?? [:]
        let names = model.categories.map(\.name)
        let thresholds = Dictionary(uniqueKeysWithValues: model.categories.map { ($0.name, Double($0.threshold)) })
        var evaluation = ClauseEvaluation(categories: names)
        var baselineEvaluation = baseline.map { _ in ClauseEvaluation(categories: names) }
        for (index, contract) in contracts.enumerated() {
            guard let document = documents[index] else { continue }
            let clauses = ContractClauses.find(
                in: document, chunking: ChunkingSpec(), detector: detector, minScore: minScore, maskingPeople: false)
            let text = document.pages.map(\.text).joined(separator: "\n")
            let referenceFound = ClauseNameSearch.found(in: text, categories: names)
            evaluation.add(contract, clauses: clauses, thresholds: thresholds, referenceFound: referenceFound)
            if baselineEvaluation != nil {
                guard let scored = baselines[contract.name] else {
                    throw ValidationError("the baseline has no passages for \(contract.name): run it again")
                }
                baselineEvaluation?.add(
                    contract, found: scored.found, answers: nil, thresholds: scored.thresholds,
                    referenceFound: referenceFound)
            }
        }
        print("\(read.count) of \(contracts.count) contracts read from their PDFs (\(testSet))\n")
        printTable(evaluation, baseline: baselineEvaluation)
        printAnswers(evaluation)
        printCalibration(evaluation)
        try printSpeed(read, detector: detector, names: names)
    }

    /// What the baseline scores: each contract's text as the model reads it, pages joined by line feeds.
    private func write(
        texts documents: [Int: ExtractedDocument], of contracts: [ClauseEvaluation.Contract], to folder: String
    )
        throws
    {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (index, contract) in contracts.enumerated() {
            guard let document = documents[index] else { continue }
            let file = URL(fileURLWithPath: folder).appendingPathComponent(contract.name + ".txt")
            try Data(document.pages.map(\.text).joined(separator: "\n").utf8).write(to: file)
        }
        print("\(documents.count) of \(contracts.count) contracts' texts written to \(folder)")
    }

    static func baselines(_ path: String) throws -> [String: ClauseBaseline] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let decoded = try lines.map { try JSONDecoder().decode(ClauseBaseline.self, from: Data($0.utf8)) }
        return Dictionary(decoded.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Each contract's file read by isolated workers, as a run reads it.
    private func extracted(_ files: [String]) throws -> [Int: ExtractedDocument] {
        let batch = try extraction.batchExtractor()
        let documents = Documents()
        batch.run(paths: files) { index, document in
            if let error = document.error {
                FileHandle.standardError.write(Data("docket: \(error)\n".utf8))
            } else {
                documents.byIndex.withLock { $0[index] = document }
            }
        }
        return documents.byIndex.withLock { $0 }
    }

    private func printTable(_ evaluation: ClauseEvaluation, baseline: ClauseEvaluation?) {
        var header = ["category", "contracts", "AP", "F1", "passages", "passage AP", "P@80%R", "name search F1"]
        if baseline != nil { header += ["base AP", "base F1", "base p. AP", "base P@80"] }
        print(row(header))
        for name in evaluation.categories {
            let contracts = evaluation.presence[name]?.filter(\.labelled).count ?? 0
            var cells = [
                name, "\(contracts)", format(evaluation.presenceAP(name)), format(evaluation.presenceF1(name)),
                "\(evaluation.markedPassages[name] ?? 0)", format(evaluation.passageAP(name)),
                format(evaluation.precisionAt80(name)), format(evaluation.referenceF1(name)),
            ]
            if let baseline {
                cells += [
                    format(baseline.presenceAP(name)), format(baseline.presenceF1(name)),
                    format(baseline.passageAP(name)), format(baseline.precisionAt80(name)),
                ]
            }
            print(row(cells))
        }
        let present = evaluation.categoriesPresent, clauses = evaluation.clauseCategoriesMarked
        print("")
        print(
            "presence, macro over the \(present.count) categories marked in some contract: AP "
                + format(evaluation.macro(evaluation.presenceAP, over: present)) + ", F1 "
                + format(evaluation.macro(evaluation.presenceF1, over: present)) + " (name search F1 "
                + format(evaluation.macro(evaluation.referenceF1, over: present)) + ")")
        print(
            "passages, macro over the \(clauses.count) clause categories with marked passages: AP "
                + format(evaluation.macro(evaluation.passageAP, over: clauses)) + ", precision at 80% recall "
                + format(evaluation.macro(evaluation.precisionAt80, over: clauses)))
        guard let baseline else { return }
        let ours = evaluation.macro(evaluation.passageAP, over: clauses)
        let theirs = baseline.macro(baseline.passageAP, over: clauses)
        let gap = ours.flatMap { ours in theirs.map { ours - $0 } }
        print(
            "baseline (TF-IDF words and pairs, logistic regression, same training contracts): presence AP "
                + format(baseline.macro(baseline.presenceAP, over: present)) + ", F1 "
                + format(baseline.macro(baseline.presenceF1, over: present)) + "; passages AP "
                + format(theirs) + ", precision at 80% recall "
                + format(baseline.macro(baseline.precisionAt80, over: clauses)) + "; passage AP, model minus baseline "
                + (gap.map { String(format: "%+.2f", $0) } ?? "–"))
    }

    private func printAnswers(_ evaluation: ClauseEvaluation) {
        for (category, tally) in evaluation.answers.sorted(by: { $0.key < $1.key }) {
            let share =
                tally.labelled == 0
                ? "–" : String(format: "%.0f%%", 100 * Double(tally.right) / Double(tally.labelled))
            print(
                "answer \(category): CUAD's in \(tally.right) of \(tally.labelled) contracts (\(share);"
                    + " \(tally.answered) answered)")
        }
    }

    private func printCalibration(_ evaluation: ClauseEvaluation) {
        print("calibration (candidates by stated probability → share holding a marked passage):")
        for (tenth, bin) in evaluation.calibration.enumerated() where bin.passages > 0 {
            let stated = bin.probability / Double(bin.passages), share = Double(bin.marked) / Double(bin.passages)
            let range = String(format: "%.1f–%.1f", Double(tenth) / 10, Double(tenth + 1) / 10)
            print("  \(range): " + String(format: "stated %.3f → %.3f  (%d)", stated, share, bin.passages))
        }
        print(
            String(
                format: "expected calibration error: %.3f (candidates stated 0.1 or more: %.3f)",
                evaluation.calibrationError(), evaluation.calibrationError(fromTenth: 1)))
    }

    /// Timed apart from the scoring, fastest of `repeat` passes: a pass is short and a machine is noisy.
    private func printSpeed(_ documents: [ExtractedDocument], detector: ClauseDetector, names: [String]) throws {
        let texts = documents.map { $0.pages.map(\.text).joined(separator: "\n") }
        let clock = ContinuousClock()
        let megabytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) / 1_000_000
        let modelSeconds = fastest(clock) {
            for document in documents {
                _ = ContractClauses.find(in: document, chunking: ChunkingSpec(), detector: detector)
            }
        }
        let referenceSeconds = fastest(clock) {
            for text in texts { _ = ClauseNameSearch.found(in: text, categories: names) }
        }
        print(
            String(
                format: "speed: model %.1f MB/s, name search %.1f MB/s (one core, %.2f MB, fastest of %d passes)",
                megabytes / modelSeconds, megabytes / referenceSeconds, megabytes, passes))
    }

    private func fastest(_ clock: ContinuousClock, _ pass: () -> Void) -> Double {
        (0..<max(1, passes)).map { _ in clock.measure(pass).inSeconds }.min() ?? 0
    }

    private func format(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }

    private func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            cell.padding(toLength: index == 0 ? 36 : 11, withPad: " ", startingAt: 0)
        }.joined()
    }
}

/// The batch hands documents over one at a time.
private final class Documents: Sendable {
    let byIndex = Mutex<[Int: ExtractedDocument]>([:])
}
