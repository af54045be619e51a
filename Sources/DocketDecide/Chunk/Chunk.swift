/// A piece of a document that a task is run on, with everything needed to cite it.
public struct Chunk: Sendable, Codable, Equatable {
    /// Stable: a hash of the document's hash, the offsets and the chunker version.
    public var id: String
    public var index: Int
    public var firstPage: Int
    public var lastPage: Int
    /// UTF-8 byte offsets into the document text (pages joined by form feeds).
    public var start: Int
    public var end: Int
    /// Headings from the outermost in, e.g. ["12 Termination", "12.2"].
    public var headingPath: [String]
    /// Tokens by the default estimate (about 4 characters a token, plus margin); endpoints
    /// estimate or count again with their own tokenizer (see `TokenEstimator`).
    public var tokenEstimate: Int
    /// Unicode scalars in the text: what token estimates are made from.
    public var characters: Int
    public var text: String

    public var heading: String { headingPath.joined(separator: " > ") }
}
