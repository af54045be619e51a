import DocketCore
import Foundation

// Tesseract reads OMP_THREAD_LIMIT when the process starts; setting it later is too late, and
// without it OCR runs about 5x slower on few cores. So start again, once, with it set.
if ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil {
    setenv("OMP_THREAD_LIMIT", "1", 1)
    let arguments = CommandLine.unsafeArgv
    execv("/proc/self/exe", arguments)
    // execv only returns on failure; carry on, slower.
}

DocketCommand.main()
