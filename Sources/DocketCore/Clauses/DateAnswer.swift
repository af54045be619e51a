import Foundation

/// CUAD's answer for the agreement, effective and expiration dates: the first date written in the
/// cited passage, as an ISO date ("the 8th day of May 2014" → "2014-05-08", "July 11 , 2006",
/// "Feb 10, 2014", "5/22/2000"), or "perpetual" where the passage says the term has no end.
public enum DateAnswer {
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    public static func answer(in passage: String) -> String? {
        let words = passage.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "/" && $0 != "-" })
            .map { $0.lowercased() }
        for index in words.indices {
            if let date = date(words, at: index) {
                return String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
            }
        }
        let lowered = passage.lowercased()
        return lowered.contains("perpetu") || lowered.contains("indefinite") ? "perpetual" : nil
    }

    static func month(_ word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        return months.firstIndex { $0 == word || ($0.hasPrefix(word) && word.count == 3) }.map { $0 + 1 }
    }

    /// "5", "5th", "22nd": a day of the month.
    static func day(_ word: String) -> Int? {
        let digits = word.prefix { $0.isNumber }
        guard !digits.isEmpty, ["", "st", "nd", "rd", "th"].contains(String(word.dropFirst(digits.count))),
            let value = Int(digits), (1...31).contains(value)
        else { return nil }
        return value
    }

    static func year(_ word: String) -> Int? {
        guard word.count == 4, let value = Int(word), (1900...2100).contains(value) else { return nil }
        return value
    }

    static func date(_ words: [String], at index: Int) -> (year: Int, month: Int, day: Int)? {
        func word(_ offset: Int) -> String? { index + offset < words.count ? words[index + offset] : nil }
        // "July 11, 2006", "Feb 10 2014"
        if let month = month(words[index]), let day = word(1).flatMap(day), let year = word(2).flatMap(year) {
            return (year, month, day)
        }
        // "8 May 2014", "8th day of May, 2014"
        if let day = day(words[index]) {
            var next = 1
            if word(1) == "day", word(2) == "of" { next = 3 }
            if let month = word(next).flatMap(month), let year = word(next + 1).flatMap(year) {
                return (year, month, day)
            }
        }
        // "5/22/2000", "5/22/00", "2000-05-22"
        let parts = words[index].split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
        guard parts.count == 3, words[index].split(whereSeparator: { $0 == "/" || $0 == "-" }).count == 3 else {
            return nil
        }
        if words[index].contains("/"), (1...12).contains(parts[0]), (1...31).contains(parts[1]) {
            let year = parts[2] < 100 ? 2000 + parts[2] - (parts[2] > 50 ? 100 : 0) : parts[2]
            return (1900...2100).contains(year) ? (year, parts[0], parts[1]) : nil
        }
        if words[index].contains("-"), (1900...2100).contains(parts[0]), (1...12).contains(parts[1]),
            (1...31).contains(parts[2])
        {
            return (parts[0], parts[1], parts[2])
        }
        return nil
    }

    /// Whether an ISO answer is CUAD's ("5/8/14", "Perpetual"): the same day, month and year's last digits.
    public static func matches(_ answer: String, cuad: String) -> Bool {
        if answer == "perpetual" { return cuad.lowercased().contains("perpetual") }
        let parts = answer.split(separator: "-").compactMap { Int($0) }
        let theirs = cuad.split(separator: "/").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, theirs.count == 3 else { return false }
        return theirs[0] == parts[1] && theirs[1] == parts[2] && theirs[2] % 100 == parts[0] % 100
    }
}
