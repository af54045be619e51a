/// Where a document queued for workers is (`docket submit`, `run --enqueue-only`): queued until a
/// worker claims it under a lease, done once it is read and planned. A claim whose lease ran out is
/// anyone's again:
///
///     queued ──(a worker claims it)──▶ claimed ──(read, planned, units stored)──▶ done
///     claimed ──(its lease ran out)──▶ claimed, by another worker
public enum QueuedDocumentState: String, Sendable, CaseIterable {
    case queued, claimed, done
}
