import Foundation
import Testing

/// The Grafana dashboard in docs/operations names only metrics Docket makes and its documentation lists: a
/// metric renamed in the code, or dropped, breaks this test rather than a panel, silently, on a night.
@Suite struct DashboardTests {
    /// `docket_…` names in `text`, without the histogram's `_bucket`, `_count`, `_sum`.
    static func metricNames(_ text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "docket_[a-z_]+")
        let range = NSRange(text.startIndex..., in: text)
        return Set(
            regex.matches(in: text, range: range).map { match in
                var name = String(text[Range(match.range, in: text)!])
                for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) {
                    name.removeLast(suffix.count)
                }
                return name
            })
    }

    @Test func everyMetricOfTheDashboardIsMadeAndDocumented() throws {
        let root = ImportRulesTests.root
        let data = try Data(contentsOf: root.appendingPathComponent("docs/operations/grafana-dashboard.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        let expressions = panels.flatMap {
            ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
        }
        let named = Self.metricNames(expressions.joined(separator: "\n"))
        #expect(named.count >= 10, "\(named)")
        // Made: each name is a metric's label in the sources, in quotes.
        let sources = try ImportRulesTests.files().filter { $0.path.hasPrefix("Sources/") }.map(\.text)
            .joined(separator: "\n")
        for name in named.sorted() {
            #expect(sources.contains("\"\(name)\""), "\(name) is on the dashboard but no source makes it")
        }
        // Documented: each has its row in the operations table.
        let documentation = try String(contentsOf: root.appendingPathComponent("docs/runs.md"), encoding: .utf8)
        for name in named.sorted() {
            #expect(documentation.contains("| `\(name)` |"), "\(name) is not in docs/runs.md's table")
        }
        // And the other way: every metric the documentation lists is on the dashboard.
        let listed = Self.metricNames(
            documentation.split(separator: "\n").filter { $0.hasPrefix("| `docket_") }.joined(separator: "\n"))
        #expect(listed.subtracting(named).isEmpty, "not on the dashboard: \(listed.subtracting(named).sorted())")
    }
}
