import Foundation

/// Waits for a child process to exit. `reported` is signalled by whoever watches it (Foundation's termination
/// handler); but a child that exits while many are being started can be missed by that watch and stay a zombie
/// (seen: a stopping `docket worker` with 16 slots waited for ever on one), so every half second the kernel is
/// asked too, and a child found exited is reaped here.
enum ChildExit {
    /// The exit status as `waitpid` gave it when the child was reaped here; nil when `reported` said so first.
    static func await(pid: pid_t, reported: DispatchSemaphore) -> Int32? {
        var reaped: Int32?
        while reported.wait(timeout: .now() + 0.5) == .timedOut {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                reaped = status
                break
            }
        }
        // Open for every later wait.
        reported.signal()
        return reaped
    }
}
