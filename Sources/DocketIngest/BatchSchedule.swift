import DocketModel
import Foundation

/// One job of a batch: a whole document, or a range of a long PDF's pages.
struct BatchSlice: Sendable {
    var document: Int
    /// Nil: the whole document.
    var pages: Range<Int>?
    var ocrThreads: Int
    /// One deadline for all of a document's ranges: splitting does not extend its timeout.
    var deadline: DispatchTime
    /// The document's first job: its header may split the rest of the document.
    var first: Bool
}

/// Hands out a batch's jobs, puts split documents back together and releases documents in input
/// order. Later ranges of a document that has begun come before new documents, so that a
/// document is never held back for long and memory stays bounded by the documents in flight.
final class BatchSchedule: @unchecked Sendable {
    // @unchecked: every field is read and written under `condition`; `handle` under `releasing`.
    private let condition = NSCondition()
    private let releasing = NSLock()
    private let paths: PathList
    private let jobs: Int
    private let rangePages: Int
    private let timeout: Double
    private let maxPages: Int
    private let handle: @Sendable (Int, ExtractedDocument) -> Void
    private var nextDocument = 0
    private var pending: [BatchSlice] = []
    private var inFlight = 0
    private var assemblies: [Int: DocumentAssembly] = [:]
    private var ready: [Int: ExtractedDocument] = [:]
    private var nextToRelease = 0
    private var counts = BatchStatistics()

    init(
        paths: PathList, jobs: Int, rangePages: Int, timeout: Double, maxPages: Int,
        handle: @escaping @Sendable (Int, ExtractedDocument) -> Void
    ) {
        self.paths = paths
        self.jobs = jobs
        self.rangePages = rangePages
        self.timeout = timeout
        self.maxPages = maxPages
        self.handle = handle
    }

    var statistics: BatchStatistics { condition.withLock { counts } }

    func count(_ field: WritableKeyPath<BatchStatistics, Int>) { condition.withLock { counts[keyPath: field] += 1 } }

    /// The next job, waiting while a document being opened may still be split; nil when all is done.
    func take() -> BatchSlice? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let workLeft = pending.count + paths.count - nextDocument
            let threads = max(1, jobs / max(1, min(jobs, workLeft)))
            if !pending.isEmpty {
                var slice = pending.removeFirst()
                slice.ocrThreads = threads
                return started(slice)
            }
            if nextDocument < paths.count {
                let index = nextDocument
                nextDocument += 1
                // Split only when other workers would otherwise run out of documents.
                let mayWait = jobs > 1 && paths.count - nextDocument < jobs
                let slice = BatchSlice(
                    document: index, pages: mayWait ? 0..<rangePages : nil, ocrThreads: threads,
                    deadline: .now() + timeout, first: true)
                assemblies[index] = DocumentAssembly(deadline: slice.deadline)
                return started(slice)
            }
            if inFlight == 0 { return nil }
            condition.wait()
        }
    }

    private func started(_ slice: BatchSlice) -> BatchSlice {
        inFlight += 1
        counts.jobsRun += 1
        return slice
    }

    /// A first job's header: the rest of a long PDF becomes ranges for the other workers.
    func opened(_ slice: BatchSlice, _ header: DocumentHeader) {
        guard slice.first, let first = slice.pages, header.kind == .pdf else { return }
        condition.withLock {
            guard let assembly = assemblies[slice.document], !assembly.split else { return }
            assembly.split = true
            // The count comes from a process that parsed a hostile file: the limit is the parent's.
            let pageCount = min(header.pageCount, maxPages)
            var start = first.upperBound
            while start < pageCount {
                let end = min(start + rangePages, pageCount)
                pending.append(
                    BatchSlice(
                        document: slice.document, pages: start..<end, ocrThreads: 1, deadline: assembly.deadline,
                        first: false))
                assembly.expected += 1
                start = end
            }
            if assembly.expected > 1 { counts.documentsSplit += 1 }
            condition.broadcast()
        }
    }

    func finish(_ slice: BatchSlice, _ collected: CollectingSink, error: IngestError?) {
        condition.withLock {
            inFlight -= 1
            defer { condition.broadcast() }
            guard let assembly = assemblies[slice.document] else { return }
            assembly.add(slice, collected, error: error)
            if error != nil {
                // The document has failed: its ranges not yet started would only be thrown away.
                let before = pending.count
                pending.removeAll { $0.document == slice.document }
                assembly.expected -= before - pending.count
            }
            guard assembly.complete else { return }
            assemblies[slice.document] = nil
            ready[slice.document] = assembly.document(path: paths[slice.document])
        }
        release()
    }

    /// Hands over the documents that are next in input order, outside the scheduling lock (the
    /// receiver may block), one thread at a time.
    private func release() {
        releasing.withLock {
            while let (index, document) = condition.withLock({ () -> (Int, ExtractedDocument)? in
                guard let document = ready.removeValue(forKey: nextToRelease) else { return nil }
                defer { nextToRelease += 1 }
                return (nextToRelease, document)
            }) {
                handle(index, document)
            }
        }
    }
}
