import Foundation

/// A worker's hold on the units it claimed: its owner name and how long a claim lasts without a heartbeat.
public struct WorkerLease: Sendable, Equatable {
    public var owner: String
    public var seconds: TimeInterval

    public init(owner: String, seconds: TimeInterval) {
        self.owner = owner
        self.seconds = seconds
    }
}
