import ArgumentParser
import DocketAudit
import DocketStore
import Foundation

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the hash chain; exit 1 at the first broken record.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "A head hash printed by an earlier verify and kept elsewhere: the trail must still hold it.")
    var head: String?

    func run() async throws {
        let paths = try storeOptions.locations()
        guard !paths.isEmpty else { throw ValidationError("no store found: give one with --store") }
        var broken = false
        for path in paths {
            let database = try await StoreFactory.open(path)
            let report = try await AuditVerifier.verify(store: database, expectedHead: head)
            if let problem = report.problem {
                broken = true
                print("\(StoreFactory.display(path)): BROKEN at record \(report.firstBroken ?? 0): \(problem)")
            } else {
                print("\(StoreFactory.display(path)): intact, \(report.checked) records; head \(report.head)")
            }
        }
        if broken { throw ExitCode(1) }
    }
}
