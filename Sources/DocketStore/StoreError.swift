import Foundation

/// A store refused an operation; says why.
public struct StoreError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
