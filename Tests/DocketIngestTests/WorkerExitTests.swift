import DocketIngest
import DocketModel
import DocketTestSupport
import Foundation
import Testing

/// However a worker ends, its OCR handles end first: tesseract prints "ObjectCache … WARNING! LEAK!"
/// to standard error for every model still loaded when the process exits.
@Suite struct WorkerExitTests {
    @Test func aWorkerEndedByABadLineAfterOCRLeavesNoTesseractHandleOpen() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.docketExecutable)
        process.arguments = ["extract-worker"]
        let input = Pipe(), output = Pipe()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("worker-err-\(UUID())")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let job = WorkerJob(
            path: TestPaths.sample("contrat-de-prestation-page1.jpg"), options: ExtractionOptions(), passwords: [],
            memoryLimitMB: 0)
        input.fileHandleForWriting.write(try JSONEncoder().encode(job) + Data("\n".utf8))
        // The job's last line is `done`; then a line that is no job ends the worker at once (exit 2).
        var line = Data(), ended = false
        while !ended, let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty {
            if byte == Data([0x0A]) {
                ended = String(decoding: line, as: UTF8.self).contains("\"done\"")
                line = Data()
            } else {
                line.append(byte)
            }
        }
        #expect(ended, "the worker ended the OCR job with no `done` line")
        input.fileHandleForWriting.write(Data("not a job\n".utf8))
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let complaints = try String(contentsOf: errors, encoding: .utf8)
        #expect(!complaints.contains("LEAK"), "\(complaints.prefix(300))")
    }
}
