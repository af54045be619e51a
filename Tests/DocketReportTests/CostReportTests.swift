import DocketTestSupport
import Foundation
import Testing

@testable import DocketReport
@testable import DocketSpec
@testable import DocketStore

@Suite struct CostReportTests {
    static let pipeline =
        ValidPipeline.yaml + """

            cost:
              currency: EUR
              self_hosted_monthly: 2000
              api_prices:
                cheap-api: { input_per_million: 0.1, output_per_million: 0.3 }
                dear-api: { input_per_million: 10, output_per_million: 30 }
            audit:
              retention_days: 200
            """

    @Test func costAndAuditSectionsLoad() async throws {
        let spec = try PipelineLoader.parse(Self.pipeline, file: "/p/pipeline.yaml")
        #expect(spec.cost.selfHostedMonthly == 2000)
        #expect(spec.cost.apiPrices.map(\.name).sorted() == ["cheap-api", "dear-api"])
        #expect(spec.audit.retentionDays == 200)
        #expect(
            try PipelineLoader.parse(ValidPipeline.yaml, file: "/p/pipeline.yaml").audit.retentionDays == 365)
    }

    @Test func retentionShorterThanSixMonthsIsRefused() {
        let yaml = Self.pipeline.replacingOccurrences(of: "retention_days: 200", with: "retention_days: 90")
        #expect(throws: PipelineSpecError.self) { try PipelineLoader.parse(yaml, file: "/p/pipeline.yaml") }
    }

    @Test func theCrossoverIsTheVolumeWhereHardwareEqualsTheAPIBill() async throws {
        let api = CostSpec.APIPrice(name: "a", inputPerMillion: 10, outputPerMillion: 30)
        // 80% input: 0.8 × 10 + 0.2 × 30 = 14 per million tokens; 2,000 a month ÷ 14 per million.
        let volume = try #require(
            CostReport.crossover(fixedMonthly: 2000, api: api, selfInput: 0, selfOutput: 0, inputShare: 0.8))
        #expect(abs(volume - 2000 / 14 * 1e6) < 1)
        #expect(abs(volume * (14 / 1e6) - 2000) < 1e-6)
        // A self-hosted price per token above the API's never breaks even.
        #expect(
            CostReport.crossover(fixedMonthly: 2000, api: api, selfInput: 20, selfOutput: 40, inputShare: 0.8) == nil)
    }

    @Test func theReportPricesTokensAndProjectsAMonth() async throws {
        let spec = try PipelineLoader.parse(Self.pipeline, file: "/p/pipeline.yaml")
        let now = Date()
        let usage = [
            TokenUsage(
                pipeline: "test", endpoint: "local", model: "m", promptTokens: 8_000_000, completionTokens: 2_000_000,
                requests: 1000, first: now.addingTimeInterval(-10 * 86_400), last: now)
        ]
        let text = CostReport.render(
            usage: usage, pipelines: ["test": spec], since: now.addingTimeInterval(-10 * 86_400), now: now)
        // 10M tokens in 10 days: 30.4M a month. dear-api: 8 × 10 + 2 × 30 = 140 for the period.
        #expect(text.contains("30.4M tokens"))
        #expect(text.contains("140.00"))
        #expect(text.contains("142.9M tokens/month"))  // 2000 / 14 per million
        #expect(text.contains("dear-api") && text.contains("cheap-api"))
    }
}
