/// Something a detector found in a chunk: where (UTF-8 byte offsets into the chunk's text), what,
/// and how sure. Never the matched value itself: reports and logs carry types and positions only.
public struct Finding: Sendable, Codable, Equatable {
    /// A built-in `FindingType` raw value, or a custom detector's name.
    public var type: String
    public var start: Int
    public var end: Int
    public var confidence: Double
    /// True when a checksum or format rule confirmed the value (IBAN mod-97, Luhn, …).
    public var validated: Bool

    public init(type: String, start: Int, end: Int, confidence: Double, validated: Bool = false) {
        self.type = type
        self.start = start
        self.end = end
        self.confidence = confidence
        self.validated = validated
    }
}
