import Foundation

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
