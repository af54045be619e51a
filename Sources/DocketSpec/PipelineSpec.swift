import DocketModel
import Foundation

/// A workflow as its pipeline YAML declares it, validated, with paths made absolute.
/// `docs/pipeline.md` documents every key.
public struct PipelineSpec: Sendable, Codable {
    public var name: String
    /// The pipeline file itself, absolute.
    public var file: String
    public var inputs: [InputSpec]
    public var output: String
    public var passwordFile: String?
    public var ocr: ExtractionOptions
    public var chunking: ChunkingSpec
    public var classification: TaxonomySpec
    public var endpoints: [EndpointSpec]
    public var routing: [RoutingRule]
    public var tasks: [TaskSpec]
    public var audit = AuditSpec()
    public var cost = CostSpec()
    /// The store: a SQLite path or a `postgresql://` URL (without password); nil: `<output>/docket.sqlite`.
    public var store: String?
    /// When `docket serve` runs the pipeline over its inputs; nil: only on submissions.
    public var schedule: CronSchedule?
    /// The clause categories the clause grid shows unless a person picks others: the review list of a
    /// transaction review. Empty: `ClauseGridDefaults.categories`.
    public var clauseGrid: [String] = []
    /// `give_up_after`: when requests wait this long and no endpoint answers any, a run stops, fails its pending
    /// units as `no-endpoint` (`docket resume` sends them again) and exits 75. nil: `docket run` waits;
    /// `docket serve` gives up after `PipelineSpec.scheduledGiveUp`.
    public var giveUpAfter: Double?
    /// How long a scheduled or submitted run (`docket serve`) waits for an endpoint without `give_up_after`: an
    /// hour, so that a nightly run is over, its reports written, well before the next night's.
    public static let scheduledGiveUp: Double = 3_600

    public func endpoint(named name: String) -> EndpointSpec? { endpoints.first { $0.name == name } }
}

public struct InputSpec: Sendable, Codable, Equatable {
    public var folder: String
    /// Globs matched against paths relative to the folder; empty means every file.
    public var include: [String]
}

public enum ChunkingStrategy: String, Sendable, Codable, CaseIterable {
    /// On the document's legal structure: articles, sections, numbered clauses.
    case clauses
    /// One chunk per page.
    case pages
    /// The whole document as one chunk, for long-context endpoints.
    case wholeDocument = "whole-document"
}

public struct ChunkingSpec: Sendable, Codable, Equatable {
    public var strategy: ChunkingStrategy = .clauses
    public var maxTokens = 1_500
    public var overlapTokens = 100

    public init(strategy: ChunkingStrategy = .clauses, maxTokens: Int = 1_500, overlapTokens: Int = 100) {
        self.strategy = strategy
        self.maxTokens = maxTokens
        self.overlapTokens = overlapTokens
    }
}

/// The ordered sensitivity levels, the rules that give a chunk its level, and custom detectors.
public struct TaxonomySpec: Sendable, Codable, Equatable {
    /// Lowest first.
    public var levels: [String]
    public var defaultLevel: String
    public var rules: [ClassificationRule]
    public var detectors: [CustomDetectorSpec]
    /// Findings less certain than this do not count for the rules.
    public var minConfidence: Double

    public init(
        levels: [String], defaultLevel: String, rules: [ClassificationRule],
        detectors: [CustomDetectorSpec] = [], minConfidence: Double = 0.5
    ) {
        self.levels = levels
        self.defaultLevel = defaultLevel
        self.rules = rules
        self.detectors = detectors
        self.minConfidence = minConfidence
    }

    /// The highest level each sovereignty may ever receive, where the pipeline's `sovereignty:`
    /// section says so; nil (and each sovereignty not named) takes `defaultCeiling`.
    public var sovereigntyCeilings: [String: String]?

    public func rank(of level: String) -> Int? { levels.firstIndex(of: level) }

    /// The highest level an endpoint of this sovereignty may receive, whatever its clearance.
    public func ceiling(of sovereignty: Sovereignty) -> String {
        sovereigntyCeilings?[sovereignty.rawValue] ?? defaultCeiling(of: sovereignty)
    }

    /// Safe defaults, counted from the top of the taxonomy: self-hosted servers may receive
    /// everything; an EU cloud, all but the highest level (in the usual taxonomy: up to
    /// `confidential`, never `restricted`); a third country, all but the two highest (`internal`).
    public func defaultCeiling(of sovereignty: Sovereignty) -> String {
        guard !levels.isEmpty else { return "" }
        let below =
            switch sovereignty {
            case .selfHosted: 0
            case .euCloud: 1
            case .thirdCountry: 2
            }
        return levels[max(0, levels.count - 1 - below)]
    }
}

/// `if` these findings (any of them) are present, the chunk is at least `level`.
public struct ClassificationRule: Sendable, Codable, Equatable {
    public var name: String
    /// Finding types (`iban`, `email`, a custom detector's name…).
    public var detectors: [String]
    /// Special categories (`health`, …, or `gdpr_art9` and `gdpr_art10` for all of them).
    public var categories: [String]
    /// Confidentiality markings (`confidential`, `strictly_confidential`).
    public var markings: [String]
    /// Document types (`employment`, …): every chunk of such a document.
    public var documentTypes: [String]
    public var level: String

    public init(
        name: String, detectors: [String] = [], categories: [String] = [], markings: [String] = [],
        documentTypes: [String] = [], level: String
    ) {
        self.name = name
        self.detectors = detectors
        self.categories = categories
        self.markings = markings
        self.documentTypes = documentTypes
        self.level = level
    }
}

public struct CustomDetectorSpec: Sendable, Codable, Equatable {
    public var name: String
    public var regex: String?
    public var keywords: [String]
    public var confidence: Double
}

public enum Sovereignty: String, Sendable, Codable, CaseIterable {
    case selfHosted = "self-hosted"
    case euCloud = "eu-cloud"
    case thirdCountry = "third-country"
}

/// A model server Docket may send work to.
public struct EndpointSpec: Sendable, Codable, Equatable {
    public var name: String
    /// `nil` for `engine: embedded`: Docket starts llama.cpp's server itself. The first replica.
    public var url: String?
    /// Every replica of the same model behind this endpoint, `url` first.
    public var replicaURLs: [String]
    public var model: String
    public var sovereignty: Sovereignty
    /// The highest sensitivity level this endpoint may receive.
    public var clearance: String
    public var contextTokens: Int
    /// Requests in flight at once, per replica.
    public var maxConcurrency: Int
    public var inputPricePerMillion: Double
    public var outputPricePerMillion: Double
    /// The environment variable holding the API key; the key itself never appears in the file.
    public var apiKeyEnv: String?
    /// Characters per token by language code, with "default" for the rest.
    public var charactersPerToken: [String: Double]
    /// Estimates are raised by this share, to stay on the safe side of the window.
    public var safetyMargin: Double

    public var isEmbedded: Bool { url == nil }

    public init(
        name: String, url: String?, model: String, sovereignty: Sovereignty, clearance: String,
        contextTokens: Int, maxConcurrency: Int = 4, inputPricePerMillion: Double = 0,
        outputPricePerMillion: Double = 0, apiKeyEnv: String? = nil,
        charactersPerToken: [String: Double] = EndpointSpec.defaultCharactersPerToken, safetyMargin: Double = 0.1
    ) {
        self.name = name
        self.url = url
        self.replicaURLs = url.map { [$0] } ?? []
        self.model = model
        self.sovereignty = sovereignty
        self.clearance = clearance
        self.contextTokens = contextTokens
        self.maxConcurrency = maxConcurrency
        self.inputPricePerMillion = inputPricePerMillion
        self.outputPricePerMillion = outputPricePerMillion
        self.apiKeyEnv = apiKeyEnv
        self.charactersPerToken = charactersPerToken
        self.safetyMargin = safetyMargin
    }

    /// Typical for current multilingual tokenizers: English packs tighter than German or French.
    public static let defaultCharactersPerToken: [String: Double] = ["default": 3.5, "en": 4.0, "de": 3.3, "fr": 3.6]
}

/// `if` a chunk matches every condition given, try the endpoints in `use`, in order.
public struct RoutingRule: Sendable, Codable, Equatable {
    public var name: String
    public var levels: [String]
    public var documentTypes: [String]
    public var languages: [String]
    public var tasks: [String]
    public var minTokens: Int?
    public var maxTokens: Int?
    /// CUAD clause categories: the rule holds for work whose text holds any of them.
    public var clauses: [String]
    public var use: [String]

    public init(
        name: String, levels: [String] = [], documentTypes: [String] = [], languages: [String] = [],
        tasks: [String] = [], minTokens: Int? = nil, maxTokens: Int? = nil, clauses: [String] = [], use: [String]
    ) {
        self.clauses = clauses
        self.name = name
        self.levels = levels
        self.documentTypes = documentTypes
        self.languages = languages
        self.tasks = tasks
        self.minTokens = minTokens
        self.maxTokens = maxTokens
        self.use = use
    }
}

public enum TaskScope: String, Sendable, Codable, CaseIterable {
    case chunk, document
}

/// A question put to a model for each chunk or document, answered as JSON.
public struct TaskSpec: Sendable, Codable, Equatable {
    public var name: String
    public var prompt: String
    public var schema: String
    public var scope: TaskScope
    public var maxOutputTokens: Int
    public var temperature: Double
    /// CUAD clause categories: a chunk task runs only on the chunks that hold any of them (all when empty).
    public var clauses: [String] = []
}

/// How long the audit trail keeps its records.
public struct AuditSpec: Sendable, Codable, Equatable {
    /// Records older than this many days are removed when a run starts; nil keeps them for ever.
    /// At least 183 (six months: EU AI Act Art. 19 and Art. 26(6)); the default is a year.
    public var retentionDays: Int? = 365
    public static let minimumRetentionDays = 183

    public init(retentionDays: Int? = 365) { self.retentionDays = retentionDays }
}

/// What self-hosting costs, and the API prices to compare it with, for `docket cost`.
public struct CostSpec: Sendable, Codable, Equatable {
    public struct APIPrice: Sendable, Codable, Equatable {
        public var name: String
        public var inputPerMillion: Double
        public var outputPerMillion: Double
    }

    public var currency = "EUR"
    /// Hardware, power and operations of the self-hosted engines, per month.
    public var selfHostedMonthly: Double?
    /// Cloud API prices per million tokens, for comparison.
    public var apiPrices: [APIPrice] = []

    public init() {}
}
