import DocketSpec

/// Tokens in a text, estimated from its length: characters per token by language, raised by a
/// safety margin. Endpoints that can count exactly (llama.cpp's `/tokenize`) replace the estimate.
public struct TokenEstimator: Sendable, Equatable {
    public var charactersPerToken: [String: Double]
    public var safetyMargin: Double

    public init(
        charactersPerToken: [String: Double] = EndpointSpec.defaultCharactersPerToken, safetyMargin: Double = 0.1
    ) {
        self.charactersPerToken = charactersPerToken
        self.safetyMargin = safetyMargin
    }

    public init(endpoint: EndpointSpec) {
        self.init(charactersPerToken: endpoint.charactersPerToken, safetyMargin: endpoint.safetyMargin)
    }

    public func tokens(characters: Int, language: String?) -> Int {
        let perToken = language.flatMap { charactersPerToken[$0] } ?? charactersPerToken["default"] ?? 3.5
        // The small subtraction keeps 110.00000000000001 from becoming 111.
        return Int((Double(characters) / perToken * (1 + safetyMargin) - 1e-9).rounded(.up))
    }

    public func tokens(_ text: String, language: String?) -> Int {
        tokens(characters: Self.characterCount(text), language: language)
    }

    /// Unicode scalars in `text`, counted on its UTF-8 bytes (every byte but continuation bytes).
    public static func characterCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) } }
    }

    /// Characters that fit in `tokens` at this estimate: the inverse, for cutting chunks.
    public func characters(forTokens tokens: Int, language: String?) -> Int {
        let perToken = language.flatMap { charactersPerToken[$0] } ?? charactersPerToken["default"] ?? 3.5
        return Int(Double(tokens) * perToken / (1 + safetyMargin))
    }
}
