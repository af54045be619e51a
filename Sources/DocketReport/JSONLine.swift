import Foundation

/// One line of JSON from the trees the run's line files are built of (`[String: Any]` of strings, numbers,
/// booleans, nulls, arrays and dictionaries, as JSONSerialization reads them too), keys sorted: the text
/// JSONSerialization writes with `.sortedKeys`, without its cost. Measured on the 1,000-document data room:
/// JSONSerialization took a fifth of a millisecond a line, the largest single cost of writing the reports.
enum JSONLine {
    struct Unwritable: Error, CustomStringConvertible {
        var description: String
    }

    static func text(_ object: [String: Any]) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        try write(object, to: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: Any, to out: inout [UInt8]) throws {
        // A Foundation number (what JSONSerialization reads) says by its type code whether it is a boolean.
        if type(of: value) is NSNumber.Type, let number = value as? NSNumber {
            switch String(cString: number.objCType) {
            case "c", "B": out += Array((number.boolValue ? "true" : "false").utf8)
            case "d", "f": try write(double: number.doubleValue, to: &out)
            default: out += Array(number.int64Value.description.utf8)
            }
            return
        }
        switch value {
        case let string as String: write(string: string, to: &out)
        case let bool as Bool: out += Array((bool ? "true" : "false").utf8)
        case let int as Int: out += Array(int.description.utf8)
        case let int as Int64: out += Array(int.description.utf8)
        case let double as Double: try write(double: double, to: &out)
        case is NSNull: out += Array("null".utf8)
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(string: key, to: &out)
                out.append(UInt8(ascii: ":"))
                try write(object[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            throw Unwritable(description: "a \(type(of: value)) has no JSON form")
        }
    }

    private static func write(double: Double, to out: inout [UInt8]) throws {
        guard double.isFinite else { throw Unwritable(description: "\(double) has no JSON form") }
        // Whole numbers without a fraction, as JSONSerialization writes them.
        if double == double.rounded(), abs(double) < 1e15 {
            out += Array(Int64(double).description.utf8)
        } else {
            out += Array(double.description.utf8)
        }
    }

    private static func write(string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "/"): out += [UInt8(ascii: "\\"), UInt8(ascii: "/")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
