import DocketDecide
import DocketRecords
import Foundation
import Testing

@testable import DocketRun

/// What a run holds in memory does not grow with its batch: the queue between planning and inference holds
/// about its capacity of units, and the documents in flight are counted, not their units kept.
@Suite struct StreamingRunTests {
    static func units(document: String, count: Int) throws -> [UnitRecord] {
        let route = try JSONDecoder().decode(
            RouteDecision.self,
            from: Data(#"{"ruleSetVersion":"v","level":"internal","chain":[],"excluded":[],"neededTokens":{}}"#.utf8))
        return (0..<count).map {
            UnitRecord(
                key: "\(document)-\($0)", documentSHA256: document, documentName: document, task: "t",
                status: .pending, route: route)
        }
    }

    /// A producer that pushes ten documents of three units into a queue of capacity four stops while the
    /// queue is full; every unit still comes out, in order. (Without the bound it pushes all thirty at once.)
    @Test(.timeLimit(.minutes(5))) func aFullQueueHoldsItsProducer() async throws {
        let queue = UnitQueue(capacity: 4)
        let documents = try (0..<10).map { try Self.units(document: "d\($0)", count: 3) }
        let producer = Task {
            for units in documents { await queue.push(units) }
            await queue.close()
        }
        // Time for an unbounded producer to push everything; a bounded one waits for a taker.
        for _ in 0..<50 where await queue.count < 4 { await Task.yield() }
        try await Task.sleep(nanoseconds: 200_000_000)
        let held = await queue.count
        #expect(held >= 4 && held <= 4 + 2, "the producer stops once the queue is full: \(held) queued")
        var taken: [String] = []
        var largest = 0
        while let unit = await queue.next() {
            taken.append(unit.key)
            largest = max(largest, await queue.count)
        }
        await producer.value
        #expect(taken == documents.flatMap { $0.map(\.key) })
        #expect(largest <= 4 + 2)
    }

    /// Closing the queue on a stop lets a producer waiting on a full queue go on, and drops what was queued.
    @Test(.timeLimit(.minutes(5))) func closingReleasesAWaitingProducer() async throws {
        let queue = UnitQueue(capacity: 2)
        let producer = Task { await queue.push(try Self.units(document: "d", count: 5)) }
        for _ in 0..<50 where await queue.count < 5 { await Task.yield() }
        await queue.close(dropPending: true)
        try await producer.value
        #expect(await queue.next() == nil)
    }

    /// A document's units are queued once however often they are offered (the same bytes under two paths,
    /// a resumed run's left-over units), and its last finished unit is reported once.
    @Test func aDocumentIsQueuedOnceAndFinishesOnce() async throws {
        let inFlight = DocumentsInFlight()
        let sha = String(repeating: "ab", count: 32)
        let units = try Self.units(document: sha, count: 3)
        #expect(await inFlight.admit(units, document: sha).count == 3)
        #expect(await inFlight.admit(units, document: sha).isEmpty)
        let other = await inFlight.wasQueued(String(repeating: "cd", count: 32))
        #expect(await inFlight.wasQueued(sha) && !other)
        #expect(await inFlight.finished(document: sha) == false)
        #expect(await inFlight.finished(document: sha) == false)
        #expect(await inFlight.finished(document: sha) == true)
        #expect(await inFlight.finished(document: sha) == false)
        // Hashes that share their first 64 bits are still two documents.
        let twin = String(repeating: "ab", count: 16) + String(repeating: "ef", count: 16)
        let twinQueued = await inFlight.wasQueued(twin)
        #expect(!twinQueued)
    }
}
