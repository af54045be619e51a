import ArgumentParser
import DocketAudit
import DocketRun
import DocketStore
import Foundation

/// `docket erase --document SHA256`: a document erased on request (GDPR Art. 17).
struct EraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a document from a store and its runs' folders (GDPR Art. 17).",
        discussion: """
            Removes the document's pages, chunks, units, results and plans, the text that models and \
            people wrote about it in the audit trail and in challenges, and its reports; rewrites the \
            results, summaries and indexes of every run that showed it. The trail keeps what proves each \
            decision (ids, hashes, levels, rules, models), records the erasure, and still verifies. \
            Page texts written by `docket ingest` to a folder of your choice are not touched: remove \
            documents/<first 16 of the sha256>/ there.
            """)

    @Option(help: "The document's sha256 (as reports, results.jsonl and `docket audit show` give it).")
    var document: String
    @Option(help: "Who erases it (recorded in the trail).")
    var by: String
    @Option(help: "A ticket or request number for the record: letters, digits, `.`, `_`, `-`.")
    var reference: String?
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard document.count == 64, document.allSatisfy(\.isHexDigit) else {
            throw ValidationError("--document takes the 64 hexadecimal digits of the document's sha256")
        }
        if let reference, !DocumentEraser.isValidReference(reference) {
            throw ValidationError(
                "--reference takes up to 64 letters, digits, `.`, `_` or `-` (a ticket number, not a name)")
        }
    }

    func run() async throws {
        let sha256 = document.lowercased()
        let actor = try HumanActor.commandLine(by)
        var erasedAnywhere = false
        for location in try storeOptions.locations() {
            let database = try await StoreFactory.open(location)
            let outcome = try await DocumentEraser.erase(
                sha256: sha256, by: actor, reference: reference, store: database)
            erasedAnywhere = erasedAnywhere || outcome.erasedAnything
            let display = StoreFactory.display(location)
            if outcome.uploadedCopies > 0 { print("\(display): \(outcome.uploadedCopies) uploaded copies removed") }
            guard let counts = outcome.counts else { continue }
            print(
                "\(display): erased \(counts.pages) pages, \(counts.units) units, \(counts.results) results, "
                    + "\(counts.auditTexts) audit texts")
            for run in outcome.unwritable {
                print(
                    "run \(run): its pipeline file cannot be read; remove its reports of \(sha256.prefix(12)) by hand")
            }
            for (run, folder) in outcome.rewritten {
                print("run \(run): reports and results rewritten without it (\(folder))")
            }
        }
        guard erasedAnywhere else { throw ValidationError("no store holds a document with sha256 \(sha256)") }
    }
}
