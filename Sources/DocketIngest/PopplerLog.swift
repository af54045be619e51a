import CPoppler
import Foundation

/// What poppler said about one document while reading it. poppler-glib reports the problems it
/// works around ("Syntax error at position 12: Couldn't find trailer dictionary") through
/// GLib's log, domain "Poppler"; they go nowhere by default. Docket collects them per document:
/// a syntax error means the output is probably incomplete (the document is partial), an
/// unimplemented feature names what could not be read. Only categories and counts leave this
/// type, never the messages, which may quote the file.
final class PopplerLog: @unchecked Sendable {
    // @unchecked: poppler's error callback is a C function pointer; the counts are under `lock`.
    private let lock = NSLock()
    private var syntaxErrors = 0
    private var unimplemented: [String] = []

    private static let threadKey = "docket.poppler-log"

    /// Routes poppler's messages on the calling thread to this log until `detach()`.
    func attachToCurrentThread() {
        PopplerLog.installHandler
        Thread.current.threadDictionary[Self.threadKey] = self
    }

    static func detachFromCurrentThread() {
        Thread.current.threadDictionary.removeObject(forKey: threadKey)
    }

    /// Non-fatal findings, safe to log.
    var warnings: [String] {
        lock.withLock {
            var warnings: [String] = []
            if syntaxErrors > 0 {
                warnings.append(
                    "poppler worked around \(syntaxErrors) structural error\(syntaxErrors == 1 ? "" : "s"); the file "
                        + "is damaged and its text may be incomplete"
                )
            }
            warnings += Set(unimplemented).sorted().map { "unsupported PDF feature: \($0)" }
            return warnings
        }
    }

    var damaged: Bool { lock.withLock { syntaxErrors > 0 } }
    var unsupportedFeatures: [String] { lock.withLock { Set(unimplemented).sorted() } }

    fileprivate func record(_ message: String) {
        lock.withLock {
            if message.hasPrefix("Syntax error") {
                syntaxErrors += 1
            } else if message.hasPrefix("Unimplemented feature") || message.contains("Unknown filter") {
                unimplemented.append(Self.featureName(message))
            }
        }
    }

    /// The feature named by an "Unimplemented feature" message, without positions or quoted bytes.
    static func featureName(_ message: String) -> String {
        if let range = message.range(of: "Unknown filter '") {
            return "stream filter " + message[range.upperBound...].prefix { $0 != "'" }.prefix(32)
        }
        let text = message.split(separator: ":", maxSplits: 1).last.map(String.init) ?? message
        return String(text.trimmingCharacters(in: .whitespaces).prefix(60))
    }

    private static let installHandler: Void = {
        g_log_set_handler(
            "Poppler", GLogLevelFlags(rawValue: G_LOG_LEVEL_MASK.rawValue),
            { _, _, message, _ in
                guard let message, let log = Thread.current.threadDictionary[PopplerLog.threadKey] as? PopplerLog else {
                    return
                }
                log.record(String(cString: message))
            }, nil)
    }()
}
