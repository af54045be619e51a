import Foundation

/// Tokens one endpoint used for one pipeline over a period, from the stored results.
public struct TokenUsage: Sendable, Equatable {
    public var pipeline: String
    public var endpoint: String
    public var model: String
    public var promptTokens: Int
    public var completionTokens: Int
    public var requests: Int
    public var first: Date
    public var last: Date
}
