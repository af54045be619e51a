import Foundation
import Logging

/// Docket's log lines on standard error, written at once: as text, `docket worker: run completed (done=12
/// run=…)`, or with `--log-format json` (or `DOCKET_LOG_FORMAT=json`) one JSON object a line for a log shipper,
/// `{"time", "level", "subsystem", "message", …metadata}`. The subsystem is the logger's label after `docket.`;
/// metadata carries ids, hashes and counts, never document text. `DOCKET_LOG_LEVEL` (trace … critical) sets the
/// level; info by default.
struct DocketLogHandler: LogHandler {
    let subsystem: String
    let json: Bool
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level, json: Bool) {
        subsystem = label.hasPrefix("docket.") ? String(label.dropFirst("docket.".count)) : label
        logLevel = level
        self.json = json
    }

    /// Set up once, before the arguments are parsed: `--log-format` is read from the command line here.
    static func bootstrap() {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["DOCKET_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        let json = jsonRequested(arguments: CommandLine.arguments, environment: environment)
        LoggingSystem.bootstrap { DocketLogHandler(label: $0, level: level, json: json) }
    }

    static func jsonRequested(arguments: [String], environment: [String: String]) -> Bool {
        if let index = arguments.firstIndex(of: "--log-format"), index + 1 < arguments.count {
            return arguments[index + 1] == "json"
        }
        return arguments.contains("--log-format=json") || environment["DOCKET_LOG_FORMAT"] == "json"
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        FileHandle.standardError.write(
            json ? Self.jsonLine(event, all, subsystem) : Self.textLine(event, all, subsystem))
    }

    static func textLine(_ event: LogEvent, _ metadata: Logger.Metadata, _ subsystem: String) -> Data {
        let details = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return Data(("docket \(subsystem): \(event.message)" + (details.isEmpty ? "" : " (\(details))") + "\n").utf8)
    }

    static func jsonLine(_ event: LogEvent, _ metadata: Logger.Metadata, _ subsystem: String) -> Data {
        var object = metadata.mapValues { "\($0)" }
        object["time"] = ISO8601DateFormatter().string(from: Date())
        object["level"] = event.level.rawValue
        object["subsystem"] = subsystem
        object["message"] = "\(event.message)"
        var line = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        line.append(0x0A)
        return line
    }
}
