import Foundation

/// A five-field cron expression (minute, hour, day of month, month, day of week) in a time zone.
/// Lists, ranges, steps and names (`jan`, `mon`) as in Vixie cron; day of month and day of week,
/// when both are restricted, match if either does. Across daylight-saving changes it behaves as
/// cronie does: a time that does not exist that day (the spring gap) runs at the end of the gap,
/// a time that happens twice (autumn) runs once, the first time.
public struct CronSchedule: Sendable, Equatable {
    public let expression: String
    public let timeZone: TimeZone
    let minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>
    let daysRestricted: Bool, weekdaysRestricted: Bool

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var description: String { message }
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    public init(_ expression: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws(ParseError) {
        let fields = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(
                message:
                    "`\(expression)` has \(fields.count) fields; a cron expression has 5: minute hour day-of-month "
                    + "month day-of-week"
            )
        }
        self.expression = expression
        self.timeZone = timeZone
        minutes = try Self.field(fields[0], name: "minute", range: 0...59, names: [])
        hours = try Self.field(fields[1], name: "hour", range: 0...23, names: [])
        days = try Self.field(fields[2], name: "day of month", range: 1...31, names: [])
        months = try Self.field(fields[3], name: "month", range: 1...12, names: Self.monthNames, firstName: 1)
        // 7 is Sunday too.
        weekdays = Set(
            try Self.field(fields[4], name: "day of week", range: 0...7, names: Self.dayNames, firstName: 0).map {
                $0 % 7
            })
        daysRestricted = !fields[2].hasPrefix("*")
        weekdaysRestricted = !fields[4].hasPrefix("*")
        if days.allSatisfy({ $0 > 29 }) && months.allSatisfy({ $0 == 2 }) {
            throw ParseError(
                message:
                    "`\(expression)` asks for day \(days.sorted().map(String.init).joined(separator: ",")) of "
                    + "February, which never comes"
            )
        }
    }

    static func field(
        _ text: String, name: String, range: ClosedRange<Int>, names: [String], firstName: Int = 0
    ) throws(ParseError) -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 2, !pieces[0].isEmpty else {
                throw ParseError(message: "`\(part)` is not a valid \(name)")
            }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else {
                    throw ParseError(message: "`\(part)`: the step of a \(name) must be a positive number")
                }
                step = value
            }
            var low = range.lowerBound, high = range.upperBound
            if pieces[0] != "*" {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                guard bounds.count <= 2 else { throw ParseError(message: "`\(part)` is not a valid \(name)") }
                low = try value(bounds[0], name: name, range: range, names: names, firstName: firstName)
                high =
                    bounds.count == 2
                    ? try value(bounds[1], name: name, range: range, names: names, firstName: firstName)
                    : (pieces.count == 2 ? range.upperBound : low)
                guard low <= high else { throw ParseError(message: "`\(part)`: the range of a \(name) runs backwards") }
            }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values
    }

    static func value(
        _ text: String, name: String, range: ClosedRange<Int>, names: [String], firstName: Int
    ) throws(ParseError) -> Int {
        if let index = names.firstIndex(of: text.lowercased()) { return index + firstName }
        guard let number = Int(text), range.contains(number) else {
            throw ParseError(
                message:
                    "`\(text)` is not a \(name) "
                    + "(\(range.lowerBound)–\(range.upperBound)\(names.isEmpty ? "" : " or a name like \(names[0])"))"
            )
        }
        return number
    }

    // MARK: Next run

    /// The first run time strictly after `date`, or nil if none comes in the next 30 years.
    public func next(after date: Date) -> Date? {
        let start = Int64(date.timeIntervalSince1970.rounded(.down))
        // Wall-clock seconds (local time read as if it were UTC): the fields match wall time.
        var wall = (start + offset(at: start)) / 60 * 60 + 60
        let limit = wall + 30 * 366 * 86_400
        while wall < limit {
            let civil = Civil(wall: wall)
            if !months.contains(civil.month) {
                wall = Civil.wall(
                    year: civil.month == 12 ? civil.year + 1 : civil.year, month: civil.month % 12 + 1, day: 1)
                continue
            }
            if !dayMatches(civil) { wall = wall - wall.mod(86_400) + 86_400; continue }
            if !hours.contains(civil.hour) { wall = wall - wall.mod(3_600) + 3_600; continue }
            if !minutes.contains(civil.minute) { wall += 60; continue }
            if let instant = instant(ofWall: wall, after: start) {
                return Date(timeIntervalSince1970: TimeInterval(instant))
            }
            wall += 60
        }
        return nil
    }

    func dayMatches(_ civil: Civil) -> Bool {
        let day = days.contains(civil.day), weekday = weekdays.contains(civil.weekday)
        return daysRestricted && weekdaysRestricted ? day || weekday : day && weekday
    }

    func offset(at instant: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    /// The instant a wall time happens at, after `start`: the first of two in the autumn
    /// (the second, if the first is already past, does not run again); the end of the gap
    /// when the wall time falls in the spring gap.
    func instant(ofWall wall: Int64, after start: Int64) -> Int64? {
        let guess = wall - offset(at: wall)
        let candidates = Set([offset(at: guess - 10_800), offset(at: guess + 10_800)]).map { wall - $0 }
            .filter { offset(at: $0) == wall - $0 }.sorted()
        if let first = candidates.first { return first > start ? first : nil }
        // In the gap: the clock jumped over this wall time; run when the gap ends.
        guard
            let transition = timeZone.nextDaylightSavingTimeTransition(
                after: Date(timeIntervalSince1970: TimeInterval(guess - 10_800)))
        else { return nil }
        let end = Int64(transition.timeIntervalSince1970)
        return end > start ? end : nil
    }
}

extension CronSchedule: Codable {
    enum CodingKeys: String, CodingKey { case cron, timeZone }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let zone = try container.decode(String.self, forKey: .timeZone)
        try self.init(
            try container.decode(String.self, forKey: .cron),
            timeZone: TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(expression, forKey: .cron)
        try container.encode(timeZone.identifier, forKey: .timeZone)
    }
}
