import CSpawn
import Foundation

/// A pipe whose two ends are closed on exec from the moment they exist (`pipe2` with O_CLOEXEC):
/// no child that any thread starts inherits them, Foundation's `Process` included. `ChildProcess`
/// gives the child its end as a standard descriptor, where it is open.
public struct ProcessPipe {
    public let reading: FileHandle
    public let writing: FileHandle

    public init() throws {
        var descriptors: [Int32] = [0, 0]
        guard docket_cloexec_pipe(&descriptors) == 0 else {
            throw ChildProcessError(description: "no pipe: \(String(cString: strerror(errno)))")
        }
        reading = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true)
        writing = FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true)
    }
}
