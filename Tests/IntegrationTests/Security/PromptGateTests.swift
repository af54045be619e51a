import DocketDecide
import DocketModel
import DocketTestSupport
import Foundation
import Testing

/// Everything a prompt carries goes through the gate: the document name and the heading path
/// count as much as the chunk text. A real `docket run`, two loopback endpoints that keep every
/// request body: `eu-cloud` cleared `internal`, `local` cleared `restricted`.
@Suite(.serialized) struct PromptGateTests {
    static let secrets = ["jane.doe", "DE89370400440532013000", "HIV", "JOHN DOE"]
    static let hostileName = "jane.doe@example.com DE89370400440532013000 HIV.txt"
    static let clauses = """
        1. Term
        This agreement runs for two years from the effective date and renews for one more year unless a party gives\
         notice.

        2. Fees
        The customer pays the fees in the order form within thirty days of the date of the invoice.

        """
    /// Sub-clauses small enough to be chunks of their own: their heading path names the schedule,
    /// whose heading sits in another chunk.
    static let schedule = """
        SCHEDULE 1 HIV DIAGNOSIS OF JOHN DOE

        1.1 Term
        This agreement runs for two years from the effective date and renews for one more year unless a party gives\
         notice.

        1.2 Fees
        The customer pays the fees in the order form within thirty days of the date of the invoice, without any set-off.

        """

    func pipeline(in folder: URL, cloud: FaultServer, local: FaultServer) throws -> URL {
        let task = try CLIFixtures.task(in: folder)
        let yaml = """
            name: gate
            output: \(folder.path)/out
            inputs: [{ folder: \(folder.path)/in }]
            chunking: { max_tokens: 60, overlap_tokens: 0 }
            classification:
              levels: [public, internal, confidential, restricted]
              default: internal
              rules:
                - { if: { detectors: [email, iban] }, level: restricted }
                - { if: { categories: [gdpr_art9] }, level: restricted }
            endpoints:
              eu-cloud: { url: "\(cloud.url)", model: m, sovereignty: eu-cloud, clearance: internal, context_tokens:\
             32000 }
              local: { url: "\(local.url)", model: m, sovereignty: self-hosted, clearance: restricted,\
             context_tokens: 32000 }
            routing:
              - { if: { levels: [public, internal] }, use: [eu-cloud, local] }
              - { use: [local] }
            tasks:
            \(task)
            """
        let url = folder.appendingPathComponent("pipeline.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func theNameAndHeadingsOfADocumentNeverReachAnEndpointClearedBelowThem() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cloudBodies = folder.appendingPathComponent("cloud"), localBodies = folder.appendingPathComponent("local")
        for url in [cloudBodies, localBodies, folder.appendingPathComponent("in")] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        let cloud = try FaultServer(mode: "ok", dump: cloudBodies),
            local = try FaultServer(mode: "ok", dump: localBodies)
        let hostile = folder.appendingPathComponent("in/\(Self.hostileName)")
        try ("SERVICES AGREEMENT\n\n" + Self.clauses + Self.schedule).write(
            to: hostile, atomically: true, encoding: .utf8)
        // The same clauses under a plain name and headings: these may go to the cloud, so the
        // test shows that the cloud endpoint is used at all.
        try ("SERVICES AGREEMENT\n\n" + Self.clauses).write(
            to: folder.appendingPathComponent("in/ordinary.txt"),
            atomically: true, encoding: .utf8)
        let pipeline = try pipeline(in: folder, cloud: cloud, local: local)
        let run = try CLIFixtures.docket(["run", pipeline.path, "--run-id", "gate"])
        #expect(run.status == 0, "\(run.error)")

        let sentToCloud = FaultServer.bodies(in: cloudBodies), sentLocally = FaultServer.bodies(in: localBodies)
        #expect(sentToCloud.contains { $0.contains("ordinary.txt") }, "the cloud endpoint received nothing at all")
        for body in sentToCloud {
            for secret in Self.secrets {
                #expect(!body.contains(secret), "`\(secret)` reached the endpoint cleared internal")
            }
        }
        // The hostile document's clauses outside the schedule went to the cloud under the alias;
        // the sub-clauses whose heading path names the schedule went to the endpoint cleared for it.
        let sha = try ContentHash.sha256(ofFile: hostile.path)
        #expect(sentToCloud.contains { $0.contains(DocumentAlias.name(sha256: sha)) })
        #expect(sentLocally.contains { $0.contains("HIV DIAGNOSIS OF JOHN DOE > 1.2 Fees") })
    }

    @Test func routeExplainSaysWhichPartOfThePromptRaisedTheLevel() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("in"), withIntermediateDirectories: true)
        let cloud = try FaultServer(mode: "ok"), local = try FaultServer(mode: "ok")
        let hostile = folder.appendingPathComponent("in/\(Self.hostileName)")
        try Self.schedule.write(to: hostile, atomically: true, encoding: .utf8)
        let explained = try CLIFixtures.docket([
            "route", "--explain", "--pipeline",
            try pipeline(in: folder, cloud: cloud, local: local).path, hostile.path,
        ])
        #expect(explained.status == 0, "\(explained.error)")
        #expect(explained.output.contains("prompt part chunk.heading: restricted (health"))
        #expect(explained.output.contains("prompt part chunk.text: internal"))
        #expect(explained.output.contains("prompt part document.name: restricted"))
        #expect(cloud.requests.isEmpty && local.requests.isEmpty)
    }

    /// People, addresses and phone numbers found in free text show in `route --explain` by type and
    /// offset, never by value, and make an HR letter restricted.
    @Test func routeExplainShowsFreeTextPersonalDataWithoutValues() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let letter = folder.appendingPathComponent("brief.txt")
        let values = ["Anežka K. Matějková", "Leopoldstraße 118, 80804 München", "0176 1234 5678"]
        try "Vertrag\n\nDie Arbeitnehmerin, \(values[0]), wohnhaft \(values[1]), Tel. \(values[2]).\n"
            .write(to: letter, atomically: true, encoding: .utf8)
        let hrFiles = TestPaths.repositoryRoot.appendingPathComponent("Pipelines/hr-files.yaml")
        let explained = try CLIFixtures.docket(["route", "--explain", "--pipeline", hrFiles.path, letter.path])
        #expect(explained.status == 0, "\(explained.error)")
        #expect(explained.output.contains("prompt part chunk.text: restricted (person, phone, postal_address)"))
        for value in values + ["Matějková", "Leopoldstraße", "1234"] {
            #expect(!explained.output.contains(value) && !explained.error.contains(value), "\(value)")
        }
    }
}
