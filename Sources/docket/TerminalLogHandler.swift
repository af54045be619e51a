import Foundation
import Logging

/// Docket's log lines on standard error: `docket worker: run completed (done=12 run=…)`. The
/// subsystem is the logger's label after `docket.`; metadata carries ids, hashes and counts,
/// never document text. `DOCKET_LOG_LEVEL` (trace … critical) sets the level; info by default.
struct TerminalLogHandler: LogHandler {
    let subsystem: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level) {
        subsystem = label.hasPrefix("docket.") ? String(label.dropFirst("docket.".count)) : label
        logLevel = level
    }

    static func bootstrap() {
        let level =
            ProcessInfo.processInfo.environment["DOCKET_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        LoggingSystem.bootstrap { TerminalLogHandler(label: $0, level: level) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "docket \(subsystem): \(event.message)" + (details.isEmpty ? "" : " (\(details))") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
