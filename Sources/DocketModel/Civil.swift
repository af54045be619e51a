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

extension Int64 {
    package func mod(_ n: Int64) -> Int64 { ((self % n) + n) % n }
    package func floorDiv(_ n: Int64) -> Int64 { (self - mod(n)) / n }
}
