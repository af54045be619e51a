import DocketRecords

/// Units waiting for an executor. Producers push as documents are planned; executors pull until
/// the queue is closed and empty. A unit is queued once, however often it is pushed.
actor UnitQueue {
    private var items: [UnitRecord] = []
    private var seen: Set<String> = []
    private var closed = false
    private var waiting: [CheckedContinuation<UnitRecord?, Never>] = []

    func push(_ units: [UnitRecord]) {
        for unit in units where !closed && seen.insert(unit.key).inserted {
            if waiting.isEmpty { items.append(unit) } else { waiting.removeFirst().resume(returning: unit) }
        }
    }

    /// No more pushes; with `dropPending`, units not yet taken are dropped (Ctrl-C).
    func close(dropPending: Bool = false) {
        closed = true
        if dropPending { items.removeAll() }
        if items.isEmpty {
            for continuation in waiting { continuation.resume(returning: nil) }
            waiting.removeAll()
        }
    }

    func next() async -> UnitRecord? {
        if !items.isEmpty { return items.removeFirst() }
        if closed { return nil }
        return await withCheckedContinuation { waiting.append($0) }
    }
}
