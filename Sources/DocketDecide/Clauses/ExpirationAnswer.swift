import Foundation

/// CUAD's answer for the expiration date, as an ISO date. Written out ("until February 28, 2025",
/// "shall expire on …") it is read; counted from a start ("for a period of five (5) years from the
/// Effective Date", "remain valid for 1 year") it is computed from the start the passage writes, else from
/// the contract's effective or agreement date (`start`); "perpetual" where the term has no end.
enum ExpirationAnswer {
    static let endCues = [
        "until ", "expire on ", "expires on ", "terminating on ", "terminate on ", "ending on ", "through ",
    ]

    static func answer(in passage: String, start: String?) -> String? {
        let lowered = passage.lowercased()
        for cue in endCues {
            guard let range = lowered.range(of: cue) else { continue }
            let after = String(lowered[range.upperBound...].prefix(60))
            if let date = DateAnswer.answer(in: after), isFullDate(date) { return date }
        }
        guard let term = DurationAnswer.durations(in: passage).first(where: { !$0.aboutNotice && !$0.aboutRenewal })
        else {
            return DurationAnswer.perpetual(passage)
        }
        let written = DateAnswer.answer(in: passage).flatMap { isFullDate($0) ? $0 : nil }
        guard let from = written ?? start.flatMap({ isFullDate($0) ? $0 : nil }) else { return nil }
        return adding(term.text, to: from)
    }

    static func isFullDate(_ answer: String) -> Bool { answer.split(separator: "-").count == 3 }

    /// "2011-03-14" and "5 years": "2016-03-14".
    static func adding(_ duration: String, to date: String) -> String? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let words = duration.split(separator: " ")
        guard parts.count == 3, words.count == 2, let count = Int(words[0]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            return nil
        }
        var step = DateComponents()
        switch words[1].hasSuffix("s") ? String(words[1].dropLast()) : String(words[1]) {
        case "day": step.day = count
        case "week": step.day = 7 * count
        case "month": step.month = count
        case "year": step.year = count
        default: return nil
        }
        guard let end = calendar.date(byAdding: step, to: start) else { return nil }
        let fields = calendar.dateComponents([.year, .month, .day], from: end)
        return String(format: "%04d-%02d-%02d", fields.year ?? 0, fields.month ?? 0, fields.day ?? 0)
    }
}
