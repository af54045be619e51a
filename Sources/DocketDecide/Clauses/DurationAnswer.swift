import Foundation

/// CUAD's answer for the renewal term and the notice period to end a renewal: the first duration
/// written in the cited passage ("successive one (1) year periods" → "1 year", "not less than ninety
/// (90) days" → "90 days"), or "perpetual" where the passage gives none and says the term has no end.
public enum DurationAnswer {
    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30,
        "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90, "a": 1, "an": 1,
    ]
    static let units = [
        "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
        "months": "month", "year": "year", "years": "year",
    ]

    /// The renewal term: the first duration said to renew ("successive", "additional", "renew"), else
    /// the first not about notice ("an initial term of five years, renewed for successive one (1) year
    /// terms unless notice is given ninety (90) days before" → "1 year").
    public static func renewalTerm(in passage: String) -> String? {
        let found = durations(in: passage)
        let renewing = found.first { $0.aboutRenewal && !$0.aboutNotice }
        return (renewing ?? found.first { !$0.aboutNotice } ?? found.first)?.text ?? perpetual(passage)
    }

    /// The notice period: the first duration about notice ("at least 60 days prior", "ninety days' notice").
    public static func noticePeriod(in passage: String) -> String? {
        let found = durations(in: passage)
        return (found.first { $0.aboutNotice } ?? found.last)?.text
    }

    /// Every duration of the passage, in order, and whether notice words surround it.
    static func durations(in passage: String) -> [(text: String, aboutNotice: Bool, aboutRenewal: Bool)] {
        let words = passage.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" })
            .map(String.init)
        var result: [(String, Bool, Bool)] = []
        for index in words.indices {
            guard var number = Int(words[index]) ?? numberWords[words[index]] else { continue }
            var next = index + 1
            // "one (1) year": the figure in brackets repeats the word.
            if next < words.count, let figure = Int(words[next]) {
                number = figure
                next += 1
            }
            // "calendar", "business", "consecutive" between the number and the unit.
            if next < words.count, qualifiers.contains(words[next]) { next += 1 }
            guard next < words.count, let unit = units[words[next]], number > 0, number < 1000 else { continue }
            // "a year" and "an additional year" only after "for" or "of": "within a day" says little.
            if ["a", "an"].contains(words[index]), index == 0 || !["for", "of"].contains(words[index - 1]) {
                continue
            }
            let around = words[max(0, index - 3)..<min(words.count, next + 5)]
            let aboutNotice = around.contains { noticeWords.contains($0) }
            let aboutRenewal = words[max(0, index - 4)..<next].contains { renewalWords.contains($0) }
            result.append(("\(number) \(unit)\(number == 1 ? "" : "s")", aboutNotice, aboutRenewal))
        }
        return result
    }

    static func perpetual(_ passage: String) -> String? {
        passage.lowercased().contains("perpetu") ? "perpetual" : nil
    }

    static let qualifiers: Set<String> = ["calendar", "business", "consecutive", "additional", "successive"]
    static let renewalWords: Set<String> = [
        "successive", "additional", "renew", "renewed", "renewal", "renewals", "extended", "extension", "further",
    ]
    static let noticeWords: Set<String> = ["notice", "prior", "before", "preceding", "notify", "notification"]

    /// Whether an answer is CUAD's ("successive 1 year", "30 days", "180 days / 6 months"): the same
    /// number and unit as CUAD's first duration.
    public static func matches(_ answer: String, cuad: String) -> Bool {
        if answer == "perpetual" { return cuad.lowercased().contains("perpetual") }
        let theirs = durations(in: cuad.replacingOccurrences(of: ")", with: " ")).first?.text
        return theirs == answer
    }
}
