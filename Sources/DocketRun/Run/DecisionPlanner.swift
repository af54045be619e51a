import DocketDecide
import DocketInfer
import DocketModel
import DocketSpec
import Foundation

/// Chunks, classifies and routes extracted documents for a pipeline: the decision layer from
/// end to end, with no model contacted. Reads the task prompt templates once, to know their size
/// and which parts of a document they carry: a unit's level covers every one of those parts.
public struct DecisionPlanner: Sendable {
    public let pipeline: PipelineSpec
    public let chunker: Chunker
    public let classifier: Classifier
    public let router: Router
    /// Nil when the clause model cannot be read (`docket doctor` says why): no clauses are found, and a
    /// task limited to clause categories runs on every chunk rather than on none.
    public let clauseDetector: ClauseDetector?
    /// Per task, read once: the variables its template fills and its own length in characters.
    private let templates: [String: (variables: Set<String>, characters: Int)]

    public init(pipeline: PipelineSpec) {
        self.pipeline = pipeline
        self.chunker = Chunker(spec: pipeline.chunking)
        self.classifier = Classifier(taxonomy: pipeline.classification)
        self.router = Router(spec: RoutingSpec(pipeline))
        self.clauseDetector = (try? ClauseModel.bundled.get()).map(ClauseDetector.init)
        var templates: [String: (Set<String>, Int)] = [:]
        for task in pipeline.tasks {
            let template = PromptTemplate(text: (try? String(contentsOfFile: task.prompt, encoding: .utf8)) ?? "")
            templates[task.name] = (template.variables, template.text.unicodeScalars.count)
        }
        self.templates = templates
    }

    public func plan(_ document: ExtractedDocument) -> DocumentPlan {
        let chunks = chunker.chunks(documentSHA256: document.sha256, pages: document.pages)
        let profile = classifier.profile(of: document.fullText)
        let clauses = clauseDetector.map {
            ContractClauses.find(in: document, chunks: chunks, detector: $0, language: profile.language)
        }
        var skipped = 0, limited = 0
        let taxonomy = pipeline.classification
        let name = exposurePart(DocumentAlias.variable, (document.path as NSString).lastPathComponent, profile: profile)
        var headings: [String: PromptExposure.Part] = [:]
        var planned: [PlannedChunk] = []
        planned.reserveCapacity(chunks.count)
        for chunk in chunks {
            let findings = classifier.findings(in: chunk.text)
            let sensitivity = SensitivityPolicy.decide(
                findings: findings, documentType: profile.type, taxonomy: taxonomy)
            let text = PromptExposure.Part(
                variable: "chunk.text", level: sensitivity.level,
                findings: Self.types(findings), sent: true)
            let parts = [text, headingPart(chunk, text: text, cache: &headings, profile: profile), name]
            let found = clauses?.categories(overlapping: chunk.start..<chunk.end) ?? []
            var routes: [String: RouteDecision] = [:]
            for task in pipeline.tasks where task.scope == .chunk {
                if clauses != nil, !task.clauses.isEmpty {
                    let tokens = TokenEstimator().tokens(
                        characters: chunk.characters + (templates[task.name]?.characters ?? 0),
                        language: profile.language)
                    guard task.clauses.contains(where: found.contains) else {
                        skipped += tokens
                        continue
                    }
                    limited += tokens
                }
                let exposure = exposure(of: task, parts: parts)
                routes[task.name] = router.route(
                    request(
                        exposure: exposure, profile: profile, task: task,
                        characters: chunk.characters, clauses: Set(found)))
            }
            if pipeline.tasks.isEmpty {
                routes[""] = router.route(
                    RouteRequest(
                        level: sensitivity.level, documentType: profile.type,
                        language: profile.language, task: nil,
                        promptCharacters: chunk.characters, maxOutputTokens: 512, clauses: Set(found)))
            }
            planned.append(
                PlannedChunk(
                    id: chunk.id, index: chunk.index, firstPage: chunk.firstPage, lastPage: chunk.lastPage,
                    start: chunk.start, end: chunk.end, heading: chunk.heading,
                    tokenEstimate: chunk.tokenEstimate, findings: findings, sensitivity: sensitivity,
                    clauses: found, routes: routes))
        }
        let level = SensitivityPolicy.documentLevel(planned.map(\.sensitivity.level), taxonomy: taxonomy)
        let documentText = PromptExposure.Part(
            variable: "document.text", level: level,
            findings: Self.types(planned.flatMap(\.findings)), sent: true)
        let documentCharacters = TokenEstimator.characterCount(document.fullText)
        var documentRoutes: [String: RouteDecision] = [:]
        for task in pipeline.tasks where task.scope == .document {
            let exposure = exposure(of: task, parts: [documentText, name])
            documentRoutes[task.name] = router.route(
                request(
                    exposure: exposure, profile: profile, task: task,
                    characters: documentCharacters, clauses: Set(clauses?.categories.map(\.name) ?? [])))
        }
        return DocumentPlan(
            path: document.path, sha256: document.sha256, profile: profile, level: level,
            chunks: planned, documentRoutes: documentRoutes, clauses: clauses?.withoutText(),
            promptTokensSkipped: skipped, promptTokensLimited: limited)
    }

    /// The heading path's part: each heading of the path classified once per document (parents
    /// recur in many paths); the chunk's own heading, when its text holds it word for word, is
    /// already covered by the chunk text's part.
    func headingPart(
        _ chunk: Chunk, text: PromptExposure.Part, cache: inout [String: PromptExposure.Part],
        profile: DocumentProfile
    ) -> PromptExposure.Part {
        let taxonomy = pipeline.classification
        var part = PromptExposure.Part(
            variable: "chunk.heading", level: taxonomy.defaultLevel, findings: [], sent: true)
        var findings = Set<String>()
        for (position, heading) in chunk.headingPath.enumerated() {
            let component: PromptExposure.Part
            if position == chunk.headingPath.count - 1, Self.opens(chunk.text, with: heading) {
                component = text
            } else if let known = cache[heading] {
                component = known
            } else {
                component = exposurePart("chunk.heading", heading, profile: profile)
                cache[heading] = component
            }
            findings.formUnion(component.findings)
            if (taxonomy.rank(of: component.level) ?? 0) > (taxonomy.rank(of: part.level) ?? 0) {
                part.level = component.level
            }
        }
        part.findings = findings.sorted()
        return part
    }

    /// A piece of text a prompt may carry, classified as a chunk is.
    func exposurePart(_ variable: String, _ text: String, profile: DocumentProfile) -> PromptExposure.Part {
        let findings = classifier.findings(in: text)
        let level = SensitivityPolicy.decide(
            findings: findings, documentType: profile.type,
            taxonomy: pipeline.classification
        ).level
        return PromptExposure.Part(variable: variable, level: level, findings: Self.types(findings), sent: true)
    }

    /// The parts the task's template carries; the text itself always counts (it is what the work is about).
    private func exposure(of task: TaskSpec, parts: [PromptExposure.Part]) -> PromptExposure {
        let variables = templates[task.name]?.variables ?? []
        let carried = parts.filter { variables.contains($0.variable) || $0.variable.hasSuffix(".text") }
        return PromptExposure.combine(carried, taxonomy: pipeline.classification)
    }

    private func request(
        exposure: PromptExposure, profile: DocumentProfile, task: TaskSpec, characters: Int, clauses: Set<String>
    ) -> RouteRequest {
        RouteRequest(
            level: exposure.level, documentType: profile.type, language: profile.language, task: task.name,
            promptCharacters: characters + (templates[task.name]?.characters ?? 0),
            maxOutputTokens: task.maxOutputTokens, exposure: exposure, clauses: clauses)
    }

    /// Whether `heading` stands word for word in the first lines of `text`, where a chunk's own
    /// heading is (a byte search: Foundation's `contains` cost 3% of the decision stage).
    static func opens(_ text: String, with heading: String) -> Bool {
        let needle = Array(heading.utf8)
        guard !needle.isEmpty else { return true }
        let haystack = Array(text.utf8.prefix(needle.count + 256))
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    static func types(_ findings: [Finding]) -> [String] { Array(Set(findings.map(\.type))).sorted() }
}
