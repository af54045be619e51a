/// Where a report's links lead: to the files beside it (`reports/`, opened from disk), or to the
/// web workspace's pages, which render the same templates.
public enum ReportLinks: Sendable {
    case files
    case workspace

    func document(run: String, stem: String, sha256: String?) -> String {
        switch self {
        case .files: "\(stem).html"
        case .workspace: sha256.map { "/runs/\(run)/documents/\($0)" } ?? "/runs/\(run)"
        }
    }

    func index(run: String) -> String {
        switch self {
        case .files: "index.html"
        case .workspace: "/runs/\(run)"
        }
    }

    /// A cited passage (byte offsets of the document's text): the workspace shows it on its page image.
    public func passage(run: String, sha256: String?, page: Int, span: Range<Int>) -> String? {
        switch self {
        case .files: nil
        case .workspace:
            sha256.map {
                "/runs/\(run)/documents/\($0)/pages/\(page)?from=\(span.lowerBound)&to=\(span.upperBound)#cited"
            }
        }
    }

    /// Reports name decisions; the workspace links them to the page that explains one.
    public func decision(_ id: String) -> String? {
        switch self {
        case .files: nil
        case .workspace: "/decisions/\(id)"
        }
    }
}
