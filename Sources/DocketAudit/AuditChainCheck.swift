import Foundation

/// The hash chain's check, fed one record at a time in sequence order (`AuditVerifier`): every record's hash
/// matches its content, every record follows the one before it, nothing is missing from the end that a run's
/// recorded head names. It keeps the record before, the heads to find and the markers it was given, never the
/// trail.
public struct AuditChainCheck {
    private var report: AuditVerifier.Report
    /// Hashes a trail cut by retention may start after (the anchors retention records name).
    private let anchors: Set<String>
    /// Documents an erasure record accounts for: their records' detached texts may be gone.
    private let erased: Set<String>
    /// Runs' recorded heads by sequence, until their record is seen.
    private var heads: [Int64: (run: String, hash: String)]
    private let expectedHead: String?
    private var expectedHeadSeen = false
    private var previous: AuditRecord?
    private var first: Int64?

    /// `markers`: the trail's retention and erasure records.
    public init(
        markers: [AuditRecord], heads: [(run: String, sequence: Int64, hash: String)], expectedHead: String?
    ) {
        report = AuditVerifier.Report(checked: 0, firstBroken: nil, problem: nil, head: AuditRecord.genesis)
        anchors = Set(
            markers.filter { $0.kind == .retention }.compactMap { record -> String? in
                let outcome = (try? JSONSerialization.jsonObject(with: Data(record.outcome.utf8))) as? [String: Any]
                return outcome?["anchor"] as? String
            })
        erased = Set(markers.filter { $0.kind == .erasure }.compactMap(\.documentSHA256))
        self.heads = Dictionary(heads.map { ($0.sequence, ($0.run, $0.hash)) }, uniquingKeysWith: { first, _ in first })
        self.expectedHead = expectedHead
    }

    /// Checks the next record; false once the chain is found broken (later records are then not looked at).
    public mutating func add(_ record: AuditRecord) -> Bool {
        guard report.problem == nil else { return false }
        report.checked += 1
        report.head = record.hash
        if first == nil { first = record.sequence }
        if record.hash == expectedHead { expectedHeadSeen = true }
        if record.computedHash() != record.hash {
            return broken(
                record.sequence,
                "record \(record.sequence) (\(record.id)) was changed after it was written: its content does not "
                    + "match its hash")
        }
        // Detached text must match its binding; it may be missing only where an erasure says why.
        if let problem = record.textProblem() {
            return broken(record.sequence, "record \(record.sequence) (\(record.id)): \(problem) after it was written")
        }
        if record.kind.detachesText, record.outcomeText == nil, record.outcome.hasPrefix("sha256:"),
            !erased.contains(record.documentSHA256 ?? "")
        {
            return broken(
                record.sequence,
                "record \(record.sequence) (\(record.id)) lost its text, and no erasure record accounts for it")
        }
        if let previous {
            if record.previousHash != previous.hash || record.sequence != previous.sequence + 1 {
                return broken(
                    record.sequence,
                    "record \(record.sequence) (\(record.id)) does not follow record \(previous.sequence): "
                        + "a record between them was deleted, or records were inserted or reordered")
            }
        } else if record.previousHash != AuditRecord.genesis && !anchors.contains(record.previousHash) {
            return broken(
                record.sequence,
                "the trail starts at record \(record.sequence) (\(record.id)), and no retention record accounts "
                    + "for the records before it: they were deleted")
        }
        if let head = heads.removeValue(forKey: record.sequence), head.hash != record.hash {
            return broken(
                record.sequence,
                "run \(head.run) ended with record \(record.sequence) as the trail's last, and that record is "
                    + "not the one the run saw")
        }
        previous = record
        return true
    }

    /// The report, with the heads no record answered and the expected head looked for.
    public mutating func finish() -> AuditVerifier.Report {
        guard report.problem == nil else { return report }
        let start = first ?? .max
        if let (sequence, head) = heads.filter({ $0.key >= start }).min(by: { $0.key < $1.key }) {
            _ = broken(
                sequence,
                "run \(head.run) ended with record \(sequence) as the trail's last, and that record is "
                    + "gone: records were deleted from the end of the trail")
            return report
        }
        if let expectedHead, !expectedHeadSeen {
            _ = broken(
                previous?.sequence ?? 0,
                "no record has the hash \(expectedHead) given with --head: the trail was cut or rewritten after it")
        }
        return report
    }

    private mutating func broken(_ sequence: Int64, _ problem: String) -> Bool {
        report.firstBroken = sequence
        report.problem = problem
        return false
    }
}
