import DocketTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

@testable import DocketAudit
@testable import DocketModel
@testable import DocketRecords
@testable import DocketRun
@testable import DocketStore
@testable import DocketWeb

/// Submitting from the browser: files and zipped folders, written owner-only into the submission's
/// folder, recorded by account; hostile archives and names refused whole, with a reason.
@Suite struct WebSubmitTests {
    struct Setup {
        var store: SQLRunStore
        var settings: WebApp.Settings
        var output: String
    }

    func setup(limits: SubmissionUpload.Limits = SubmissionUpload.Limits()) async throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("submit-\(UUID())")
        let pipelines = folder.appendingPathComponent("pipelines")
        try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("out").path
        let file = try SamplePipeline.write(name: "contracts", in: folder, quoting: false)
        try FileManager.default.moveItem(at: file, to: pipelines.appendingPathComponent("contracts.yaml"))
        var settings = WebApp.Settings()
        settings.pipelines = pipelines.path
        settings.uploadLimits = limits
        let store = try await SQLRunStore(sqlite: folder.appendingPathComponent("docket.sqlite").path)
        return Setup(store: store, settings: settings, output: output)
    }

    static func multipart(_ fields: [(String, String)], files: [(String, Data)]) -> (String, ByteBuffer) {
        let boundary = "docket-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (name, data) in files {
            body.append(
                Data(
                    ("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n").utf8))
            body.append(data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: body))
    }

    static func zip(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return try #require(archive.data)
    }

    func post(
        _ setup: Setup, as person: WebReviewTests.Person, fields: [(String, String)], files: [(String, Data)]
    ) async throws -> (HTTPResponse.Status, String) {
        let (type, body) = Self.multipart(fields, files: files)
        return try await Application(router: WebApp.router(store: setup.store, settings: setup.settings)).test(
            .router
        ) { client in
            let response = try await client.execute(
                uri: "/submit", method: .post, headers: [.contentType: type, .cookie: person.cookie], body: body)
            return (response.status, String(buffer: response.body))
        }
    }

    /// A submission shows by the matter its submitter named, with its note and its files by name (never the
    /// server's folder); its run then shows by that matter too.
    @Test func aSubmissionAndItsRunShowByTheirMatter() async throws {
        let setup = try await setup()
        let sam = try await WebReviewTests.person("sam", [.submitter], store: setup.store)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("mutual-nda.pdf")))
        let files = (1...7).map { ("contract-\($0).pdf", pdf) }
        let (status, _) = try await post(
            setup, as: sam,
            fields: [
                ("csrf", sam.csrf), ("pipeline", "contracts"), ("matter", "Project Falcon"), ("note", "Data room"),
            ],
            files: files)
        #expect(status == .seeOther)
        let submission = try #require(try await setup.store.submissions(pipeline: "contracts").first)
        let app = Application(router: WebApp.router(store: setup.store, settings: setup.settings))
        try await app.test(.router) { client in
            let waiting = String(buffer: try await WebReviewTests.get(client, "/", as: sam).body)
            #expect(waiting.contains("Project Falcon") && waiting.contains("Data room"))
            #expect(waiting.contains("contract-1.pdf, contract-2.pdf") && waiting.contains("and 2 more"))
            #expect(!waiting.contains(submission.folder))
            try await setup.store.createRun(
                RunRecord(
                    id: "r-falcon", pipeline: "contracts", pipelineFile: "p.yaml", ruleSetVersion: "v",
                    status: .running, startedAt: Date()))
            try await setup.store.markSubmissions([submission.id], status: .running, run: "r-falcon")
            let running = String(buffer: try await WebReviewTests.get(client, "/", as: sam).body)
            #expect(running.contains("<a href=\"/runs/r-falcon\">Project Falcon</a>"))
            let run = String(buffer: try await WebReviewTests.get(client, "/runs/r-falcon", as: sam).body)
            #expect(run.contains("<title>Project Falcon · r-falcon · Docket</title>"))
        }
    }

    @Test func filesAndAZippedFolderBecomeASubmissionByTheAccount() async throws {
        let setup = try await setup()
        let sam = try await WebReviewTests.person("sam", [.submitter], store: setup.store)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("mutual-nda.pdf")))
        let docx = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("mutual-nda.docx")))
        let zipped = try Self.zip([("acme/mutual-nda.docx", docx), ("acme/.DS_Store", Data("x".utf8))])
        let (status, _) = try await post(
            setup, as: sam,
            fields: [
                ("csrf", sam.csrf), ("pipeline", "contracts"), ("matter", "Project Falcon"), ("note", "Acme renewal"),
            ],
            files: [("../../etc/mutual-nda.pdf", pdf), ("acme.zip", zipped)])
        #expect(status == .seeOther)
        let submission = try #require(try await setup.store.submissions(pipeline: "contracts").first)
        #expect(submission.submittedBy == sam.actor.recorded && submission.note == "Acme renewal")
        #expect(submission.matter == "Project Falcon")
        // "Start at once" left unticked: it waits for the pipeline's next scheduled run.
        #expect(!submission.startNow)
        #expect(submission.folder == SubmissionUpload.folder(output: setup.output, submission: submission.id))
        // The browser's path is dropped; the zip's folder is kept inside the submission's folder.
        #expect(
            Set(submission.files.map(\.path)) == [
                "\(submission.folder)/mutual-nda.pdf", "\(submission.folder)/acme/acme/mutual-nda.docx",
            ])
        #expect(
            Set(submission.files.map(\.sha256)) == [
                ContentHash.sha256(of: Array(pdf)), ContentHash.sha256(of: Array(docx)),
            ])
        for file in submission.files {
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file.path)")
        }
        let folderMode = try FileManager.default.attributesOfItem(atPath: submission.folder)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }

    @Test(arguments: [
        ("../escape.txt", "outside its folder"), ("/etc/passwd", "outside its folder"),
        ("a//b.txt", "outside its folder"),
    ])
    func aZipWithAnEntryOutsideItsFolderIsRefusedWhole(_ entry: String, _ reason: String) async throws {
        let setup = try await setup()
        let sam = try await WebReviewTests.person("sam", [.submitter], store: setup.store)
        let zipped = try Self.zip([("fine.txt", Data("fine".utf8)), (entry, Data("x".utf8))])
        let (status, page) = try await post(
            setup, as: sam, fields: [("csrf", sam.csrf), ("pipeline", "contracts")],
            files: [("plain.txt", Data("plain".utf8)), ("bundle.zip", zipped)])
        #expect(status == .badRequest)
        #expect(page.contains("bundle.zip") && page.contains(reason))
        #expect(try await setup.store.submissions(pipeline: nil).isEmpty)
        // Nothing of it stays on disk.
        let uploads = setup.output + "/uploads"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty)
    }

    @Test func sizesAndCountsAreCountedNotTrusted() async throws {
        var limits = SubmissionUpload.Limits()
        limits.totalBytes = 1 << 20
        limits.files = 3
        let setup = try await setup(limits: limits)
        let sam = try await WebReviewTests.person("sam", [.submitter], store: setup.store)
        // Two megabytes of zeros deflate to a few kilobytes: the limit holds while inflating.
        let bomb = try Self.zip([("zeros.txt", Data(count: 2 << 20))])
        #expect(bomb.count < 64 << 10)
        let (status, page) = try await post(
            setup, as: sam, fields: [("csrf", sam.csrf), ("pipeline", "contracts")], files: [("bomb.zip", bomb)])
        #expect(status == .badRequest && page.contains("counted while inflating"))
        let many = try Self.zip((1...4).map { ("f\($0).txt", Data("\($0)".utf8)) })
        let (countStatus, countPage) = try await post(
            setup, as: sam, fields: [("csrf", sam.csrf), ("pipeline", "contracts")], files: [("many.zip", many)])
        #expect(countStatus == .badRequest && countPage.contains("more than 3 files"))
        #expect(try await setup.store.submissions(pipeline: nil).isEmpty)
    }

    @Test func onlySubmittersWithTheFormsTokenSubmitToAKnownPipeline() async throws {
        let setup = try await setup()
        let sam = try await WebReviewTests.person("sam", [.submitter], store: setup.store)
        let aude = try await WebReviewTests.person("aude", [.auditor], store: setup.store)
        let file = [("a.txt", Data("text".utf8))]
        #expect(
            try await post(setup, as: aude, fields: [("csrf", aude.csrf), ("pipeline", "contracts")], files: file).0
                == .forbidden)
        #expect(
            try await post(setup, as: sam, fields: [("csrf", "guess"), ("pipeline", "contracts")], files: file).0
                == .forbidden)
        // A pipeline is chosen by name from the folder, never by a path the form gives.
        let (status, page) = try await post(
            setup, as: sam, fields: [("csrf", sam.csrf), ("pipeline", "../pipelines/contracts.yaml")], files: file)
        #expect(status == .badRequest && page.contains("Choose one of the pipelines"))
        #expect(try await setup.store.submissions(pipeline: nil).isEmpty)
    }
}
