import ArgumentParser
import DocketReport
import DocketStore
import Foundation

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the pages that hold words, \"phrases\" or prefix* across the store's runs.",
        discussion: """
            Every term must be on the page. One hit a line: run, document, page and the words around the match \
            (marked [like this]); best first. The store's own index: nothing leaves the machine.
            """)

    @Argument(help: "What to look for, e.g. 'liability \"change of control\" terminat*'.") var terms: String
    @Option(help: "Only this run.") var run: String?
    @Option(help: "Only runs of this pipeline.") var pipeline: String?
    @Option(name: .customLong("type"), help: "Only documents of this type (nda, services, employment, …).")
    var documentType: String?
    @Option(help: "Only documents in this language (en, de, fr, …).") var language: String?
    @Option(help: "Only documents at this level.") var level: String?
    @Option(
        name: .customLong("where"),
        help: "Only documents where CATEGORY=found, CATEGORY=missing or CATEGORY~TEXT (its answer contains TEXT).")
    var filters: [String] = []
    @Option(help: "Only documents handed in with this submission.") var submission: String?
    @Option(name: .customLong("finding"), help: "Only documents where this type of personal data was found (repeat).")
    var findingTypes: [String] = []
    @Option(help: "Only documents with a decision contested, open, upheld or overturned, or uncontested.")
    var review: String?
    @Option(help: "How many hits.") var limit = 50
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let terms = SearchTerms(self.terms)
        guard !terms.isEmpty else { throw ValidationError("say what to look for: words, \"a phrase\" or a prefix*") }
        let asked = try review.map(SearchQuery.Review.named)
        var query = SearchQuery(
            terms: terms, run: run, pipeline: pipeline, documentType: documentType, language: language, level: level,
            clauses: try filters.map { try ClauseGrid.filter($0, pipeline: nil) }, review: asked)
        query.submission = submission
        query.findingTypes = findingTypes
        var any = false
        for path in try storeOptions.locations() {
            for hit in try await StoreFactory.open(path).search(query, offset: 0, limit: max(1, limit)) {
                any = true
                print("\(hit.run)  \((hit.path as NSString).lastPathComponent)  p. \(hit.page)  \(hit.bracketed)")
            }
        }
        if !any { print("no page holds that") }
    }
}
