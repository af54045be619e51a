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
        var check = AuditChainCheck(
            markers: records.filter { $0.kind == .retention || $0.kind == .erasure }, heads: heads,
            expectedHead: expectedHead)
        for record in records where !check.add(record) { break }
        return check.finish()
    }

    /// The trail read from the store a page of `pageSize` records at a time, in order: its memory does not grow
    /// with the trail (only the retention and erasure records are read whole, first).
    public static func verify(
        store: any AuditStore, expectedHead: String? = nil, pageSize: Int = 5_000
    ) async throws -> Report {
        var check = AuditChainCheck(
            markers: try await store.auditRecords(kinds: [.retention, .erasure]), heads: try await store.auditHeads(),
            expectedHead: expectedHead)
        try await store.forEachAuditPage(size: pageSize) { page in
            page.allSatisfy { check.add($0) }
        }
        return check.finish()
    }
}
