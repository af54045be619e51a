/// The categories whose normalised answer Docket reads from the passage it cites, and how.
public struct ClauseAnswer: Sendable {
    /// The answer in a passage, normalised ("New York", "2014-05-08"), or nil.
    public let read: @Sendable (String) -> String?
    /// Whether an answer is CUAD's for the same contract (CUAD writes "5/8/14", "England; Wales").
    public let matches: @Sendable (String, String) -> Bool

    /// `maskingPeople`: people's names in an answer (a party may be a person) are written "[person]".
    public static func reader(for category: String, maskingPeople: Bool = false) -> ClauseAnswer? {
        switch category {
        case "Parties":
            ClauseAnswer(
                read: { PartiesAnswer.answer(in: $0, maskingPeople: maskingPeople) }, matches: PartiesAnswer.matches)
        case "Governing Law": ClauseAnswer(read: GoverningLawAnswer.answer(in:), matches: GoverningLawAnswer.matches)
        case "Agreement Date", "Effective Date", "Expiration Date":
            ClauseAnswer(read: DateAnswer.answer(in:), matches: DateAnswer.matches)
        case "Renewal Term": ClauseAnswer(read: DurationAnswer.renewalTerm(in:), matches: DurationAnswer.matches)
        case "Notice Period To Terminate Renewal":
            ClauseAnswer(read: DurationAnswer.noticePeriod(in:), matches: DurationAnswer.matches)
        default: nil
        }
    }
}
