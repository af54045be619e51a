import CoreFoundation
import DocketTestSupport
import Foundation
import Testing

@testable import DocketModel
@testable import DocketSpec

/// Files are private and secrets stay out of messages: what `docket` writes is its owner's
/// alone whatever the umask, and a store's password is never printed.
@Suite(.serialized) struct PrivateFilesTests {
    /// Every file and folder under `root` with its permission bits.
    func modes(under root: URL) -> [(path: String, mode: mode_t, folder: Bool)] {
        var found: [(String, mode_t, Bool)] = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let relative = enumerator?.nextObject() as? String {
            var status = stat()
            guard lstat(root.appendingPathComponent(relative).path, &status) == 0 else { continue }
            found.append((relative, status.st_mode & 0o777, status.st_mode & S_IFMT == S_IFDIR))
        }
        return found
    }

    @Test func everythingARunWritesIsTheOwnersAloneWhateverTheUmask() async throws {
        let folder = try CLIFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FaultServer(mode: "ok")
        let pipeline = try CLIFixtures.pipeline("private", endpoint: server.url, in: folder)
        let previous = umask(0o022)
        defer { umask(previous) }
        let run = try CLIFixtures.docket(["run", pipeline.path, "--input", TestPaths.sample("mutual-nda.pdf")])
        #expect(run.status == 0, "\(run.error)")
        let ingest = try CLIFixtures.docket([
            "ingest", TestPaths.sample("mutual-nda.pdf"), "--output", folder.path + "/ingest",
        ])
        #expect(ingest.status == 0, "\(ingest.error)")
        var written =
            modes(under: folder.appendingPathComponent("out")) + modes(under: folder.appendingPathComponent("ingest"))
        #expect(
            written.contains { $0.path.hasSuffix("docket.sqlite") }
                && written.contains { $0.path.hasSuffix("results.jsonl") })
        #expect(written.contains { $0.path.hasSuffix(".html") } && written.contains { $0.path.hasSuffix("0001.txt") })
        for item in written {
            #expect(item.mode & 0o077 == 0, "\(item.path) is \(String(item.mode, radix: 8))")
        }
        // Shared with the group on request: readable by it, never writable.
        let shared = try CLIFixtures.docket(
            ["ingest", TestPaths.sample("mutual-nda.pdf"), "--output", folder.path + "/shared"],
            environment: ["DOCKET_SHARE_WITH_GROUP": "1"])
        #expect(shared.status == 0)
        written = modes(under: folder.appendingPathComponent("shared"))
        #expect(!written.isEmpty && written.allSatisfy { $0.mode & 0o027 == 0 && $0.mode & 0o040 != 0 })
    }

    @Test func storePasswordsAreRedactedInEveryForm() {
        let forms = [
            "postgresql://docket:s3cret@db.internal:5432/docket",
            "postgresql://docket@db.internal/docket?password=s3cret&sslmode=require",
            "postgres://db.internal/docket?sslpassword=s3cret",
            "host=db.internal user=docket password=s3cret dbname=docket",
            "host=db.internal password='s3 cret' dbname=docket",
        ]
        for form in forms {
            let shown = StoreURL.redacted(form)
            #expect(!shown.contains("s3cret") && !shown.contains("cret'"), "\(shown)")
            #expect(shown.contains("db.internal"))
        }
        #expect(StoreURL.redacted("postgresql://db.internal/docket") == "postgresql://db.internal/docket")
    }

    /// An unreachable PostgreSQL store: a clear message naming it without its password, a
    /// non-zero exit, no crash (a libpq handle was freed twice before postgres-nio replaced it).
    @Test func anUnreachableStoreIsNamedWithoutItsPasswordAndNothingCrashes() async throws {
        let url = "postgresql://docket:s3cret@127.0.0.1:1/docket?password=s3cret2"
        for arguments in [
            ["review", "show", "c-1", "--store", url],
            ["challenge", "d-1", "--reason", "wrong", "--by", "x", "--store", url],
            ["status", "r-1", "--store", url],
            ["worker", "--store", url],
        ] {
            let run = try CLIFixtures.docket(arguments)
            #expect(run.status != 0 && run.status < 128, "\(arguments[0]): \(run.status)")
            #expect(!run.error.contains("s3cret") && !run.output.contains("s3cret"), "\(arguments[0]): \(run.error)")
            #expect(run.error.contains("127.0.0.1"), "\(arguments[0]): \(run.error)")
        }
    }

    @Test func aPasswordInThePipelinesStoreIsRefused() async throws {
        for store in ["postgresql://db/docket?password=x", "postgresql://u:x@db/docket", "host=db password=x"] {
            #expect(throws: PipelineSpecError.self) {
                _ = try PipelineLoader.parse(
                    """
                    name: t
                    store: "\(store)"
                    classification: { levels: [internal], default: internal }
                    endpoints: { local: { engine: embedded, sovereignty: self-hosted, clearance: internal,\
                     context_tokens: 2048 } }
                    routing: [{ use: [local] }]
                    """, file: "/p/p.yaml")
            }
        }
    }
}
