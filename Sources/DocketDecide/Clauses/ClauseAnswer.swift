/// The categories whose normalised answer Docket reads from the passage it cites, and how.
public struct ClauseAnswer: Sendable {
    /// Raised whenever a reader answers differently: part of the clause model's version, so answers re-decide.
    public static let revision = 4
    private let reader: @Sendable (String) -> String?
    /// Whether an answer is CUAD's for the same contract (CUAD writes "5/8/14", "England; Wales"); nil
    /// where CUAD's answer is only yes or no (Cap On Liability), so it cannot be compared.
    public let matches: (@Sendable (String, String) -> Bool)?

    init(read: @escaping @Sendable (String) -> String?, matches: (@Sendable (String, String) -> Bool)?) {
        self.reader = read
        self.matches = matches
    }

    /// The answer in a passage, normalised ("New York", "2014-05-08"), or nil. The passage is read as one
    /// line: a PDF's printed lines break names and dates ("Helios Cloud\nServices B.V.").
    public func read(_ passage: String) -> String? { reader(Self.oneLine(passage)) }

    /// The passage's words joined by single spaces: a walk over its scalars, with ASCII's whitespace checked
    /// without Unicode's tables (a walk over `Character`s cost a tenth of the clause stage).
    static func oneLine(_ passage: String) -> String {
        var line = String.UnicodeScalarView()
        var space = false
        for scalar in passage.unicodeScalars {
            let isWhitespace =
                scalar.isASCII ? scalar == " " || (9...13).contains(scalar.value) : scalar.properties.isWhitespace
            if isWhitespace {
                space = !line.isEmpty
            } else {
                if space { line.append(" ") }
                space = false
                line.append(scalar)
            }
        }
        return String(line)
    }

    /// `maskingPeople`: people's names in an answer (a party may be a person) are written "[person]".
    /// `known`: the contract's answers so far, by category (an expiration date is counted from the start).
    public static func reader(
        for category: String, maskingPeople: Bool = false, known: [String: String] = [:]
    ) -> ClauseAnswer? {
        switch category {
        case "Parties":
            ClauseAnswer(
                read: { PartiesAnswer.answer(in: $0, maskingPeople: maskingPeople) }, matches: PartiesAnswer.matches)
        case "Governing Law": ClauseAnswer(read: GoverningLawAnswer.answer(in:), matches: GoverningLawAnswer.matches)
        case "Agreement Date", "Effective Date":
            ClauseAnswer(read: DateAnswer.answer(in:), matches: DateAnswer.matches)
        case "Expiration Date":
            ClauseAnswer(
                read: { ExpirationAnswer.answer(in: $0, start: known["Effective Date"] ?? known["Agreement Date"]) },
                matches: DateAnswer.matches)
        case "Cap On Liability": ClauseAnswer(read: CapAnswer.answer(in:), matches: nil)
        case "Renewal Term": ClauseAnswer(read: DurationAnswer.renewalTerm(in:), matches: DurationAnswer.matches)
        case "Notice Period To Terminate Renewal":
            ClauseAnswer(read: DurationAnswer.noticePeriod(in:), matches: DurationAnswer.matches)
        default: nil
        }
    }
}
