import DocketTestSupport
import Foundation
import Testing

@testable import DocketProcess

/// Children as Docket starts them (the engine, the extraction workers): real programs, real descriptors.
@Suite struct ChildProcessTests {
    /// A child inherits no descriptor but 0, 1 and 2: a pipe another thread just opened without
    /// close-on-exec (as another library may) would otherwise stay open in it, and its reader would
    /// never see its end.
    @Test func aChildInheritsOnlyItsStandardDescriptors() async throws {
        var leaked: [Int32] = [0, 0]
        #expect(pipe(&leaked) == 0)
        defer { close(leaked[0]); close(leaked[1]) }
        let log = open("/dev/null", O_WRONLY)
        defer { close(log) }
        let child = try ChildProcess(arguments: ["/bin/sleep", "10"], environment: [:], output: log)
        defer { child.killGroup(); _ = child.wait(seconds: 5) }
        // The dynamic loader holds a library open for a moment while the child starts; a leaked
        // descriptor stays for good, so the set must come down to 0, 1 and 2.
        var descriptors: [Int32] = []
        for _ in 0..<100 {
            descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd").compactMap(
                Int32.init)
            if Set(descriptors) == [0, 1, 2] { break }
            usleep(20_000)
        }
        #expect(Set(descriptors) == [0, 1, 2], "\(descriptors)")
    }

    /// A pipe Docket makes is closed on exec from the start, so that a child another part of the
    /// process starts its own way (Foundation's `Process`) does not hold it either. The flag is what
    /// holds it; the race it closes cannot be shown on demand, so the rest only shows the pipe's end
    /// reaching its reader while such a child lives.
    @Test func aPipesEndsAreClosedOnExec() throws {
        let pipe = try ProcessPipe()
        for handle in [pipe.reading, pipe.writing] {
            #expect(fcntl(handle.fileDescriptor, F_GETFD) & FD_CLOEXEC != 0)
        }
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/bin/sleep")
        other.arguments = ["10"]
        try other.run()
        defer { other.terminate(); other.waitUntilExit() }
        // With the other child alive, closing our write end must end the reader's stream.
        try pipe.writing.close()
        #expect(pipe.reading.availableData.isEmpty)
    }

    @Test func howAChildEndedIsReported() throws {
        let log = open("/dev/null", O_WRONLY)
        defer { close(log) }
        let failing = try ChildProcess(arguments: ["/bin/false"], environment: [:], output: log)
        #expect(failing.waitForExit() == .exited(status: 1))
        #expect(failing.termination == .exited(status: 1))
        #expect(!failing.isRunning)
        #expect(kill(failing.pid, 0) == -1, "the child is still there (a zombie)")
        let sleeping = try ChildProcess(arguments: ["/bin/sleep", "10"], environment: [:], output: log)
        #expect(sleeping.termination == nil)
        sleeping.killGroup()
        #expect(sleeping.waitForExit() == .signalled(SIGKILL))
    }

    @Test func aProgramThatCannotBeStartedIsAnError() {
        #expect(throws: ChildProcessError.self) {
            try ChildProcess(arguments: ["/nonexistent/program"], environment: [:], output: 1)
        }
    }
}
