import DocketModel
import Foundation

/// An input document opened once: without following a symbolic link (one swapped in after the
/// file was listed or submitted is refused, not read), and only when it is a regular file. Its
/// hash and every parser read the same open file, through `/proc/self/fd/N`, so a file renamed
/// or replaced between hashing and parsing cannot make Docket parse other bytes than it hashed.
final class InputFile {
    let path: String
    private let descriptor: Int32

    /// The same open file, for libraries that take a path (poppler, leptonica, ZIPFoundation).
    var stablePath: String { "/proc/self/fd/\(descriptor)" }

    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ELOOP {
                throw IngestError(
                    .unreadable, path: path,
                    detail: "it is a symbolic link; Docket reads regular files only, "
                        + "so a link cannot point it elsewhere. Give the file itself")
            }
            throw IngestError(
                .unreadable, path: path, detail: "cannot open it for reading (\(String(cString: strerror(errno))))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw IngestError(
                .unreadable, path: path, detail: "it is not a regular file (a device, pipe or folder); give a file")
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
