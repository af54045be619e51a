import Foundation

/// Starts Fixtures/fault_server.py on a loopback port: a model server that misbehaves on purpose
/// (or, with `upstream`, a counting proxy in front of a real one). Stopped on deinit.
public final class FaultServer: @unchecked Sendable {
    public let process = Process()
    public let port: Int
    public let log: URL

    public init(
        mode: String, failures: Int = 0, upstream: String? = nil, stall: Double = 30, delay: Double = 0,
        location: String? = nil, upstreamKey: String? = nil, dump: URL? = nil, holdGlob: String? = nil,
        holdAfter: Int = 1, holdLimit: Double = 20, port: Int = 0
    ) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fault_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = [
            "python3", script.path, "--mode", mode, "--failures", String(failures), "--log", log.path,
            "--stall", String(stall), "--delay", String(delay), "--lifetime", "900", "--port", String(port),
        ]
        if let upstream { arguments += ["--upstream", upstream] }
        if let location { arguments += ["--location", location] }
        if let upstreamKey { arguments += ["--upstream-key", upstreamKey] }
        if let dump { arguments += ["--dump", dump.path] }
        if let holdGlob {
            arguments += [
                "--hold-glob", holdGlob, "--hold-after", String(holdAfter), "--hold-limit", String(holdLimit),
            ]
        }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        // A client killed mid-request (the crash test) makes Python print a broken-pipe traceback.
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw DidNotStart()
        }
        self.port = port
    }

    /// The script printed no port: Python or the fixture is missing.
    public struct DidNotStart: Error, CustomStringConvertible {
        public var description: String { "fault server did not start" }
    }

    public var url: String { "http://127.0.0.1:\(port)/v1" }

    /// The request bodies saved with `dump`, in arrival order.
    public static func bodies(in dump: URL) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dump.path)) ?? []).sorted()
        return names.compactMap { try? String(contentsOf: dump.appendingPathComponent($0), encoding: .utf8) }
    }

    /// (time, unit key, mode, status) per request, in arrival order.
    public var requests: [(time: Double, unit: String, mode: String, status: Int)] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 4, let time = Double(parts[0]), let status = Int(parts[3]) else { return nil }
            return (time, String(parts[1]), String(parts[2]), status)
        }
    }

    deinit {
        // SIGKILL: the test runner's children may inherit an ignored SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }
}
