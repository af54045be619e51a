import DocketSpec
import Foundation

/// Run ids and the folders named after them. A run id reaches file paths and, through a shared
/// store, other machines' workers: it may hold only `[A-Za-z0-9._-]`, at most 64 characters, and
/// not start with a dot. A run's folder is always derived from the local pipeline file, never
/// read back from a store that another machine could have written.
public enum RunFolder {
    public static let maximumIDLength = 64

    /// Why `id` cannot be a run id, or nil when it can.
    public static func problem(with id: String) -> String? {
        if id.isEmpty || id.utf8.count > maximumIDLength { return "a run id has 1 to \(maximumIDLength) characters" }
        if id.hasPrefix(".") { return "a run id does not start with a dot" }
        let allowed = id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
        return allowed ? nil : "a run id may hold only letters A-Z and a-z, digits, `.`, `_` and `-`"
    }

    /// `<pipeline output>/<run id>`, once the id is checked.
    public static func path(pipeline: PipelineSpec, run id: String) throws -> String {
        if let problem = problem(with: id) {
            throw RunIDError(message: "`\(id.prefix(80))` is not a valid run id: \(problem)")
        }
        return (pipeline.output as NSString).appendingPathComponent(id)
    }
}

public struct RunIDError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
