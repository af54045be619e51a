import Foundation

/// A blocking, bounded queue of pages waiting for OCR, shared by the OCR threads of one document.
/// The bound keeps the text-layer pass from running far ahead of OCR on a long scanned book.
final class OCRWorkQueue<Item>: @unchecked Sendable {
    // @unchecked: a blocking queue for OCR threads (not tasks); `items` is under `condition`.
    private let condition = NSCondition()
    private var items: [Item] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func push(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        items.append(item)
        condition.broadcast()
    }

    /// No more items will come; `pop` returns nil once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func pop() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }
}
