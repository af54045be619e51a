import DocketTestSupport
import Foundation
import Testing

@testable import DocketModel
@testable import DocketSpec

@Suite struct CronScheduleTests {
    /// A moment in UTC with milliseconds, as the audit trail writes it.
    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static let utc = TimeZone(identifier: "UTC")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    func next(_ cron: String, after: String, zone: TimeZone = utc) throws -> String? {
        try CronSchedule(cron, timeZone: zone).next(after: date(after)).map { Self.stamp($0) }
    }

    @Test func listsRangesStepsAndNamesExpand() async throws {
        let cron = try CronSchedule("0,15,30-32 */6 1-10/3 jan-mar,DEC mon-fri")
        #expect(cron.minutes == [0, 15, 30, 31, 32])
        #expect(cron.hours == [0, 6, 12, 18])
        #expect(cron.days == [1, 4, 7, 10])
        #expect(cron.months == [1, 2, 3, 12])
        #expect(cron.weekdays == [1, 2, 3, 4, 5])
        #expect(try CronSchedule("0 0 * * 7").weekdays == [0])  // 7 is Sunday too
        #expect(try CronSchedule("5/20 * * * *").minutes == [5, 25, 45])
    }

    @Test(arguments: [
        "0 0 * *", "61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "*/0 * * * *",
        "5-1 * * * *", "* * * foo *", "0 0 30 2 *", "1,,2 * * * *",
    ])
    func malformedExpressionsAreRefused(_ expression: String) {
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule(expression) }
    }

    @Test func nextRunTimes() async throws {
        #expect(try next("*/15 * * * *", after: "2026-11-25T12:07:30Z") == "2026-11-25T12:15:00.000Z")
        #expect(try next("0 2 * * *", after: "2026-11-25T02:00:00Z") == "2026-11-26T02:00:00.000Z")  // strictly after
        #expect(try next("0 9 * * mon", after: "2026-11-25T12:00:00Z") == "2026-11-30T09:00:00.000Z")
        #expect(try next("0 0 1 1 *", after: "2026-12-31T23:59:00Z") == "2027-01-01T00:00:00.000Z")
        // Day of month and day of week both restricted: either matches (the 13th, or any Friday).
        #expect(try next("0 0 13 * fri", after: "2026-11-25T00:00:00Z") == "2026-11-27T00:00:00.000Z")
        #expect(try next("0 0 13 * fri", after: "2026-11-27T00:00:00Z") == "2026-12-04T00:00:00.000Z")
    }

    @Test func the29thOfFebruaryComesInLeapYearsOnly() async throws {
        #expect(try next("0 12 29 2 *", after: "2026-11-25T00:00:00Z") == "2028-02-29T12:00:00.000Z")
        #expect(try next("0 12 29 2 *", after: "2028-02-29T12:00:00Z") == "2032-02-29T12:00:00.000Z")
        #expect(try next("0 0 29 * *", after: "2027-02-01T00:00:00Z") == "2027-03-29T00:00:00.000Z")
    }

    @Test func aTimeZoneShiftsTheRun() async throws {
        // 02:00 in Berlin is 01:00 UTC in winter and 00:00 UTC in summer.
        #expect(try next("0 2 * * *", after: "2026-11-25T12:00:00Z", zone: Self.berlin) == "2026-11-26T01:00:00.000Z")
        #expect(try next("0 2 * * *", after: "2026-06-01T12:00:00Z", zone: Self.berlin) == "2026-06-02T00:00:00.000Z")
    }

    @Test func aTimeInTheSpringGapRunsWhenTheGapEnds() async throws {
        // 2026-03-29 in Berlin: 02:00 CET jumps to 03:00 CEST (01:00 UTC); 02:30 never happens that day.
        #expect(try next("30 2 * * *", after: "2026-03-28T12:00:00Z", zone: Self.berlin) == "2026-03-29T01:00:00.000Z")
        // Every quarter of the gap hour comes due together, once.
        let cron = try CronSchedule("*/15 2 * * *", timeZone: Self.berlin)
        let first = try #require(cron.next(after: date("2026-03-28T12:00:00Z")))
        #expect(Self.stamp(first) == "2026-03-29T01:00:00.000Z")
        #expect(cron.next(after: first).map(Self.stamp) == "2026-03-30T00:00:00.000Z")
        // The day after, 02:30 CEST again exists.
        #expect(try next("30 2 * * *", after: "2026-03-29T12:00:00Z", zone: Self.berlin) == "2026-03-30T00:30:00.000Z")
    }

    @Test func aTimeThatHappensTwiceInAutumnRunsOnce() async throws {
        // 2026-10-25 in Berlin: 03:00 CEST goes back to 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC.
        let cron = try CronSchedule("30 2 * * *", timeZone: Self.berlin)
        let first = try #require(cron.next(after: date("2026-10-24T12:00:00Z")))
        #expect(Self.stamp(first) == "2026-10-25T00:30:00.000Z")
        #expect(cron.next(after: first).map(Self.stamp) == "2026-10-26T01:30:00.000Z")
        // Asked during the repeated hour, after the first 02:30: not again that night.
        #expect(try next("30 2 * * *", after: "2026-10-25T01:10:00Z", zone: Self.berlin) == "2026-10-26T01:30:00.000Z")
    }

    @Test func aScheduleLoadsFromThePipeline() async throws {
        let yaml = ValidPipeline.yaml + "\nschedule: { cron: \"0 2 * * 1-5\", time_zone: Europe/Berlin }\n"
        let spec = try PipelineLoader.parse(yaml, file: "/p/pipeline.yaml")
        #expect(spec.schedule?.expression == "0 2 * * 1-5" && spec.schedule?.timeZone.identifier == "Europe/Berlin")
        #expect(
            try PipelineLoader.parse(ValidPipeline.yaml + "\nschedule: \"0 2 * * *\"\n", file: "/p/p.yaml")
                .schedule?.timeZone.secondsFromGMT() == 0)
        #expect(throws: PipelineSpecError.self) {
            try PipelineLoader.parse(ValidPipeline.yaml + "\nschedule: \"0 25 * * *\"\n", file: "/p/p.yaml")
        }
        #expect(throws: PipelineSpecError.self) {
            try PipelineLoader.parse(
                ValidPipeline.yaml + "\nschedule: { cron: \"0 2 * * *\", time_zone: Mars/Olympus }\n",
                file: "/p/p.yaml")
        }
    }
}

/// `give_up_after`: how long a run waits for an endpoint that does not answer.
@Suite struct GiveUpAfterTests {
    @Test func aDurationIsReadInSecondsMinutesHoursOrDays() throws {
        func parsed(_ value: String) throws -> Double? {
            try PipelineLoader.parse(ValidPipeline.yaml + "\ngive_up_after: \(value)\n", file: "/p/p.yaml").giveUpAfter
        }
        #expect(try parsed("30s") == 30)
        #expect(try parsed("10m") == 600)
        #expect(try parsed("2h") == 7_200)
        #expect(try parsed("1d") == 86_400)
        #expect(try parsed("45") == 45)
        #expect(try PipelineLoader.parse(ValidPipeline.yaml, file: "/p/p.yaml").giveUpAfter == nil)
        for wrong in ["forever", "0s", "8d", "-5m", "nan"] {
            #expect(throws: PipelineSpecError.self, "\(wrong)") { try parsed(wrong) }
        }
    }
}
