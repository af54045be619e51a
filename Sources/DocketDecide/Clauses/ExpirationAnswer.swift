import Foundation

/// CUAD's answer for the expiration date, as an ISO date. Written out ("until February 28, 2025",
/// "shall expire on …", "conclude on …", "November 1, 2014 to October 31, 2017") it is read; counted from a
/// start ("for a period of five (5) years from the Effective Date", "remain valid for 1 year", "until the fifth
/// (5th) anniversary of the Effective Date") it is computed from the start the passage writes, else from the
/// contract's effective or agreement date (`start`), as the same day of the month (CUAD's reading); "perpetual"
/// where the term has no end ("until terminated as provided herein", "for an indefinite period").
enum ExpirationAnswer {
    static let endCues = [
        "until ", "expire on ", "expires on ", "terminating on ", "terminate on ", "ending on ", "through ",
        "conclude on ", "end on ", "ends on ", "expiring ", "extended to ", "expiration date\" means ",
        "expiration date means ", " to ",
    ]
    /// A term with no end: CUAD answers "perpetual".
    static let openEnded = [
        "until terminated", "unless and until terminated", "indefinite period", "unlimited period",
        "indefinite term", "no fixed term", "perpetu",
    ]
    static let ordinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20,
    ]

    static func answer(in passage: String, start: String?) -> String? {
        let lowered = passage.lowercased()
        for cue in endCues {
            var searchFrom = lowered.startIndex
            while let range = lowered.range(of: cue, range: searchFrom..<lowered.endIndex) {
                searchFrom = range.upperBound
                let after = String(lowered[range.upperBound...].prefix(40))
                // A full date has a year: no digit, no date to read.
                guard after.contains(where: \.isNumber) else { continue }
                // After " to " only a date right after it ("November 1, 2014 to October 31, 2017").
                if let date = DateAnswer.answer(in: after), isFullDate(date), cue != " to " || startsWithDate(after) {
                    return date
                }
            }
        }
        let counted =
            anniversary(lowered).map { "\($0) year\($0 == 1 ? "" : "s")" }
            ?? DurationAnswer.durations(in: passage).first(where: { !$0.aboutNotice && !$0.aboutRenewal })?.text
        guard let term = counted else {
            return openEnded.contains(where: lowered.contains) ? "perpetual" : nil
        }
        let written = DateAnswer.answer(in: passage).flatMap { isFullDate($0) ? $0 : nil }
        guard let from = written ?? start.flatMap({ isFullDate($0) ? $0 : nil }) else { return nil }
        return adding(term, to: from)
    }

    static func isFullDate(_ answer: String) -> Bool { answer.split(separator: "-").count == 3 }

    /// Whether `text` begins with a date (after spaces and "the"): "October 31, 2017 unless", "31 May 2001".
    static func startsWithDate(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && !DateAnswer.isMark($0) }).prefix(4)
            .map { DateAnswer.trimmingMarks(String($0)) }.filter { $0 != "the" }
        guard let first = words.first else { return false }
        return DateAnswer.month(first) != nil || DateAnswer.day(first) != nil || first.contains("/")
            || first.contains(".") || first.contains("-")
    }

    /// "the fifth (5th) anniversary of the Effective Date": 5 (years).
    static func anniversary(_ lowered: String) -> Int? {
        guard let range = lowered.range(of: " anniversary") else { return nil }
        let before = lowered[..<range.lowerBound].split(whereSeparator: { !$0.isLetter && !$0.isNumber }).suffix(3)
        for word in before.reversed() {
            if let count = ordinals[String(word)] { return count }
            let digits = word.prefix { $0.isNumber }
            if !digits.isEmpty, ["st", "nd", "rd", "th", ""].contains(String(word.dropFirst(digits.count))) {
                return Int(digits)
            }
        }
        return nil
    }

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
        return DateAnswer.iso((fields.year ?? 0, fields.month ?? 0, fields.day ?? 0))
    }
}
