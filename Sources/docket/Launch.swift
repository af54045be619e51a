import Foundation

/// Tesseract reads OMP_THREAD_LIMIT when the process starts; setting it later is too late, and
/// without it OCR runs about 5x slower on few cores. So start again, once, with it set.
enum Launch {
    /// Stores hold every page's text; results, reports and engine logs quote it. Whatever the
    /// umask docket was started with, what it creates is its owner's alone (files 0600, folders
    /// 0700), or also readable by its group when `DOCKET_SHARE_WITH_GROUP=1` (0640, 0750).
    static func makeFilesPrivate() {
        let group = ProcessInfo.processInfo.environment["DOCKET_SHARE_WITH_GROUP"] == "1"
        umask(group ? 0o027 : 0o077)
    }

    static func ensureOMPThreadLimit() {
        // Writes to a closed pipe or socket (a worker or a server that went away) must fail, not kill docket.
        signal(SIGPIPE, SIG_IGN)
        guard ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv only returns on failure; carry on, slower.
    }
}
