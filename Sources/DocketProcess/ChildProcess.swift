import CSpawn
import Foundation

/// A child started with `posix_spawn` as its own process group's leader, with every signal at its
/// default disposition and none blocked: Docket ignores SIGTERM and SIGINT to drain a run, and
/// without the reset its children would inherit that and outlive a stop. It inherits no
/// descriptor but its standard input, output and error: Foundation's `Process` closes only those
/// open when it begins, so a pipe another thread opened a moment later stayed open in its child, and
/// that pipe's reader never saw its end (a stopping `docket worker` waited for ever, 2026-12-07).
/// Arguments are passed as an array, never through a shell's script text. The child is reaped here,
/// by `waitpid`, and by no one else.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `exitStatus` is read and written under `lock`; the rest is immutable.
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// How a child ended.
    public enum Termination: Equatable, Sendable {
        case exited(status: Int32)
        case signalled(Int32)

        init(waitStatus: Int32) {
            let signal = docket_wait_signal(waitStatus)
            self = signal != 0 ? .signalled(signal) : .exited(status: docket_wait_exit_status(waitStatus))
        }
    }

    /// Starts `arguments[0]` with the rest as its arguments, standard input from `input` (or
    /// /dev/null), standard output to `output`, and standard error to `errors` (to `output` when
    /// nil). The descriptors must stay open until this returns; the caller closes them after.
    public init(
        arguments: [String], environment: [String: String], input: Int32? = nil, output: Int32, errors: Int32? = nil
    ) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors ?? output, 2)
        guard docket_spawn_close_from(&actions, 3) == 0 else {
            throw ChildProcessError(description: "posix_spawn cannot close descriptors")
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ChildProcessError(
                description: "\(arguments[0]) could not be started: \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    /// False once the child has exited (and been reaped).
    public var isRunning: Bool {
        lock.withLock {
            if exitStatus != nil { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { exitStatus = status }
            return exitStatus == nil
        }
    }

    /// How the child ended; nil while it runs.
    public var termination: Termination? {
        isRunning ? nil : lock.withLock { exitStatus.map(Termination.init(waitStatus:)) }
    }

    /// SIGKILL to the whole process group: the child and everything it started.
    public func killGroup() {
        kill(-pid, SIGKILL)
    }

    /// Waits up to `seconds` for the child to exit; true when it did.
    public func wait(seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning {
            if Date() >= deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// Waits, holding the calling thread, until the child has exited; returns how it ended.
    public func waitForExit() -> Termination {
        lock.withLock {
            while exitStatus == nil {
                var status: Int32 = 0
                let reaped = waitpid(pid, &status, 0)
                if reaped == pid { exitStatus = status }
                // Not ours to reap any more (someone else's waitpid took it): nothing will ever come.
                if reaped == -1, errno != EINTR { exitStatus = -1 }
            }
            return Termination(waitStatus: exitStatus ?? -1)
        }
    }

    /// Process ids in the child's process group, from /proc (Linux).
    public var groupMembers: Set<pid_t> {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var members = Set<pid_t>()
        for entry in entries {
            guard let candidate = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After "pid (comm)": state, ppid, pgrp.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 2, pid_t(fields[2]) == pid { members.insert(candidate) }
        }
        return members
    }
}

/// A child that could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public var description: String
}
