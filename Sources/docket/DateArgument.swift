import ArgumentParser
import Foundation

/// A UTC date given on the command line.
enum DateArgument {
    static func parse(_ text: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let date = formatter.date(from: text) else {
            throw ValidationError("`\(text)` is not a date: write YYYY-MM-DD")
        }
        return date
    }
}
