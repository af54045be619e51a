import Foundation

/// A file that SwiftPM copies beside the executable (`Docket_<Target>.resources/…`), found from
/// the running executable wherever it was started from (a PATH lookup leaves arguments[0] bare).
public enum BundledResource {
    public static func path(target: String, _ name: String) -> String {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let executable = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("Docket_\(target).resources/\(name)").path
    }
}
