import Foundation

/// What the security tests share: a folder, a pipeline over loopback endpoints, and `docket`
/// run as a real process.
public enum CLIFixtures {
    public static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("security-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A prompt that carries the document name, the heading path and the chunk text, and a schema
    /// the loopback servers' answer (`{"answer": "ok"}`) fits.
    public static func task(in folder: URL) throws -> String {
        try "Review \"{{document.name}}\", section {{chunk.heading}}:\n{{chunk.text}}\n"
            .write(to: folder.appendingPathComponent("prompt.md"), atomically: true, encoding: .utf8)
        try
            (#"{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"],"#
            + #""additionalProperties":false}"#)
            .write(to: folder.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        return "  - { name: review, prompt: prompt.md, schema: schema.json, max_output_tokens: 32 }"
    }

    /// A pipeline `name` in `folder` (output in `folder/out`) whose one endpoint, `local`, is the
    /// server at `url` (self-hosted, cleared `internal`), with the review task.
    public static func pipeline(_ name: String, endpoint url: String, in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("\(name).yaml")
        try """
        name: \(name)
        output: \(folder.path)/out
        classification: { levels: [internal], default: internal }
        endpoints:
          local: { url: "\(url)", model: m, sovereignty: self-hosted, clearance: internal, context_tokens: 8192 }
        routing: [{ use: [local] }]
        tasks:
        \(try task(in: folder))
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs `docket` to its end; (status, standard output, standard error). A death by signal N
    /// is status 128 + N, as a shell reports it.
    @discardableResult
    public static func docket(
        _ arguments: [String], in directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID())")
        let error = FileManager.default.temporaryDirectory.appendingPathComponent("err-\(UUID())")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: error.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: error)
        }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (
            status, (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            (try? String(contentsOf: error, encoding: .utf8)) ?? ""
        )
    }
}
