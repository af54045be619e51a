import DocketRecords

/// The documents whose units this run has queued: how many units of each are not finished yet, so that a
/// document's report is written as soon as its last unit is done, and which documents were queued at all,
/// so that the same bytes under a second path are not queued twice. It holds the counts of the documents in
/// flight only, and 32 bytes per queued document (its hash), not their units.
actor DocumentsInFlight {
    private var outstanding: [String: Int] = [:]
    private var queued: Set<Digest> = []

    /// The units to queue for `document`: all of them the first time its units are offered, none after
    /// (they are queued, running or finished already).
    func admit(_ units: [UnitRecord], document: String) -> [UnitRecord] {
        guard queued.insert(Self.digest(document)).inserted, !units.isEmpty else { return [] }
        outstanding[document, default: 0] += units.count
        return units
    }

    func wasQueued(_ document: String) -> Bool { queued.contains(Self.digest(document)) }

    /// One unit of `document` has finished (answered, failed or held); true when it was its last.
    func finished(document: String) -> Bool {
        guard let left = outstanding[document] else { return false }
        if left > 1 {
            outstanding[document] = left - 1
            return false
        }
        outstanding[document] = nil
        return true
    }

    /// A sha256 as its 32 bytes (a third of the memory of its hexadecimal string); anything else as itself.
    enum Digest: Hashable {
        case sha256(UInt64, UInt64, UInt64, UInt64)
        case other(String)
    }

    static func digest(_ sha256: String) -> Digest {
        let hex = Array(sha256.utf8)
        guard hex.count == 64 else { return .other(sha256) }
        var words: [UInt64] = []
        for start in stride(from: 0, to: 64, by: 16) {
            guard let word = UInt64(String(decoding: hex[start..<(start + 16)], as: UTF8.self), radix: 16) else {
                return .other(sha256)
            }
            words.append(word)
        }
        return .sha256(words[0], words[1], words[2], words[3])
    }
}
