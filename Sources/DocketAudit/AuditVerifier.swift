import Foundation

/// Checks the audit trail's hash chain: every record's hash matches its content, every record
/// follows the one before it, nothing is missing from the end that a run's recorded head names.
public enum AuditVerifier {
    public struct Report: Sendable, Equatable {
        public var checked: Int
        /// The first record found broken, by sequence number (nil when the trail is whole).
        public var firstBroken: Int64?
        public var problem: String?
        /// The hash of the last record: give it to someone outside, and a later verify with
        /// `--head` proves nothing before it changed.
        public var head: String
        public var intact: Bool { problem == nil }
    }

    public static func verify(
        _ records: [AuditRecord], heads: [(run: String, sequence: Int64, hash: String)] = [],
        expectedHead: String? = nil
    ) -> Report {
        var report = Report(checked: 0, firstBroken: nil, problem: nil, head: records.last?.hash ?? AuditRecord.genesis)
        func broken(_ sequence: Int64, _ problem: String) -> Report {
            report.firstBroken = sequence
            report.problem = problem
            return report
        }
        // A trail cut by retention starts after the anchor a retention record names.
        let anchors = Set(
            records.filter { $0.kind == .retention }.compactMap { record -> String? in
                let outcome = (try? JSONSerialization.jsonObject(with: Data(record.outcome.utf8))) as? [String: Any]
                return outcome?["anchor"] as? String
            })
        let erased = Set(records.filter { $0.kind == .erasure }.compactMap(\.documentSHA256))
        var previous: AuditRecord?
        for record in records {
            report.checked += 1
            if record.computedHash() != record.hash {
                return broken(
                    record.sequence,
                    "record \(record.sequence) (\(record.id)) was changed after it was written: its content does not "
                        + "match its hash"
                )
            }
            // Detached text must match its binding; it may be missing only where an erasure says why.
            if let problem = record.textProblem() {
                return broken(
                    record.sequence, "record \(record.sequence) (\(record.id)): \(problem) after it was written")
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
            previous = record
        }
        let bySequence = Dictionary(records.map { ($0.sequence, $0.hash) }, uniquingKeysWith: { first, _ in first })
        let first = records.first?.sequence ?? .max
        for head in heads where head.sequence >= first && bySequence[head.sequence] != head.hash {
            return broken(
                head.sequence,
                "run \(head.run) ended with record \(head.sequence) as the trail's last, and that record is "
                    + (bySequence[head.sequence] == nil
                        ? "gone: records were deleted from the end of the trail" : "not the one the run saw"))
        }
        if let expectedHead, !records.contains(where: { $0.hash == expectedHead }) {
            return broken(
                records.last?.sequence ?? 0,
                "no record has the hash \(expectedHead) given with --head: the trail was cut or rewritten after it")
        }
        return report
    }
}
