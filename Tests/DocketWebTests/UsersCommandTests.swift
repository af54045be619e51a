import DocketRecords
import DocketTestSupport
import Foundation
import Testing

@testable import DocketAudit
@testable import DocketStore
@testable import DocketWeb

/// `docket users` as an administrator uses it: the password comes on standard input.
@Suite struct UsersCommandTests {
    struct Output {
        var status: Int32
        var text: String
    }

    func docket(_ arguments: [String], input: String = "") throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    @Test func accountsAreAddedWithAPasswordFromStandardInputAndManaged() async throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("users-\(UUID()).sqlite").path
        let added = try docket(
            ["users", "add", "Anna", "--role", "reviewer", "--store", store], input: "correct horse battery\n")
        #expect(added.status == 0, "\(added.text)")
        // Too short a password, no role, a name that is none: refused, nothing added.
        #expect(try docket(["users", "add", "ben", "--role", "admin", "--store", store], input: "short\n").status != 0)
        #expect(try docket(["users", "add", "ben", "--store", store], input: "correct horse battery\n").status != 0)
        #expect(try docket(["users", "add", "b n", "--role", "admin", "--store", store]).status != 0)
        let listed = try docket(["users", "list", "--store", store])
        #expect(listed.text.contains("anna\treviewer\tactive") && !listed.text.contains("ben"))

        let opened = try await SQLRunStore(sqlite: store)
        let anna = try #require(try await opened.account(named: "anna"))
        #expect(try await PasswordHasher.verify("correct horse battery", hash: anna.passwordHash))
        #expect(!anna.passwordHash.contains("correct horse"))

        #expect(try docket(["users", "role", "anna", "--add", "auditor", "--store", store]).status == 0)
        #expect(try await opened.account(named: "anna")?.roles == [.reviewer, .auditor])
        let session = WebSession(
            tokenHash: "t", accountID: anna.id, csrfToken: "c", createdAt: Date(), lastSeenAt: Date())
        try await opened.createSession(session)
        #expect(try docket(["users", "disable", "anna", "--store", store]).status == 0)
        #expect(try await opened.account(named: "anna")?.disabled == true)
        #expect(try await opened.session(tokenHash: "t") == nil)
        let reset = try docket(
            ["users", "reset-password", "anna", "--store", store], input: "another long passphrase\n")
        #expect(reset.status == 0, "\(reset.text)")
        let after = try #require(try await opened.account(named: "anna"))
        #expect(try await PasswordHasher.verify("another long passphrase", hash: after.passwordHash))
        // Each change is in the trail, as the system user's, without the passwords.
        let trail = try await opened.auditRecords(kinds: [.account])
        #expect(
            trail.map { $0.outcome.components(separatedBy: ": ").last ?? "" } == [
                "added (roles reviewer)", "roles (reviewer → auditor, reviewer)", "disabled", "password",
            ])
        #expect(trail.allSatisfy { $0.actor == "cli:\(ProcessInfo.processInfo.userName)" })
        #expect(!trail.map(\.outcome).joined().contains("correct horse"))
    }
}
