import Foundation

/// Calendar fields of a wall-clock second count (days since 1970-01-01), without a time zone.
package struct Civil {
    package var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int

    package init(wall: Int64) {
        let days = Int(wall.floorDiv(86_400)), seconds = Int(wall.mod(86_400))
        hour = seconds / 3_600
        minute = seconds % 3_600 / 60
        second = seconds % 60
        weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Wall seconds at the start of a day (days_from_civil).
    package static func wall(year: Int, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468) * 86_400
    }
}

extension Civil {
    /// A UTC instant to the millisecond (rounded) in plain arithmetic, no formatter object: ISO 8601 with `between`
    /// "T" and `after` "Z" ("2026-11-25T12:00:00.123Z", the audit's and PostgreSQL's form), or GRDB's form for
    /// SQLite with " " and "" ("2026-11-25 12:00:00.123"). It runs for every record and every date bound.
    package static func timestamp(_ date: Date, between: String, after: String) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let civil = Civil(wall: milliseconds.floorDiv(1000))
        return civil.year.zeroPadded(4) + "-" + civil.month.zeroPadded(2) + "-" + civil.day.zeroPadded(2) + between
            + civil.hour.zeroPadded(2) + ":" + civil.minute.zeroPadded(2) + ":" + civil.second.zeroPadded(2) + "."
            + Int(milliseconds.mod(1000)).zeroPadded(3) + after
    }
}

extension Int {
    /// The number in at least `digits` digits, as `String(format: "%0*d")` writes it without its locale look-up.
    package func zeroPadded(_ digits: Int) -> String {
        let written = String(self)
        return written.count >= digits ? written : String(repeating: "0", count: digits - written.count) + written
    }
}

extension Int64 {
    package func mod(_ n: Int64) -> Int64 { ((self % n) + n) % n }
    package func floorDiv(_ n: Int64) -> Int64 { (self - mod(n)) / n }
}
