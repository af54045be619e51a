import DocketTestSupport
import Foundation
import Testing

/// A service's lines reach a pipe when printed: a journal or a log file sees `docket web`'s banner
/// while it runs, not at its exit (standard output to a pipe is block-buffered by default).
@Suite struct ServiceOutputTests {
    /// The first line `docket` prints on standard output while it runs, read within a minute; nil when
    /// none came (the process is still running then: the line sits in a buffer).
    static func firstLine(of arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let line = LockedList<String>()
        let read = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var bytes = Data()
            let handle = output.fileHandleForReading
            while let byte = try? handle.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) { bytes.append(byte) }
            line.append(String(decoding: bytes, as: UTF8.self))
            read.signal()
        }
        guard read.wait(timeout: .now() + 60) == .success, process.isRunning else { return nil }
        return line.items.first
    }

    @Test func theWorkspacesBannerArrivesWhileItRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("banner-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = Int.random(in: 40_000..<60_000)
        let line = try Self.firstLine(of: [
            "web", "--bind", "127.0.0.1:\(port)", "--store", folder.appendingPathComponent("docket.sqlite").path,
        ])
        #expect(line?.hasPrefix("docket web") == true, "no line on standard output while docket web ran")
    }

    @Test func aWorkersBannerArrivesWhileItRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("banner-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = try Self.firstLine(of: ["worker", "--store", folder.appendingPathComponent("docket.sqlite").path])
        #expect(line?.hasPrefix("docket worker") == true, "no line on standard output while docket worker ran")
    }
}
