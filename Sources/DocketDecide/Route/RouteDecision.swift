import DocketModel

/// What the router decided for one unit of work (a chunk, or a document, and a task).
public struct RouteDecision: Sendable, Codable, Equatable {
    public struct Exclusion: Sendable, Codable, Equatable {
        public var endpoint: String
        public var reason: String
    }

    /// The routing rule that matched, or nil when none did.
    public var rule: String?
    public var ruleSetVersion: String
    public var level: String
    /// Endpoints to try, in order; every one passed the sovereignty gate and fits the work.
    public var chain: [String]
    public var excluded: [Exclusion]
    /// Why the work is held for a person instead of sent anywhere; nil when the chain is not empty.
    public var held: String?
    /// Tokens the work needs on each endpoint considered: prompt, text and maximum output.
    public var neededTokens: [String: Int]
    /// What the prompt carries, part by part, and whether the document name goes as its alias;
    /// `level` is its level. Nil for work without a prompt, and for decisions stored before it.
    public var exposure: PromptExposure?
}

/// What the router needs to know about one unit of work.
public struct RouteRequest: Sendable, Equatable {
    public var level: String
    public var documentType: DocumentType
    public var language: String?
    public var task: String?
    /// Characters of the prompt and the text it carries.
    public var promptCharacters: Int
    public var maxOutputTokens: Int
    /// Exact prompt token counts by endpoint, where an endpoint could count them; otherwise
    /// the endpoint's estimate is used.
    public var exactPromptTokens: [String: Int]
    /// What the prompt carries; `level` is its level.
    public var exposure: PromptExposure?
    /// The CUAD clause categories the text holds.
    public var clauses: Set<String>

    public init(
        level: String, documentType: DocumentType, language: String?, task: String?, promptCharacters: Int,
        maxOutputTokens: Int, exactPromptTokens: [String: Int] = [:], exposure: PromptExposure? = nil,
        clauses: Set<String> = []
    ) {
        self.clauses = clauses
        self.exposure = exposure
        self.level = level
        self.documentType = documentType
        self.language = language
        self.task = task
        self.promptCharacters = promptCharacters
        self.maxOutputTokens = maxOutputTokens
        self.exactPromptTokens = exactPromptTokens
    }
}
