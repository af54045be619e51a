import CSpawn
import Foundation

/// A child started with `posix_spawn` as its own process group's leader, with every signal at its
/// default disposition and none blocked: Docket ignores SIGTERM and SIGINT to drain a run, and
/// without the reset its children would inherit that and outlive a stop. It inherits no
/// descriptor but its standard input, output and error. Arguments are passed as an array, never
/// through a shell's script text.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `exitStatus` is read and written under `lock`; the rest is immutable.
    let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `arguments[0]` with the rest as its arguments, standard input from `input` (or
    /// /dev/null) and standard output and error to `output` (descriptors open until then).
    init(arguments: [String], environment: [String: String], input: Int32? = nil, output: Int32) throws {
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
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // Nothing else: a descriptor that another thread opened without close-on-exec (the pipe of
        // an extraction worker being started) would otherwise stay open in the engine, and its
        // reader would wait for an end of file that never comes.
        guard docket_spawn_close_from(&actions, 3) == 0 else {
            throw EngineError(message: "posix_spawn cannot close descriptors")
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw EngineError(message: "\(arguments[0]) could not be started: \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    /// False once the child has exited (and been reaped).
    var isRunning: Bool {
        lock.withLock {
            if exitStatus != nil { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { exitStatus = status }
            return exitStatus == nil
        }
    }

    /// SIGKILL to the whole process group: the child and everything it started.
    func killGroup() {
        kill(-pid, SIGKILL)
    }

    /// Waits up to `seconds` for the child to exit; true when it did.
    func wait(seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning {
            if Date() >= deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// Process ids in the child's process group, from /proc (Linux).
    var groupMembers: Set<pid_t> {
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

/// Who is listening on a loopback TCP port, from /proc (Linux): the check that the server Docket
/// talks to is the one it started, not another local process that took the port first.
enum LoopbackListener {
    /// Socket inodes listening on 127.0.0.1:`port`.
    static func inodes(port: Int) -> Set<String> {
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return [] }
        let local = String(format: "0100007F:%04X", port)
        var inodes = Set<String>()
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            // sl, local_address, rem_address, st (0A = LISTEN), …, inode is field 9.
            if fields.count > 9, fields[1] == local, fields[3] == "0A" { inodes.insert(String(fields[9])) }
        }
        return inodes
    }

    /// Whether one of `processes` holds the socket listening on 127.0.0.1:`port`.
    static func isHeld(port: Int, by processes: Set<pid_t>) -> Bool {
        let listening = inodes(port: port)
        guard !listening.isEmpty else { return false }
        for process in processes {
            let folder = "/proc/\(process)/fd"
            for fd in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + fd),
                    target.hasPrefix("socket:[")
                else { continue }
                if listening.contains(String(target.dropFirst(8).dropLast())) { return true }
            }
        }
        return false
    }
}
