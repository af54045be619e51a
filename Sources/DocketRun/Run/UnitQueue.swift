import DocketRecords

/// Units waiting for an executor, at most about `capacity` of them: a producer pushes a document's units
/// as it is planned and then waits while the queue is full, so a run holds a bounded number of units in
/// memory whatever the size of its batch. Executors pull until the queue is closed and empty.
actor UnitQueue {
    let capacity: Int
    private var items: [UnitRecord] = []
    /// Where the next unit to hand out is in `items` (a queue without moving the rest on each take).
    private var head = 0
    private var closed = false
    private var executors: [CheckedContinuation<UnitRecord?, Never>] = []
    private var producers: [CheckedContinuation<Void, Never>] = []

    init(capacity: Int = 512) {
        self.capacity = max(1, capacity)
    }

    var count: Int { items.count - head }

    /// Queues the units (all of them: a document's units go in together), then waits while the queue
    /// holds `capacity` or more and is open.
    func push(_ units: [UnitRecord]) async {
        guard !closed else { return }
        for unit in units {
            if executors.isEmpty { items.append(unit) } else { executors.removeFirst().resume(returning: unit) }
        }
        while count >= capacity && !closed {
            await withCheckedContinuation { producers.append($0) }
        }
    }

    /// No more pushes; with `dropPending`, units not yet taken are dropped (Ctrl-C). A waiting producer
    /// goes on (and pushes nothing more).
    func close(dropPending: Bool = false) {
        closed = true
        if dropPending {
            items.removeAll()
            head = 0
        }
        wakeProducers()
        if count == 0 {
            for continuation in executors { continuation.resume(returning: nil) }
            executors.removeAll()
        }
    }

    func next() async -> UnitRecord? {
        if count > 0 {
            let unit = items[head]
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024 && head * 2 >= items.count {
                items.removeFirst(head)
                head = 0
            }
            if count < capacity { wakeProducers() }
            return unit
        }
        if closed { return nil }
        return await withCheckedContinuation { executors.append($0) }
    }

    private func wakeProducers() {
        for producer in producers { producer.resume() }
        producers.removeAll()
    }
}
