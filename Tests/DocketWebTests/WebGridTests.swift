import DocketDecide
import DocketTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import StoreTestSupport
import Testing

@testable import DocketAudit
@testable import DocketRecords
@testable import DocketStore
@testable import DocketWeb

/// The clause grid in the workspace: cells that link to their page and decision, filters and order from the
/// query, the CSV and XLSX downloads of the same grid, and nothing for a person who may not read the run.
@Suite(.serialized) struct WebGridTests {
    static func store() async throws -> SQLRunStore {
        let store = try await SQLRunStore(
            sqlite: FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UUID()).sqlite").path)
        try await ClauseGridFixture.fill(store)
        return store
    }

    @Test func theGridShowsEachDocumentsAnswersWithLinksToTheirPagesAndDecisions() async throws {
        let store = try await Self.store()
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        try await WebReviewTests.app(store).test(.router) { client in
            let run = String(buffer: try await WebReviewTests.get(client, "/runs/grid-run", as: ada).body)
            #expect(run.contains("href=\"/runs/grid-run/grid\""))
            let response = try await WebReviewTests.get(client, "/runs/grid-run/grid", as: ada)
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            // The default columns: a transaction review's list, Governing Law among them.
            #expect(page.contains("<a href=\"/runs/grid-run/grid?col=Parties"))
            let a = ClauseGridFixture.sha("a")
            #expect(
                page.contains("href=\"/runs/grid-run/documents/\(a)/pages/2?from=200&amp;to=250#cited\">Germany</a>"))
            let decision = DecisionRecords.clauseID(run: "grid-run", document: a, category: "Governing Law")
            #expect(page.contains("href=\"/decisions/\(decision)\""))
            #expect(page.contains("5 documents match"))
        }
    }

    @Test func theQueryFiltersAndOrdersAndTheDownloadsHoldTheSameRows() async throws {
        let store = try await Self.store()
        try await ClauseGridFixture.overturn(
            store, sha256: ClauseGridFixture.sha("b"), category: "Governing Law", value: "Scotland")
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        // As a browser's form sends it: spaces as "+".
        let query =
            "col=Governing+Law&col=Change+Of+Control&f.Change+Of+Control=missing&a.Governing+Law=&sort=Governing+Law"
        try await WebReviewTests.app(store).test(.router) { client in
            let page = String(
                buffer: try await WebReviewTests.get(client, "/runs/grid-run/grid?\(query)", as: ada).body)
            #expect(page.contains("4 documents match"))
            let b = try #require(page.range(of: "b-nda.pdf")), c = try #require(page.range(of: "c, supply.pdf"))
            // In the order of what the clause stage found: a review's value shows, it does not reorder.
            #expect(b.lowerBound < c.lowerBound)
            #expect(page.contains("Scotland") && page.contains("the clause stage found: England and Wales"))
            let csv = try await WebReviewTests.get(client, "/runs/grid-run/grid.csv?\(query)", as: ada)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("grid-run-clause-grid.csv") == true)
            let lines = String(buffer: csv.body).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "document,Governing Law,Change Of Control")
            #expect(lines.count == 5 && lines.contains("b-nda.pdf,Scotland,not found"))
            let xlsx = try await WebReviewTests.get(client, "/runs/grid-run/grid.xlsx?\(query)", as: ada)
            #expect(xlsx.status == .ok && Data(buffer: xlsx.body).prefix(2) == Data("PK".utf8))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UUID()).xlsx")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(buffer: xlsx.body).write(to: file)
            let rows = try XLSXReader.rows(file.path)
            #expect(rows.count == lines.count && rows[0] == ["document", "Governing Law", "Change Of Control"])
            #expect(rows[1] == ["b-nda.pdf", "Scotland", "not found"])
        }
    }

    /// On a real run: `docket grid` gives each document's governing law as the clause stage found it.
    @Test func theCommandGivesTheGoverningLawTheClauseStageFoundInCSVAndXLSX() async throws {
        let (store, summary) = try await WebRun.shared.get()
        let documents = try await store.runDocuments(run: summary.runID)
        let found = documents.map { document in
            document.plan?.clauses?.categories.first { $0.name == "Governing Law" }?.answer
        }
        #expect(found.contains("England and Wales"))  // the sample NDA's, as the clause stage reads it
        let arguments = ["grid", summary.runID, "--store", WebRun.shared.storePath, "--categories", "governing law"]
        let csv = try CLIFixtures.docket(arguments)
        #expect(csv.status == 0, "\(csv.error)")
        let expected =
            ["document,Governing Law"]
            + zip(documents, found).map { "\(($0.path as NSString).lastPathComponent),\($1 ?? "not found")" }
        #expect(csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty } == expected)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UUID()).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let xlsx = try CLIFixtures.docket(arguments + ["--format", "xlsx", "--output", file.path])
        #expect(xlsx.status == 0, "\(xlsx.error)")
        #expect(try XLSXReader.rows(file.path).map { $0.joined(separator: ",") } == expected)
        let unknown = try CLIFixtures.docket([
            "grid", summary.runID, "--store", WebRun.shared.storePath, "--categories", "Law",
        ])
        #expect(unknown.status != 0 && unknown.error.contains("no clause category \"Law\""))
    }

    /// In a real browser, at 1,400 and 1,000 px (screenshots in DOCKET_SCREENSHOTS when set): the run's page
    /// leads to the grid, a column's filter and a heading's sort work as a person uses them, the CSV download
    /// holds the rows shown, and the table scrolls inside the page rather than widening it; then a search from
    /// the header finds the pages, marks the matches and leads to the page with the match marked.
    @Test func aLawyerUsesTheGridAndTheSearchInARealBrowser() async throws {
        try #require(WebDriver.available, "chromedriver is missing: run scripts/setup.sh")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UUID()).sqlite").path
        let store = try await SQLRunStore(sqlite: path)
        try await ClauseGridFixture.fill(store)
        let password = "a long enough password"
        let lea = Account(name: "lea", passwordHash: try await PasswordHasher.hash(password), roles: [.admin])
        try await store.addAccount(lea)
        let (server, base) = try await WebReviewTests.serve(store: path)
        defer { server.terminate() }
        let browser = try await WebDriver.start()
        do {
            try await browser.resize(width: 1400, height: 900)
            try await WebReviewTests.signIn(browser, base, name: lea.name, password: password)
            try await browser.open(base + "/runs/grid-run")
            try await browser.click("a[href='/runs/grid-run/grid']")
            #expect(try await browser.source(containing: "5 documents match").contains("Germany"))
            try await browser.screenshot("grid-1400")
            try await browser.click("select[name='f.Change Of Control'] option[value=missing]")
            try await browser.click("table.grid .filters button")
            #expect(try await browser.source(containing: "4 documents match").contains("b-nda.pdf"))
            try await browser.click("th a[href*='sort=Governing%20Law']")
            let sorted = try await browser.source(containing: "▲")
            let b = try #require(sorted.range(of: "b-nda.pdf")), c = try #require(sorted.range(of: "c, supply.pdf"))
            #expect(b.lowerBound < c.lowerBound && !sorted.contains("a-services.pdf"))
            let csv =
                try await browser.script(
                    "return fetch(document.querySelector('p.downloads a').href).then(r => r.text())") as? String
            let lines = csv?.components(separatedBy: "\r\n").filter { !$0.isEmpty } ?? []
            #expect(lines.count == 5 && lines[1].hasPrefix("b-nda.pdf,"))
            try await browser.resize(width: 1000, height: 900)
            try await browser.screenshot("grid-1000")
            // The grid scrolls in its own box: the page itself is no wider than the window.
            let overflow =
                try await browser.script(
                    "return document.documentElement.scrollWidth <= window.innerWidth") as? Bool
            #expect(overflow == true)
            // Search, from the header: a prefix, the hits with their matches marked, then the page with it.
            try await browser.click("header a[href='/search']")
            try await browser.type("terminat*", into: "form.search input[name=q]")
            try await browser.click("form.search button")
            let hits = try await browser.source(containing: "<mark>")
            #expect(hits.contains("c, supply.pdf") && hits.contains("<mark>Termination</mark>"))
            try await browser.screenshot("search-1000")
            try await browser.resize(width: 1400, height: 900)
            try await browser.screenshot("search-1400")
            try await browser.click("ol.hits a[href*='/pages/']")
            #expect(try await browser.source(containing: "id=\"cited\"").contains("<mark id=\"cited\">"))
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test func aPersonWhoMayNotReadTheRunGetsNoGridAndNoDownload() async throws {
        let store = try await Self.store()
        let sue = try await WebReviewTests.person("sue", [.submitter], store: store)
        try await WebReviewTests.app(store).test(.router) { client in
            for uri in ["/runs/grid-run/grid", "/runs/grid-run/grid.csv", "/runs/grid-run/grid.xlsx"] {
                let status = try await WebReviewTests.get(client, uri, as: sue).status
                #expect(status == .notFound, "\(uri)")
            }
        }
    }

    @Test func anUnknownCategoryIsExplainedNotIgnored() async throws {
        let store = try await Self.store()
        let ada = try await WebReviewTests.person("ada", [.admin], store: store)
        try await WebReviewTests.app(store).test(.router) { client in
            let response = try await WebReviewTests.get(client, "/runs/grid-run/grid?col=Governing+Lawz", as: ada)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("no clause category"))
        }
    }
}
