import DocketModel
import Foundation
import Yams

/// Loads and validates a pipeline YAML file. Every problem is reported with file:line:column and,
/// where one is near, the key or name that was probably meant.
public enum PipelineLoader {
    public static func load(path: String) throws -> PipelineSpec {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw PipelineSpecError(issues: [
                SpecIssue(
                    file: path, line: 1, column: 1, message: "the pipeline file cannot be read", hint: "check the path")
            ])
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String) throws -> PipelineSpec {
        let reader = SpecReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PipelineSpecError(issues: [yamlSyntaxIssue(error, file: file)])
        }
        let spec = PipelineBuilder(reader: reader, folder: URL(fileURLWithPath: file).deletingLastPathComponent())
            .build(root, file: file)
        if let spec, reader.issues.isEmpty { return spec }
        throw PipelineSpecError(issues: reader.issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    private static func yamlSyntaxIssue(_ error: YamlError, file: String) -> SpecIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return SpecIssue(
                file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)", hint: nil)
        default:
            return SpecIssue(file: file, line: 1, column: 1, message: "YAML syntax: \(error)", hint: nil)
        }
    }
}

/// Walks the document top-down; one method per section.
private struct PipelineBuilder {
    let reader: SpecReader
    let folder: URL

    func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : folder.appendingPathComponent(relative).standardizedFileURL.path
    }

    func build(_ root: Node?, file: String) -> PipelineSpec? {
        guard let root else {
            reader.issue(nil, "the pipeline file is empty", hint: "see docs/pipeline.md")
            return nil
        }
        let keys = [
            "name", "description", "inputs", "output", "password_file", "ocr", "chunking",
            "classification", "endpoints", "routing", "tasks", "audit", "cost", "schedule", "store", "sovereignty",
            "clause_grid", "give_up_after",
        ]
        guard
            let top = reader.mapping(
                root, what: "the pipeline", allowed: keys,
                required: ["name", "classification", "endpoints", "routing"])
        else { return nil }
        let name = reader.string(top["name"], what: "name") ?? ""
        if !name.isEmpty, name.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            reader.issue(
                top["name"], "name may hold only letters, digits, `-` and `_`", hint: "it names the output folder")
        }
        _ = reader.string(top["description"], what: "description")
        var taxonomy = classification(top["classification"])
        if let ceilings = sovereigntyCeilings(top["sovereignty"], levels: taxonomy?.levels ?? []) {
            taxonomy?.sovereigntyCeilings = ceilings
        }
        let tasks = self.tasks(top["tasks"])
        let endpoints = self.endpoints(top["endpoints"], taxonomy: taxonomy)
        let routing = self.routing(top["routing"], taxonomy: taxonomy, endpoints: endpoints, tasks: tasks)
        guard let taxonomy else { return nil }
        var spec = PipelineSpec(
            name: name, file: file, inputs: inputs(top["inputs"]),
            output: path(reader.string(top["output"], what: "output") ?? "Output/\(name)"),
            passwordFile: reader.string(top["password_file"], what: "password_file").map(path),
            ocr: ocr(top["ocr"]), chunking: chunking(top["chunking"]), classification: taxonomy,
            endpoints: endpoints, routing: routing, tasks: tasks)
        spec.audit = audit(top["audit"])
        spec.cost = cost(top["cost"])
        spec.schedule = schedule(top["schedule"])
        spec.clauseGrid = names(top["clause_grid"], what: "clause category", among: CUADCategories.names)
        spec.giveUpAfter = duration(top["give_up_after"], what: "give_up_after")
        if let store = reader.string(top["store"], what: "store") {
            if StoreURL.redacted(store) != store {
                reader.issue(
                    top["store"], "passwords never go in the pipeline file",
                    hint: "set PGPASSWORD, or use a password file (PGPASSFILE)")
            }
            if StoreURL.isPostgres(store) {
                spec.store = store
            } else {
                spec.store = path(store)
            }
        }
        return spec
    }

    /// `sovereignty: { third-country: internal, eu-cloud: confidential }`: the highest level each may
    /// ever receive, where the defaults (`TaxonomySpec.defaultCeiling`) are not what the team decided.
    func sovereigntyCeilings(_ node: Node?, levels: [String]) -> [String: String]? {
        guard let node,
            let keys = reader.mapping(node, what: "sovereignty", allowed: Sovereignty.allCases.map(\.rawValue))
        else { return nil }
        var ceilings: [String: String] = [:]
        for (name, value) in keys { ceilings[name] = level(value, what: "the ceiling of \(name)", levels: levels) }
        return ceilings
    }

    /// The endpoint against the sovereignty policy: its clearance within its sovereignty's
    /// ceiling, and no API key sent in clear text to another machine.
    func checkPolicy(_ endpoint: EndpointSpec, node: Node, keys: [String: Node], taxonomy: TaxonomySpec?) {
        if let taxonomy, let ceiling = taxonomy.rank(of: taxonomy.ceiling(of: endpoint.sovereignty)),
            let clearance = taxonomy.rank(of: endpoint.clearance), clearance > ceiling
        {
            let name = taxonomy.ceiling(of: endpoint.sovereignty)
            reader.issue(
                keys["clearance"] ?? node,
                "endpoint `\(endpoint.name)` is cleared `\(endpoint.clearance)`, above what "
                    + "\(endpoint.sovereignty.rawValue) may receive (\(name))",
                hint:
                    "lower its clearance, or raise the ceiling explicitly: `sovereignty: { "
                    + "\(endpoint.sovereignty.rawValue): \(endpoint.clearance) }`"
            )
        }
        let insecure = reader.bool(keys["insecure_http"], what: "insecure_http") ?? false
        guard endpoint.apiKeyEnv != nil, !insecure else { return }
        for url in endpoint.replicaURLs {
            guard let parts = URLComponents(string: url), parts.scheme == "http", !Self.isLoopback(parts.host ?? "")
            else { continue }
            reader.issue(
                keys["url"] ?? node,
                "endpoint `\(endpoint.name)` would send its API key without TLS to \(parts.host ?? url)",
                hint: "use https://, or write `insecure_http: true` on the endpoint if the network in between is yours")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// `schedule: "0 2 * * 1-5"` (UTC) or `schedule: { cron: "0 2 * * 1-5", time_zone: Europe/Berlin }`.
    /// "30s", "10m", "2h", "1d" or a number of seconds: from 1 second to 7 days.
    func duration(_ node: Node?, what: String) -> Double? {
        guard let text = reader.string(node, what: what)?.trimmingCharacters(in: .whitespaces) else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        let unit = text.last.flatMap { units[$0] }
        guard let number = Double(unit == nil ? text : String(text.dropLast())), number.isFinite,
            (1...604_800).contains(number * (unit ?? 1))
        else {
            reader.issue(node, "\(what) must be a duration from 1s to 7d", hint: "for example 30s, 10m, 2h")
            return nil
        }
        return number * (unit ?? 1)
    }

    func schedule(_ node: Node?) -> CronSchedule? {
        guard let node else { return nil }
        var expression: String?, zoneName: String?, zoneNode: Node?
        if case .mapping = node {
            guard let keys = reader.mapping(node, what: "schedule", allowed: ["cron", "time_zone"], required: ["cron"])
            else { return nil }
            expression = reader.string(keys["cron"], what: "cron")
            zoneName = reader.string(keys["time_zone"], what: "time_zone")
            zoneNode = keys["time_zone"]
        } else {
            expression = reader.string(node, what: "schedule")
        }
        guard let expression else { return nil }
        var zone = TimeZone(identifier: "UTC")!
        if let zoneName {
            guard let found = TimeZone(identifier: zoneName) else {
                reader.issue(zoneNode, "`\(zoneName)` is not a time zone", hint: "an IANA name such as Europe/Berlin")
                return nil
            }
            zone = found
        }
        do {
            return try CronSchedule(expression, timeZone: zone)
        } catch {
            reader.issue(node, error.message, hint: "minute hour day-of-month month day-of-week, e.g. \"0 2 * * 1-5\"")
            return nil
        }
    }

    func audit(_ node: Node?) -> AuditSpec {
        var spec = AuditSpec()
        guard let keys = reader.mapping(node, what: "audit", allowed: ["retention_days"]) else { return spec }
        if let value = keys["retention_days"] {
            if value.string == "forever" {
                spec.retentionDays = nil
            } else if let days = reader.int(value, what: "retention_days", range: 1...36_500) {
                if days < AuditSpec.minimumRetentionDays {
                    reader.issue(
                        value,
                        "retention_days must be at least \(AuditSpec.minimumRetentionDays): the EU AI Act (Art. "
                            + "19, Art. 26(6)) asks for six months",
                        hint: "365, or `forever`")
                }
                spec.retentionDays = days
            }
        }
        return spec
    }

    func cost(_ node: Node?) -> CostSpec {
        var spec = CostSpec()
        guard let keys = reader.mapping(node, what: "cost", allowed: ["currency", "self_hosted_monthly", "api_prices"])
        else { return spec }
        if let currency = reader.string(keys["currency"], what: "currency") { spec.currency = currency }
        spec.selfHostedMonthly = reader.double(keys["self_hosted_monthly"], what: "self_hosted_monthly", range: 0...1e9)
        if let node = keys["api_prices"] {
            guard case .mapping(let prices) = node else {
                reader.issue(
                    node, "api_prices must map a price list's name to its input_per_million and output_per_million")
                return spec
            }
            for (key, value) in prices {
                guard let name = key.string,
                    let price = reader.mapping(
                        value, what: "an API price", allowed: ["input_per_million", "output_per_million"],
                        required: ["input_per_million", "output_per_million"])
                else { continue }
                spec.apiPrices.append(
                    CostSpec.APIPrice(
                        name: name,
                        inputPerMillion: reader.double(
                            price["input_per_million"], what: "input_per_million", range: 0...1e6) ?? 0,
                        outputPerMillion: reader.double(
                            price["output_per_million"], what: "output_per_million", range: 0...1e6) ?? 0))
            }
        }
        return spec
    }

    func inputs(_ node: Node?) -> [InputSpec] {
        (reader.sequence(node, what: "inputs") ?? []).compactMap { item in
            guard
                let keys = reader.mapping(
                    item, what: "an input", allowed: ["folder", "include"], required: ["folder"]),
                let folder = reader.string(keys["folder"], what: "folder")
            else { return nil }
            return InputSpec(folder: path(folder), include: reader.strings(keys["include"], what: "include") ?? [])
        }
    }

    func ocr(_ node: Node?) -> ExtractionOptions {
        var options = ExtractionOptions()
        guard
            let keys = reader.mapping(
                node, what: "ocr",
                allowed: ["mode", "languages", "languages_at_once", "dpi", "timeout_seconds", "max_pages"])
        else { return options }
        if let mode = reader.choice(keys["mode"], what: "ocr mode", as: OCRMode.self) { options.ocr = mode }
        if let languages = reader.strings(keys["languages"], what: "languages") { options.languages = languages }
        if let atOnce = reader.bool(keys["languages_at_once"], what: "languages_at_once") {
            options.languagesAtOnce = atOnce
        }
        if let dpi = reader.int(keys["dpi"], what: "dpi", range: 50...1200) { options.dpi = dpi }
        if let timeout = reader.double(keys["timeout_seconds"], what: "timeout_seconds", range: 1...86_400) {
            options.timeoutSeconds = timeout
        }
        if let pages = reader.int(keys["max_pages"], what: "max_pages", range: 1...1_000_000) {
            options.maxPages = pages
        }
        return options
    }

    func chunking(_ node: Node?) -> ChunkingSpec {
        var spec = ChunkingSpec()
        guard let keys = reader.mapping(node, what: "chunking", allowed: ["strategy", "max_tokens", "overlap_tokens"])
        else { return spec }
        if let strategy = reader.choice(keys["strategy"], what: "chunking strategy", as: ChunkingStrategy.self) {
            spec.strategy = strategy
        }
        if let max = reader.int(keys["max_tokens"], what: "max_tokens", range: 50...10_000_000) { spec.maxTokens = max }
        if let overlap = reader.int(keys["overlap_tokens"], what: "overlap_tokens", range: 0...1_000_000) {
            if overlap >= spec.maxTokens {
                reader.issue(keys["overlap_tokens"], "overlap_tokens must be smaller than max_tokens")
            }
            spec.overlapTokens = overlap
        }
        return spec
    }

    // MARK: Classification

    /// Conventional level names, lowest first: a list given the other way round is a mistake.
    static let conventionalOrder = ["public", "internal", "confidential", "restricted", "secret"]

    func classification(_ node: Node?) -> TaxonomySpec? {
        guard
            let keys = reader.mapping(
                node, what: "classification", allowed: ["levels", "default", "rules", "detectors", "min_confidence"],
                required: ["levels", "default"])
        else { return nil }
        let levels = reader.strings(keys["levels"], what: "levels") ?? []
        checkLevels(levels, node: keys["levels"])
        let defaultLevel = level(keys["default"], what: "default", levels: levels) ?? levels.first ?? ""
        let detectors = customDetectors(keys["detectors"])
        let detectorNames = FindingType.detectorNames + detectors.map(\.name)
        let rules = (reader.sequence(keys["rules"], what: "classification rules") ?? []).enumerated().compactMap {
            index, item in
            classificationRule(item, index: index, levels: levels, detectorNames: detectorNames)
        }
        let minConfidence = reader.double(keys["min_confidence"], what: "min_confidence", range: 0...1) ?? 0.5
        return TaxonomySpec(
            levels: levels, defaultLevel: defaultLevel, rules: rules, detectors: detectors, minConfidence: minConfidence
        )
    }

    func checkLevels(_ levels: [String], node: Node?) {
        if levels.isEmpty { reader.issue(node, "levels must list at least one level, lowest first") }
        var seen = Set<String>()
        for (index, level) in levels.enumerated() where !seen.insert(level).inserted {
            reader.issue(
                elementNode(node, index), "level `\(level)` is listed twice", hint: "each level once, lowest first")
        }
        let known = levels.compactMap { Self.conventionalOrder.firstIndex(of: $0) }
        if known.count >= 2, known != known.sorted() {
            let sorted = levels.sorted {
                (Self.conventionalOrder.firstIndex(of: $0) ?? 0) < (Self.conventionalOrder.firstIndex(of: $1) ?? 0)
            }
            reader.issue(
                node, "levels are not in order: list them lowest first",
                hint: "did you mean [\(sorted.joined(separator: ", "))]?")
        }
    }

    func elementNode(_ node: Node?, _ index: Int) -> Node? {
        guard let node, case .sequence(let sequence) = node, index < sequence.count else { return node }
        return Array(sequence)[index]
    }

    func level(_ node: Node?, what: String, levels: [String]) -> String? {
        guard let name = reader.string(node, what: what) else { return nil }
        guard levels.contains(name) else {
            reader.issue(
                node, "`\(name)` is not a level of the taxonomy", hint: Suggestion.hint(for: name, among: levels))
            return nil
        }
        return name
    }

    func names(_ node: Node?, what: String, among known: [String]) -> [String] {
        let values = reader.strings(node, what: what) ?? []
        let nodes = node.flatMap { node -> [Node]? in
            if case .sequence(let s) = node { return Array(s) } else { return nil }
        }
        for (index, value) in values.enumerated() where !known.contains(value) {
            reader.issue(
                nodes?[safe: index] ?? node, "unknown \(what) `\(value)`",
                hint: Suggestion.hint(for: value, among: known))
        }
        return values
    }

    func classificationRule(_ node: Node, index: Int, levels: [String], detectorNames: [String]) -> ClassificationRule?
    {
        guard
            let keys = reader.mapping(
                node, what: "a classification rule", allowed: ["name", "if", "level"], required: ["if", "level"]),
            let conditions = reader.mapping(
                keys["if"], what: "a rule's `if`", allowed: ["detectors", "categories", "markings", "document_types"])
        else { return nil }
        if conditions.isEmpty { reader.issue(keys["if"], "a classification rule needs at least one condition") }
        return ClassificationRule(
            name: reader.string(keys["name"], what: "name") ?? "rule \(index + 1)",
            detectors: names(conditions["detectors"], what: "detector", among: detectorNames),
            categories: names(conditions["categories"], what: "category", among: FindingType.categoryNames),
            markings: names(conditions["markings"], what: "marking", among: FindingType.markings.map(\.rawValue)),
            documentTypes: names(
                conditions["document_types"], what: "document type", among: DocumentType.allCases.map(\.rawValue)),
            level: level(keys["level"], what: "level", levels: levels) ?? "")
    }

    func customDetectors(_ node: Node?) -> [CustomDetectorSpec] {
        (reader.sequence(node, what: "detectors") ?? []).compactMap { item in
            guard
                let keys = reader.mapping(
                    item, what: "a custom detector", allowed: ["name", "regex", "keywords", "confidence"],
                    required: ["name"]),
                let name = reader.string(keys["name"], what: "name")
            else { return nil }
            if FindingType(rawValue: name) != nil {
                reader.issue(keys["name"], "`\(name)` is a built-in detector; give the custom one another name")
            }
            let regex = reader.string(keys["regex"], what: "regex")
            let keywords = reader.strings(keys["keywords"], what: "keywords") ?? []
            if regex == nil && keywords.isEmpty { reader.issue(item, "a custom detector needs `regex` or `keywords`") }
            if let regex, (try? NSRegularExpression(pattern: regex)) == nil {
                reader.issue(keys["regex"], "the regex does not compile", hint: "ICU regular expression syntax")
            }
            return CustomDetectorSpec(
                name: name, regex: regex, keywords: keywords,
                confidence: reader.double(keys["confidence"], what: "confidence", range: 0...1) ?? 0.9)
        }
    }

    // MARK: Endpoints, routing, tasks

    func endpoints(_ node: Node?, taxonomy: TaxonomySpec?) -> [EndpointSpec] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            reader.issue(node, "endpoints must be a mapping from endpoint names to their settings")
            return []
        }
        let allowed = [
            "engine", "url", "model", "sovereignty", "clearance", "context_tokens", "max_concurrency",
            "price", "api_key_env", "chars_per_token", "safety_margin", "api_key", "insecure_http",
        ]
        return mapping.compactMap { key, value in
            guard let name = key.string,
                let keys = reader.mapping(
                    value, what: "endpoint `\(key.string ?? "")`", allowed: allowed,
                    required: ["sovereignty", "clearance", "context_tokens"])
            else { return nil }
            if keys["api_key"] != nil {
                reader.issue(
                    keys["api_key"], "API keys never go in the pipeline file",
                    hint: "name the environment variable that holds it with `api_key_env`")
            }
            let engine = reader.string(keys["engine"], what: "engine")
            // One URL, or a list: replicas of the same model.
            var urls: [String] = []
            if let node = keys["url"] {
                if case .sequence = node {
                    urls = reader.strings(node, what: "url") ?? []
                } else {
                    urls = reader.string(node, what: "url").map { [$0] } ?? []
                }
            }
            let url = urls.first
            if let engine, engine != "embedded" {
                reader.issue(
                    keys["engine"], "`\(engine)` is not an engine Docket starts itself",
                    hint: "use `engine: embedded`, or `url:` for a running server")
            }
            if (engine == nil) == (url == nil) {
                reader.issue(value, "endpoint `\(name)` needs exactly one of `engine: embedded` and `url`")
            }
            for url in urls where URL(string: url)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                reader.issue(keys["url"], "url must start with http:// or https://: `\(url)`")
            }
            if Set(urls).count != urls.count { reader.issue(keys["url"], "a replica is listed twice") }
            var perToken = EndpointSpec.defaultCharactersPerToken
            if let table = reader.mapping(
                keys["chars_per_token"], what: "chars_per_token",
                allowed: ["default", "en", "de", "fr", "es", "it", "nl"])
            {
                for (language, value) in table {
                    perToken[language] = reader.double(value, what: "chars_per_token", range: 0.5...20)
                }
            }
            var prices = (input: 0.0, output: 0.0)
            if let price = reader.mapping(
                keys["price"], what: "price", allowed: ["input_per_million", "output_per_million"])
            {
                prices.input = reader.double(price["input_per_million"], what: "input_per_million") ?? 0
                prices.output = reader.double(price["output_per_million"], what: "output_per_million") ?? 0
            }
            var endpoint = EndpointSpec(
                name: name, url: url,
                model: reader.string(keys["model"], what: "model") ?? (engine == "embedded" ? "embedded" : ""),
                sovereignty: reader.choice(keys["sovereignty"], what: "sovereignty", as: Sovereignty.self)
                    ?? .thirdCountry,
                clearance: level(keys["clearance"], what: "clearance", levels: taxonomy?.levels ?? []) ?? taxonomy?
                    .levels.first ?? "",
                contextTokens: reader.int(keys["context_tokens"], what: "context_tokens", range: 256...100_000_000)
                    ?? 0,
                maxConcurrency: reader.int(keys["max_concurrency"], what: "max_concurrency", range: 1...4096) ?? 4,
                inputPricePerMillion: prices.input, outputPricePerMillion: prices.output,
                apiKeyEnv: reader.string(keys["api_key_env"], what: "api_key_env"),
                charactersPerToken: perToken,
                safetyMargin: reader.double(keys["safety_margin"], what: "safety_margin", range: 0...1) ?? 0.1)
            if !urls.isEmpty { endpoint.replicaURLs = urls }
            checkPolicy(endpoint, node: value, keys: keys, taxonomy: taxonomy)
            return endpoint
        }
    }

    func routing(_ node: Node?, taxonomy: TaxonomySpec?, endpoints: [EndpointSpec], tasks: [TaskSpec]) -> [RoutingRule]
    {
        let endpointNames = endpoints.map(\.name), taskNames = tasks.map(\.name)
        return (reader.sequence(node, what: "routing") ?? []).enumerated().compactMap { index, item in
            guard
                let keys = reader.mapping(
                    item, what: "a routing rule", allowed: ["name", "if", "use"], required: ["use"])
            else { return nil }
            let conditions =
                reader.mapping(
                    keys["if"], what: "a routing rule's `if`",
                    allowed: ["levels", "document_types", "languages", "tasks", "min_tokens", "max_tokens", "clauses"])
                ?? [:]
            let use = names(keys["use"], what: "endpoint", among: endpointNames)
            if use.isEmpty { reader.issue(keys["use"], "a routing rule must name at least one endpoint") }
            return RoutingRule(
                name: reader.string(keys["name"], what: "name") ?? "route \(index + 1)",
                levels: names(conditions["levels"], what: "level", among: taxonomy?.levels ?? []),
                documentTypes: names(
                    conditions["document_types"], what: "document type", among: DocumentType.allCases.map(\.rawValue)),
                languages: reader.strings(conditions["languages"], what: "languages") ?? [],
                tasks: names(conditions["tasks"], what: "task", among: taskNames),
                minTokens: reader.int(conditions["min_tokens"], what: "min_tokens"),
                maxTokens: reader.int(conditions["max_tokens"], what: "max_tokens"),
                clauses: names(conditions["clauses"], what: "clause category", among: CUADCategories.names),
                use: use)
        }
    }

    func tasks(_ node: Node?) -> [TaskSpec] {
        var seen = Set<String>()
        return (reader.sequence(node, what: "tasks") ?? []).compactMap { item in
            guard
                let keys = reader.mapping(
                    item, what: "a task",
                    allowed: ["name", "prompt", "schema", "scope", "max_output_tokens", "temperature", "clauses"],
                    required: ["name", "prompt", "schema"]),
                let name = reader.string(keys["name"], what: "name")
            else { return nil }
            if !seen.insert(name).inserted { reader.issue(keys["name"], "task `\(name)` is declared twice") }
            var files: [String] = []
            for key in ["prompt", "schema"] {
                guard let relative = reader.string(keys[key], what: key) else { continue }
                let absolute = path(relative)
                if !FileManager.default.fileExists(atPath: absolute) {
                    reader.issue(
                        keys[key], "the \(key) file \(relative) does not exist",
                        hint: "paths are relative to the pipeline file")
                }
                files.append(absolute)
            }
            guard files.count == 2 else { return nil }
            return TaskSpec(
                name: name, prompt: files[0], schema: files[1],
                scope: reader.choice(keys["scope"], what: "task scope", as: TaskScope.self) ?? .chunk,
                maxOutputTokens: reader.int(keys["max_output_tokens"], what: "max_output_tokens", range: 1...1_000_000)
                    ?? 512,
                temperature: reader.double(keys["temperature"], what: "temperature", range: 0...2) ?? 0,
                clauses: names(keys["clauses"], what: "clause category", among: CUADCategories.names))
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
