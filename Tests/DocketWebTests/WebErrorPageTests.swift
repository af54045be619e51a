import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import DocketRecords
@testable import DocketStore
@testable import DocketWeb

/// A refused or unknown page is a page of the workspace, in its layout, saying what happened; the JSON API
/// and the scripts keep their bodies. Every refusal is logged with ids only, never the query.
@Suite struct WebErrorPageTests {
    /// The log lines the workspace writes, kept for the test.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
    }

    struct Capture: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            let fields = (metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            lines.lines.withLock { $0.append(([message.description] + fields).joined(separator: " ")) }
        }
    }

    static let html: HTTPFields = [.accept: "text/html,application/xhtml+xml"]

    @Test func aRefusedOrUnknownPageIsAPageOfTheWorkspaceAndIsLogged() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("errors-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLRunStore(sqlite: folder.appendingPathComponent("store.sqlite").path)
        let sam = try await WebReviewTests.person("sam", [.submitter], store: store)
        let lines = Lines()
        let app = Application(
            router: WebApp.router(store: store, settings: WebApp.Settings()),
            logger: Logger(label: "docket.web", factory: { _ in Capture(lines: lines) }))
        try await app.test(.router) { client in
            let unknown = try await client.execute(
                uri: "/nowhere?after=/srv/in/Kessler-contract.pdf", method: .get, headers: Self.html)
            #expect(unknown.status == .notFound)
            let page = String(buffer: unknown.body)
            #expect(page.contains("<h1>Not found</h1>") && page.contains("/assets/docket.css"))
            var headers = Self.html
            headers[.cookie] = sam.cookie
            // A submitter may not open the review queue: a page that says so, with their account in the head.
            let refused = try await client.execute(uri: "/review", method: .get, headers: headers)
            #expect(refused.status == .forbidden)
            let forbidden = String(buffer: refused.body)
            #expect(forbidden.contains("Not for this account") && forbidden.contains(sam.account.name))
            #expect(refused.headers[.contentSecurityPolicy] != nil)
            // Not a browser's page request, or the JSON API: no page.
            #expect(try await client.execute(uri: "/nowhere", method: .get).body.readableBytes == 0)
            let api = try await client.execute(uri: "/api/runs/none", method: .get, headers: Self.html)
            #expect(!String(buffer: api.body).contains("<html"))
            // The icon a browser asks for.
            let favicon = try await client.execute(uri: "/favicon.ico", method: .get)
            #expect(favicon.headers[.location] == "/assets/favicon.svg")
            let icon = try await client.execute(uri: "/assets/favicon.svg", method: .get)
            #expect(icon.status == .ok && icon.headers[.contentType] == "image/svg+xml; charset=utf-8")
        }
        let refusals = lines.all.filter { $0.hasPrefix("request refused") }
        #expect(refusals.contains { $0.contains("status=404") && $0.contains("path=/nowhere") })
        #expect(refusals.contains { $0.contains("status=403") && $0.contains("account=\(sam.account.id)") })
        #expect(!lines.all.contains { $0.contains("Kessler") || $0.contains("/srv/in") })
    }
}
