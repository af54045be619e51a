import Foundation

/// Tesseract reads OMP_THREAD_LIMIT when the process starts; setting it later is too late, and
/// without it OCR runs about 5x slower on few cores. So start again, once, with it set.
enum Launch {
    static func ensureOMPThreadLimit() {
        // Writes to a closed pipe or socket (a worker or a server that went away) must fail, not kill docket.
        signal(SIGPIPE, SIG_IGN)
        guard ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv only returns on failure; carry on, slower.
    }
}
