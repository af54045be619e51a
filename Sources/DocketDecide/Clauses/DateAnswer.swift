import DocketModel
import Foundation

/// CUAD's answer for the agreement, effective and expiration dates: the date written in the cited
/// passage, as an ISO date ("the 8th day of May 2014" → "2014-05-08", "July 11 , 2006", "Feb 10, 2014",
/// "5/22/2000", "15. Januar 2025", "15.01.2025", "le 1er juin 2025"), or "perpetual" where the passage says
/// the term has no end. The first date after "dated", "as of", "entered into" and the like wins over an
/// earlier one (a filing's header date); a date left blank in a form ("November ___, 2006") is "2006-11", and
/// one with day and month blank ("this ____ day of ________, 2000") is "2000".
public enum DateAnswer {
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    static let germanMonths = [
        "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
        "dezember",
    ]
    static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ]
    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
        "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche",
    ]
    /// Words shortly before the date a contract is dated or takes effect.
    static let cues: Set<String> = ["dated", "of", "into", "made", "effective", "den", "am", "vom", "le", "du"]
    /// A date of birth (as the personal-data detector finds it: "geboren am 14.09.1988", "née le 3 mars 1985",
    /// "date of birth: 5/22/1979") is a person's data, never the contract's date: it is blanked before reading.
    public static func answer(in text: String) -> String? {
        let passage = DateOfBirthDetector.blanked(text)
        let words = passage.split(whereSeparator: { !$0.isLetter && !$0.isNumber && !isMark($0) })
            .map { trimmingMarks($0.lowercased()) }.filter { !$0.isEmpty }
        var first: (year: Int, month: Int, day: Int)?
        for index in words.indices {
            guard let date = date(words, at: index) else { continue }
            if first == nil { first = date }
            if words[max(0, index - 3)..<index].contains(where: cues.contains) { return iso(date) }
        }
        if let first { return iso(first) }
        for index in words.indices.dropLast() {
            if let month = month(words[index]), let year = year(words[index + 1]) {
                return year.zeroPadded(4) + "-" + month.zeroPadded(2)
            }
        }
        let lowered = passage.lowercased()
        if let year = yearOfBlankForm(lowered) { return year.zeroPadded(4) }
        return lowered.contains("perpetu") || lowered.contains("indefinite") ? "perpetual" : nil
    }

    /// "this ____ day of ___________, 2000": the blanks are what make it the contract's year and not any year.
    static func yearOfBlankForm(_ passage: String) -> Int? {
        let text = passage.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var rest = text[...]
        while let dayOf = rest.range(of: "day of") {
            let before = rest[..<dayOf.lowerBound].reversed().drop(while: \.isWhitespace)
            let after = rest[dayOf.upperBound...].drop(while: \.isWhitespace)
            if before.prefix(2).allSatisfy({ $0 == "_" }), before.count >= 2, after.hasPrefix("__") {
                let digits = after.drop(while: { $0 == "_" || $0 == "," || $0.isWhitespace }).prefix(while: \.isNumber)
                if digits.count == 4, let year = year(String(digits)) { return year }
            }
            rest = rest[dayOf.upperBound...]
        }
        return nil
    }

    static func iso(_ date: (year: Int, month: Int, day: Int)) -> String {
        date.year.zeroPadded(4) + "-" + date.month.zeroPadded(2) + "-" + date.day.zeroPadded(2)
    }

    /// The marks a numeric date is written with ("5/22/2000", "2000-05-22", "15.01.2025").
    static func isMark(_ character: Character) -> Bool { character == "/" || character == "-" || character == "." }

    /// `word` without the marks around it ("2014." → "2014"), as `trimmingCharacters(in:)` did, with no
    /// character set made for every word.
    static func trimmingMarks(_ word: String) -> String {
        guard let first = word.firstIndex(where: { !isMark($0) }), let last = word.lastIndex(where: { !isMark($0) })
        else { return "" }
        return String(word[first...last])
    }

    static func month(_ word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        if let english = months.firstIndex(where: { $0 == word || ($0.hasPrefix(word) && word.count == 3) }) {
            return english + 1
        }
        return (germanMonths.firstIndex(of: word) ?? frenchMonths.firstIndex(of: word)).map { $0 + 1 }
    }

    /// "5", "5th", "22nd", "1er": a day of the month.
    static func day(_ word: String) -> Int? {
        let digits = word.prefix { $0.isNumber }
        guard !digits.isEmpty, ["", "st", "nd", "rd", "th", "er"].contains(String(word.dropFirst(digits.count))),
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
            // "the 20th day of Friday, March 2020": a weekday before the month.
            if let weekday = word(next), weekdays.contains(weekday) { next += 1 }
            if let month = word(next).flatMap(month), let year = word(next + 1).flatMap(year) {
                return (year, month, day)
            }
        }
        // "5/22/2000", "5/22/00", "2000-05-22", "15.01.2025"
        let pieces = words[index].split(whereSeparator: isMark)
        let parts = pieces.compactMap { Int($0) }
        guard parts.count == 3, pieces.count == 3 else { return nil }
        if words[index].contains("."), (1...31).contains(parts[0]), (1...12).contains(parts[1]),
            (1900...2100).contains(parts[2])
        {
            return (parts[2], parts[1], parts[0])
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

    /// Whether an ISO answer is CUAD's ("5/8/14", "Perpetual"): the same day, month and year's last digits,
    /// where CUAD has them ("11/[]/2006": the contract left the day blank).
    public static func matches(_ answer: String, cuad: String) -> Bool {
        if answer == "perpetual" { return cuad.lowercased().contains("perpetual") }
        let ours = answer.split(separator: "-").map { Int($0) }
        let theirs = cuad.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !ours.isEmpty, ours.allSatisfy({ $0 != nil }), theirs.count == 3, theirs.contains(where: { $0 != nil })
        else { return false }
        let (year, month, day) = (ours[0]!, ours.count >= 2 ? ours[1] : nil, ours.count == 3 ? ours[2] : nil)
        return (theirs[0] == nil || theirs[0] == month) && (theirs[1] == nil || theirs[1] == day)
            && (theirs[2] == nil || theirs[2]! % 100 == year % 100)
    }
}
