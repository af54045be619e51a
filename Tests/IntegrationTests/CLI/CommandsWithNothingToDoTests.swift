import DocketTestSupport
import Foundation
import Testing

@testable import DocketStore

/// Run outside the project folder, a command that finds no pipelines or no store says what it
/// looked for and where, and exits non-zero (it printed nothing and exited 0).
@Suite struct CommandsWithNothingToDoTests {
    @Test func noPipelinesAndNoStoreAreErrors() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("nothing-\(UUID())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let noStore = ["DOCKET_STORE": "", "DOCKET_STORE_URL": ""]
        for arguments in [["schedule", "list"], ["serve", "--once"]] {
            let result = try CLIFixtures.docket(arguments, in: empty, environment: noStore)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.error.contains("no Pipelines/*.yaml in \(empty.path)"), "\(arguments): \(result.error)")
        }
        for arguments in [["runs"], ["review", "list"], ["submissions"], ["audit", "verify"], ["cost"]] {
            let result = try CLIFixtures.docket(arguments, in: empty, environment: noStore)
            #expect(result.status == 64, "\(arguments)")
            #expect(
                result.error.contains("no Output/*/docket.sqlite in \(empty.path)"), "\(arguments): \(result.error)")
        }
        // With a store found, the same command works and says when there is nothing in it.
        let store = empty.appendingPathComponent("Output/p/docket.sqlite")
        try FileManager.default.createDirectory(
            at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = try await SQLRunStore(sqlite: store.path)
        let listed = try CLIFixtures.docket(["review", "list"], in: empty, environment: noStore)
        #expect(listed.status == 0 && listed.output.contains("no challenges waiting for review"))
    }
}
