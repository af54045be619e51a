import DocketAudit
import DocketSpec
import DocketStore
import Foundation

/// `docket cost`: tokens per endpoint and their cost at the configured prices, the same tokens at
/// cloud API prices, a monthly projection, and the monthly volume above which the self-hosted
/// hardware is cheaper than each API.
public enum CostReport {
    static let daysPerMonth = 30.44
    /// The input share assumed when the period has no tokens to measure it from.
    static let assumedInputShare = 0.8

    public struct Crossover: Sendable, Equatable {
        public var api: String
        /// Tokens a month above which self-hosting is cheaper; nil when the API is never dearer per token.
        public var tokensPerMonth: Double?
    }

    /// Monthly tokens above which `fixedMonthly` plus the self-hosted price per token costs less
    /// than `api`, at the given input share.
    public static func crossover(
        fixedMonthly: Double, api: CostSpec.APIPrice, selfInput: Double, selfOutput: Double, inputShare: Double
    ) -> Double? {
        let apiPerToken = (inputShare * api.inputPerMillion + (1 - inputShare) * api.outputPerMillion) / 1e6
        let selfPerToken = (inputShare * selfInput + (1 - inputShare) * selfOutput) / 1e6
        guard apiPerToken > selfPerToken else { return nil }
        return fixedMonthly / (apiPerToken - selfPerToken)
    }

    public static func render(
        usage: [TokenUsage], pipelines: [String: PipelineSpec], since: Date?, now: Date = Date()
    ) -> String {
        guard !usage.isEmpty else { return "No model answers in the period: nothing to cost.\n" }
        var out = ""
        for name in Set(usage.map(\.pipeline)).sorted() {
            let rows = usage.filter { $0.pipeline == name }
            let spec = pipelines[name]
            let cost = spec?.cost ?? CostSpec()
            let currency = cost.currency
            let start = since ?? rows.map(\.first).min()!
            let days = max(1, now.timeIntervalSince(start) / 86_400)
            let perMonth = daysPerMonth / days
            out +=
                "Pipeline \(name), \(AuditRecord.timestamp(start).prefix(10)) to "
                + "\(AuditRecord.timestamp(now).prefix(10)) (\(String(format: "%.1f", days)) days)"
                + (spec == nil ? "; its pipeline file is gone, so prices are 0" : "") + "\n\n"
            out += pad(["endpoint", "model", "requests", "input tokens", "output tokens", "cost \(currency)"]) + "\n"
            var input = 0, output = 0, total = 0.0, selfInputPrice = 0.0, selfOutputPrice = 0.0
            for row in rows.sorted(by: { $0.endpoint < $1.endpoint }) {
                let endpoint = spec?.endpoint(named: row.endpoint)
                let price = (endpoint?.inputPricePerMillion ?? 0, endpoint?.outputPricePerMillion ?? 0)
                let amount = (Double(row.promptTokens) * price.0 + Double(row.completionTokens) * price.1) / 1e6
                if endpoint?.sovereignty == .selfHosted {
                    selfInputPrice = max(selfInputPrice, price.0); selfOutputPrice = max(selfOutputPrice, price.1)
                }
                input += row.promptTokens
                output += row.completionTokens
                total += amount
                out +=
                    pad([
                        row.endpoint, row.model, "\(row.requests)", "\(row.promptTokens)", "\(row.completionTokens)",
                        money(amount),
                    ]) + "\n"
            }
            let tokens = input + output
            out +=
                pad(["total", "", "\(rows.map(\.requests).reduce(0, +))", "\(input)", "\(output)", money(total)])
                + "\n\n"
            out +=
                "Monthly projection at this rate: \(millions(Double(tokens) * perMonth)) tokens, "
                + "\(money(total * perMonth)) \(currency) at the endpoints' prices"
            if let fixed = cost.selfHostedMonthly {
                out += ", plus \(money(fixed)) \(currency) self-hosted hardware and operations"
            }
            out += ".\n"
            guard !cost.apiPrices.isEmpty else {
                out += "No API price list in the pipeline (`cost: api_prices:`): nothing to compare with.\n\n"
                continue
            }
            let share = tokens > 0 ? Double(input) / Double(tokens) : assumedInputShare
            out += "\nThe same tokens at API prices (input share \(String(format: "%.0f", share * 100))%):\n"
            out += pad(["API", "this period", "per month", "self-hosting cheaper above"]) + "\n"
            for api in cost.apiPrices {
                let amount = (Double(input) * api.inputPerMillion + Double(output) * api.outputPerMillion) / 1e6
                var above = "–"
                if let fixed = cost.selfHostedMonthly {
                    above =
                        crossover(
                            fixedMonthly: fixed, api: api, selfInput: selfInputPrice, selfOutput: selfOutputPrice,
                            inputShare: share
                        )
                        .map { "\(millions($0)) tokens/month" } ?? "never"
                }
                out += pad([api.name, money(amount), money(amount * perMonth), above]) + "\n"
            }
            if cost.selfHostedMonthly == nil {
                out += "Set `cost: self_hosted_monthly:` to see where self-hosting breaks even.\n"
            }
            out += "\n"
        }
        return out
    }

    /// Cents, or four decimals for amounts under one (a test run's tokens cost fractions of a cent).
    static func money(_ value: Double) -> String { String(format: value > 0 && value < 1 ? "%.4f" : "%.2f", value) }
    static func millions(_ tokens: Double) -> String {
        tokens >= 1e6 ? String(format: "%.1fM", tokens / 1e6) : String(format: "%.0f", tokens)
    }
    static func pad(_ cells: [String]) -> String {
        zip(cells, cells.count == 4 ? [20, 14, 14, 28] : [20, 26, 10, 14, 14, 12]).map {
            $0.0.padding(toLength: max($0.1, $0.0.count), withPad: " ", startingAt: 0)
        }.joined(separator: " ")
    }
}
