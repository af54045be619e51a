import DocketDecide
import DocketIngest
import DocketModel
import DocketRun
import DocketSpec
import DocketTestSupport
import Foundation
import Testing

/// The decision layer end to end on the samples: real extraction, the shipped pipelines.
@Suite struct DecisionPlannerTests {
    func pipeline(_ name: String) throws -> PipelineSpec {
        try PipelineLoader.load(path: TestPaths.repositoryRoot.appendingPathComponent("Pipelines/\(name).yaml").path)
    }

    func document(_ name: String) -> ExtractedDocument {
        DocumentExtractor(options: ExtractionOptions()).extractDocument(path: TestPaths.sample(name))
    }

    @Test func employeeDataNeverLeavesSelfHostedEndpoints() async throws {
        let planner = DecisionPlanner(pipeline: try pipeline("hr-files"))
        for name in ["arbeitsvertrag.pdf", "arbeitsvertrag.docx", "arbeitsvertrag-scan.pdf"] {
            let plan = planner.plan(document(name))
            #expect(plan.profile.type == .employment, "\(name)")
            #expect(!plan.chunks.isEmpty)
            for chunk in plan.chunks {
                #expect(chunk.sensitivity.level == "restricted", "\(name) chunk \(chunk.index)")
                for route in chunk.routes.values {
                    #expect(!route.chain.contains("eu-cloud"))
                    #expect(
                        route.excluded.contains {
                            $0.endpoint == "eu-cloud" && $0.reason.contains("below the work's level restricted")
                        })
                }
            }
        }
    }

    @Test func contractReviewSendsOnlyUnremarkableClausesToTheCloud() async throws {
        let plan = DecisionPlanner(pipeline: try pipeline("contract-review")).plan(
            document("it-services-agreement.pdf"))
        #expect(plan.profile.type == .services && plan.profile.language == "en")
        #expect(plan.level == "restricted")
        let payment = try #require(plan.chunks.first { $0.heading.hasPrefix("3 Fees") })
        #expect(payment.findings.map(\.type).contains("iban"))
        #expect(payment.sensitivity.level == "restricted")
        #expect(payment.routes["clause-review"]?.chain == ["volume", "local"])
        let law = try #require(plan.chunks.first { $0.heading.hasPrefix("7 Governing Law") })
        #expect(law.sensitivity.level == "internal")
        #expect(law.routes["clause-review"]?.chain == ["eu-cloud", "volume", "local"])
        #expect(plan.documentRoutes["key-terms"]?.chain == ["volume", "local"])
        // Chunks tile the document in order, and every chunk cites its pages.
        #expect(plan.chunks.map(\.index) == Array(0..<plan.chunks.count))
        #expect(plan.chunks.allSatisfy { $0.firstPage >= 1 && $0.lastPage <= 2 && $0.firstPage <= $0.lastPage })
        #expect(zip(plan.chunks, plan.chunks.dropFirst()).allSatisfy { $0.end <= $1.start })
    }

    /// A task limited to clause categories runs on the chunks that hold them, and a routing rule on clause
    /// categories sends those chunks where it says; what is not sent is counted.
    @Test func clauseCategoriesLimitTasksAndChooseRoutes() async throws {
        var spec = try pipeline("contract-review")
        let everything = DecisionPlanner(pipeline: spec).plan(document("it-services-agreement.pdf"))
        let review = try #require(spec.tasks.firstIndex { $0.name == "clause-review" })
        spec.tasks[review].clauses = ["Governing Law"]
        spec.routing.insert(RoutingRule(name: "law-to-volume", clauses: ["Governing Law"], use: ["volume"]), at: 0)
        let plan = DecisionPlanner(pipeline: spec).plan(document("it-services-agreement.pdf"))
        #expect(plan.clauses?.categories.contains { $0.name == "Governing Law" } == true)
        let reviewed = plan.chunks.filter { $0.routes["clause-review"] != nil }
        #expect(reviewed.map(\.heading).contains { $0.hasPrefix("7 Governing Law") }, "\(reviewed.map(\.heading))")
        #expect(reviewed.allSatisfy { $0.clauses?.contains("Governing Law") == true })
        #expect(reviewed.count < everything.chunks.filter { $0.routes["clause-review"] != nil }.count)
        #expect(reviewed.allSatisfy { $0.routes["clause-review"]?.rule == "law-to-volume" })
        #expect((plan.promptTokensSkipped ?? 0) > 0)
        #expect(everything.promptTokensSkipped == 0 && everything.promptTokensLimited == 0)
        #expect((plan.promptTokensLimited ?? 0) > 0)
        // Chunks without the category keep their usual routes for tasks not limited to it.
        let payment = try #require(plan.chunks.first { $0.heading.hasPrefix("3 Fees") })
        #expect(payment.routes["clause-review"] == nil && payment.clauses?.contains("Governing Law") == false)
        // The document holds it: the document task is routed by the rule too.
        #expect(plan.documentRoutes["key-terms"]?.rule == "law-to-volume")
    }

    /// The clause model's version is part of the rule-set version: a new model re-decides, the same one does not.
    @Test func theClauseModelIsPartOfTheRuleSetVersion() async throws {
        let spec = try pipeline("contract-review")
        var routing = RoutingSpec(spec)
        #expect(routing.clauseModel == (try ClauseModel.bundled.get()).version)
        let version = RuleSetVersion.of(routing)
        #expect(RuleSetVersion.of(RoutingSpec(spec)) == version)
        routing.clauseModel = "cm-000000000000"
        #expect(RuleSetVersion.of(routing) != version)
        // The answer readers' revision is part of it too: a changed reader re-decides.
        let model = try ClauseModel.bundled.get().version
        #expect(model.hasSuffix("-a\(ClauseAnswer.revision)"))
    }

    @Test func thePlanCarriesNoDocumentText() async throws {
        let plan = DecisionPlanner(pipeline: try pipeline("contract-review")).plan(document("mutual-nda.pdf"))
        let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        #expect(!json.contains("priya.raman"))
        #expect(!json.contains("Harbour Street"))
        #expect(json.contains("\"email\""))
        // The clauses are cited by offsets: no passage text.
        #expect(plan.clauses?.categories.isEmpty == false)
        #expect(plan.clauses?.categories.allSatisfy { $0.passages.allSatisfy { $0.text == nil } } == true)
    }
}
