import Foundation
import Testing

@testable import DocketReport

/// The line files' JSON is what JSONSerialization writes with sorted keys, byte for byte: for values read
/// from JSON (booleans and numbers as Foundation numbers), Swift's own values, every control and escape
/// character, and text in other scripts.
@Suite struct JSONLineTests {
    static func serialized(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            + "\n"
    }

    @Test func aLineIsWhatJSONSerializationWrites() throws {
        let parsed = try JSONSerialization.jsonObject(
            with: Data(
                #"""
                {"present": true, "absent": false, "count": 1, "zero": 0, "ratio": 1.5, "tenth": 0.1,
                 "huge": 1e300, "small": 1e-7, "negative": -42, "whole": 2.0, "none": null,
                 "quote": "He said \"no\" \\ then/left\n\ttab \u00e9 \u4e2d \ud83d\ude00",
                 "nested": {"b": [1, "two", {"c": null}], "a": []}, "empty": {}}
                """#.utf8))
        let controls = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let line: [String: Any] = [
            "result": parsed, "custom_id": "u-1", "pages": [1, 3], "score": 0.873, "whole": 4.0, "flag": true,
            "off": false, "n": NSNull(), "big": Int64(12_345_678_901_234), "text": controls,
            "heading": "§ 4 Haftung / Liability – «garantie» 責任",
            "usage": ["prompt_tokens": 12, "completion_tokens": 0],
        ]
        #expect(try JSONLine.text(line) == Self.serialized(line))
        #expect(try JSONLine.text([:]) == Self.serialized([:]))
        // One line, whatever the text holds.
        #expect(try JSONLine.text(line).dropLast().contains("\n") == false)
    }

    @Test func whatHasNoJSONFormIsRefused() {
        #expect(throws: JSONLine.Unwritable.self) { try JSONLine.text(["x": Double.nan]) }
        #expect(throws: JSONLine.Unwritable.self) { try JSONLine.text(["x": Date()]) }
    }
}
