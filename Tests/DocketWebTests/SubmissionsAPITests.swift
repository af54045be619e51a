import DocketTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Testing

@testable import DocketAudit
@testable import DocketModel
@testable import DocketRecords
@testable import DocketStore
@testable import DocketWeb

/// The JSON API a document-management system pushes to: by an account's token, which the store
/// keeps hashed; the account sees and does what it would in the workspace.
@Suite struct SubmissionsAPITests {
    static func token(for account: Account, store: SQLRunStore) async throws -> String {
        let token = APIAccess.newToken()
        try await store.setAPIToken(account: account.id, tokenHash: APIAccess.hash(token), at: Date())
        return token
    }

    static func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        json: Data? = nil, cookie: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = cookie }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers,
            body: json.map { ByteBuffer(bytes: $0) })
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response.status, object)
    }

    @Test func aTokenSubmitsAndFollowsItsSubmissionToItsRun() async throws {
        let setup = try await WebSubmitTests().setup()
        let dms = try await WebReviewTests.person("dms", [.submitter], store: setup.store)
        let other = try await WebReviewTests.person("other", [.submitter], store: setup.store)
        let auditor = try await WebReviewTests.person("aude", [.auditor], store: setup.store)
        let token = try await Self.token(for: dms.account, store: setup.store)
        let otherToken = try await Self.token(for: other.account, store: setup.store)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("mutual-nda.pdf")))
        let body = try JSONSerialization.data(withJSONObject: [
            "pipeline": "contracts", "note": "from the DMS",
            "files": [["name": "contracts/mutual-nda.pdf", "content": pdf.base64EncodedString()]],
        ])
        let app = Application(router: WebApp.router(store: setup.store, settings: setup.settings))
        try await app.test(.router) { client in
            // No token, a wrong one, or only a session cookie: refused.
            #expect(try await Self.call(client, .post, "/api/submissions", token: nil, json: body).0 == .unauthorized)
            #expect(
                try await Self.call(client, .post, "/api/submissions", token: "dkt_guess", json: body).0
                    == .unauthorized)
            #expect(
                try await Self.call(client, .post, "/api/submissions", token: nil, json: body, cookie: dms.cookie).0
                    == .unauthorized)
            let auditorToken = try await Self.token(for: auditor.account, store: setup.store)
            #expect(
                try await Self.call(client, .post, "/api/submissions", token: auditorToken, json: body).0 == .forbidden)
            let (badStatus, bad) = try await Self.call(
                client, .post, "/api/submissions", token: token, json: Data(#"{"pipeline": "contracts"}"#.utf8))
            #expect(badStatus == .badRequest && (bad["error"] as? String)?.contains("files") == true)

            let (status, created) = try await Self.call(client, .post, "/api/submissions", token: token, json: body)
            #expect(status == .created)
            let id = try #require(created["id"] as? String)
            let files = try #require(created["files"] as? [[String: String]])
            #expect(files == [["name": "mutual-nda.pdf", "sha256": ContentHash.sha256(of: Array(pdf))]])
            let stored = try #require(try await setup.store.submissions(pipeline: "contracts").first { $0.id == id })
            #expect(stored.submittedBy == dms.actor.recorded && stored.note == "from the DMS")
            #expect(stored.startNow, "a system that pushes starts at once unless it says \"start\": false")
            let waiting = try JSONSerialization.data(withJSONObject: [
                "pipeline": "contracts", "start": false,
                "files": [["name": "mutual-nda.pdf", "content": pdf.base64EncodedString()]],
            ])
            let (_, later) = try await Self.call(client, .post, "/api/submissions", token: token, json: waiting)
            let laterID = try #require(later["id"] as? String)
            #expect(
                try await setup.store.submissions(pipeline: "contracts").first { $0.id == laterID }?.startNow == false)

            // A run takes it up; the submitter follows it there, another submitter sees neither.
            try await setup.store.createRun(
                RunRecord(
                    id: "r-api", pipeline: "contracts", pipelineFile: "p.yaml", ruleSetVersion: "v",
                    status: .running, startedAt: Date()))
            try await setup.store.markSubmissions([id], status: .running, run: "r-api")
            let (_, followed) = try await Self.call(client, .get, "/api/submissions/\(id)", token: token)
            #expect(followed["run"] as? String == "r-api" && followed["status"] as? String == "running")
            let (runStatus, run) = try await Self.call(client, .get, "/api/runs/r-api", token: token)
            #expect(runStatus == .ok && run["status"] as? String == "running" && run["counts"] != nil)
            #expect(try await Self.call(client, .get, "/api/submissions/\(id)", token: otherToken).0 == .notFound)
            #expect(try await Self.call(client, .get, "/api/runs/r-api", token: otherToken).0 == .notFound)

            // Revoked, or the account disabled: the token no longer works.
            try await setup.store.setAPIToken(account: other.account.id, tokenHash: nil, at: Date())
            #expect(try await Self.call(client, .get, "/api/runs/r-api", token: otherToken).0 == .unauthorized)
            var disabled = dms.account
            disabled.disabled = true
            try await setup.store.updateAccount(disabled)
            #expect(try await Self.call(client, .get, "/api/runs/r-api", token: token).0 == .unauthorized)
        }
    }

    /// A run's documents come a page at a time, numbered (no server path to continue after), each once.
    @Test func aRunsDocumentsComeAPageAtATime() async throws {
        var setup = try await WebSubmitTests().setup()
        setup.settings.apiPageSize = 2
        let admin = try await WebReviewTests.person("ada", [.admin], store: setup.store)
        let token = try await Self.token(for: admin.account, store: setup.store)
        try await setup.store.createRun(
            RunRecord(
                id: "r-pages", pipeline: "contracts", pipelineFile: "p.yaml", ruleSetVersion: "v",
                status: .completed, startedAt: Date()))
        let names = (1...5).map { "contract-\($0).pdf" }
        for name in names.shuffled() {
            try await setup.store.recordRunDocument(
                run: "r-pages", path: "/srv/in/\(name)", sha256: ContentHash.sha256(of: Array(name.utf8)), error: nil)
        }
        let app = Application(router: WebApp.router(store: setup.store, settings: setup.settings))
        try await app.test(.router) { client in
            var seen: [String] = []
            var next: String? = "/api/runs/r-pages"
            while let uri = next, seen.count <= names.count {
                let (status, page) = try await Self.call(client, .get, uri, token: token)
                #expect(status == .ok)
                let documents = try #require(page["documents"] as? [[String: Any]])
                #expect(documents.count <= 2)
                #expect(documents.allSatisfy { ($0["name"] as? String).map { !$0.contains("/") } == true })
                seen += documents.compactMap { $0["name"] as? String }
                next = page["next"] as? String
            }
            #expect(seen == names)
        }
    }

    @Test func docketUsersTokenPrintsATokenOnceAndTheStoreKeepsItsHash() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID()).sqlite").path
        let cli = UsersCommandTests()
        #expect(
            try cli.docket(
                ["users", "add", "dms", "--role", "submitter", "--store", path], input: "correct horse battery\n"
            )
            .status == 0)
        let issued = try cli.docket(["users", "token", "dms", "--store", path])
        #expect(issued.status == 0, "\(issued.text)")
        let token = issued.text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("dkt_") && token.count == 68)
        let store = try await SQLRunStore(sqlite: path)
        #expect(try await store.account(apiTokenHash: APIAccess.hash(token))?.name == "dms")
        // The token itself is nowhere in the store's files.
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(token.utf8)) == nil)
        }
        #expect(try cli.docket(["users", "token", "dms", "--revoke", "--store", path]).status == 0)
        #expect(try await store.account(apiTokenHash: APIAccess.hash(token)) == nil)
    }
}
