import DocketTestSupport
import Foundation
import Testing

@testable import DocketSpec

@Suite struct PipelineLoaderTests {
    func issues(_ yaml: String) -> [SpecIssue] {
        do {
            _ = try PipelineLoader.parse(yaml, file: "/p/pipeline.yaml")
            return []
        } catch let error as PipelineSpecError {
            return error.issues
        } catch {
            return [SpecIssue(file: "", line: 0, column: 0, message: "\(error)", hint: nil)]
        }
    }

    @Test func theShippedPipelinesAreValid() async throws {
        for name in ["contract-review", "nda-triage", "hr-files"] {
            let spec = try PipelineLoader.load(
                path: TestPaths.repositoryRoot.appendingPathComponent("Pipelines/\(name).yaml").path)
            #expect(spec.name == name)
            #expect(!spec.endpoints.isEmpty && !spec.routing.isEmpty && !spec.tasks.isEmpty)
            // Paths resolve relative to the pipeline file.
            #expect(
                spec.tasks.allSatisfy {
                    FileManager.default.fileExists(atPath: $0.prompt)
                        && FileManager.default.fileExists(atPath: $0.schema)
                })
            #expect(spec.inputs.allSatisfy { $0.folder.hasSuffix("/Samples/documents") })
        }
    }

    @Test func aValidPipelineLoadsWithDefaults() async throws {
        let spec = try PipelineLoader.parse(ValidPipeline.yaml, file: "/p/pipeline.yaml")
        #expect(spec.endpoints.map(\.name) == ["local", "cloud"])
        #expect(spec.endpoint(named: "local")?.isEmbedded == true)
        #expect(spec.endpoint(named: "cloud")?.apiKeyEnv == "KEY")
        #expect(spec.chunking == ChunkingSpec())
        #expect(spec.output == "/p/Output/test")
    }

    @Test func anUnknownKeyIsReportedWhereItIsWithASuggestion() {
        let yaml = ValidPipeline.yaml.replacingOccurrences(of: "clearance: internal", with: "clearence: internal")
        let issue = issues(yaml).first { $0.message.contains("clearence") }
        #expect(issue?.line == 9)
        #expect(issue?.column != nil && issue!.column > 1)
        #expect(issue?.hint == "did you mean `clearance`?")
        #expect(issue?.description.hasPrefix("/p/pipeline.yaml:9:") == true)
    }

    @Test func wrongTypesAreReported() {
        let yaml = ValidPipeline.yaml.replacingOccurrences(of: "context_tokens: 8192", with: "context_tokens: lots")
        #expect(issues(yaml).contains { $0.message == "context_tokens must be a whole number" && $0.line == 8 })
    }

    @Test func undefinedEndpointsAndTasksAreReported() {
        var yaml = ValidPipeline.yaml.replacingOccurrences(of: "use: [local] }", with: "use: [locl] }")
        #expect(
            issues(yaml).contains {
                $0.message == "unknown endpoint `locl`" && $0.hint == "did you mean `local`?" && $0.line == 12
            })
        yaml = ValidPipeline.yaml.replacingOccurrences(
            of: "- { use: [local] }", with: "- { if: { tasks: [summary] }, use: [local] }")
        #expect(issues(yaml).contains { $0.message == "unknown task `summary`" })
    }

    /// Rules and tasks name CUAD's clause categories as CUAD spells them; a misspelt one would never match.
    @Test func clauseCategoriesAreReadAndAMisspeltOneIsReported() async throws {
        var yaml = ValidPipeline.yaml.replacingOccurrences(
            of: "- { use: [local] }",
            with: "- { if: { clauses: [Change Of Control, Uncapped Liability] }, use: [local] }")
        let spec = try PipelineLoader.parse(yaml, file: "/p/pipeline.yaml")
        #expect(spec.routing.last?.clauses == ["Change Of Control", "Uncapped Liability"])
        yaml = ValidPipeline.yaml.replacingOccurrences(
            of: "- { use: [local] }", with: "- { if: { clauses: [Change of Control] }, use: [local] }")
        #expect(
            issues(yaml).contains {
                $0.message == "unknown clause category `Change of Control`"
                    && $0.hint == "did you mean `Change Of Control`?"
            })
    }

    @Test func aDuplicatedOrUnorderedTaxonomyIsReported() {
        var yaml = ValidPipeline.yaml.replacingOccurrences(
            of: "[public, internal, confidential, restricted]", with: "[public, internal, internal, restricted]")
        #expect(issues(yaml).contains { $0.message == "level `internal` is listed twice" && $0.line == 3 })
        yaml = ValidPipeline.yaml.replacingOccurrences(
            of: "[public, internal, confidential, restricted]", with: "[restricted, confidential, internal, public]")
        let issue = issues(yaml).first { $0.message.contains("not in order") }
        #expect(issue?.hint == "did you mean [public, internal, confidential, restricted]?")
    }

    @Test func undefinedLevelsAndDetectorsAreReported() {
        var yaml = ValidPipeline.yaml.replacingOccurrences(of: "level: restricted }", with: "level: secret }")
        #expect(issues(yaml).contains { $0.message == "`secret` is not a level of the taxonomy" })
        yaml = ValidPipeline.yaml.replacingOccurrences(of: "detectors: [iban]", with: "detectors: [ibna]")
        #expect(issues(yaml).contains { $0.message == "unknown detector `ibna`" && $0.hint == "did you mean `iban`?" })
    }

    @Test func anAPIKeyInTheFileIsRefused() {
        let yaml = ValidPipeline.yaml.replacingOccurrences(of: "api_key_env: KEY", with: "api_key: sk-123")
        let issue = issues(yaml).first { $0.message.contains("API keys never") }
        #expect(issue != nil)
        #expect(issue?.description.contains("sk-123") == false)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let yaml = ValidPipeline.yaml.replacingOccurrences(of: "clearance: internal", with: "clearence: internal")
            .replacingOccurrences(of: "use: [local] }", with: "use: [locl] }")
        #expect(issues(yaml).count >= 2)
    }

    @Test func yamlSyntaxErrorsHaveAPosition() {
        let issue = issues("name: [unclosed\nclassification: {").first
        #expect(issue?.message.hasPrefix("YAML syntax") == true)
        #expect((issue?.line ?? 0) >= 1)
    }

    @Test func suggestionsPickTheNearestKey() {
        #expect(Suggestion.closest(to: "clearence", among: ["clearance", "context_tokens", "model"]) == "clearance")
        #expect(Suggestion.closest(to: "zzz", among: ["clearance", "model"]) == nil)
    }
}
