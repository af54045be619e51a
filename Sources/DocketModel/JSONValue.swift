import Foundation

/// Any JSON value, typed: a task's schema, as it is sent to an engine. Integers stay integers
/// (`"maxItems": 3`, not 3.0), so grammar builders such as llama.cpp's read them as written.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A file's JSON (a task's schema).
    public init(data: Data) throws { self = try JSONDecoder().decode(JSONValue.self, from: data) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as JSONSerialization gives it (numbers and booleans as NSNumber), for code that
    /// walks untyped JSON: the schema validator.
    public var untyped: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): NSNumber(value: value)
        case .integer(let value): NSNumber(value: value)
        case .number(let value): NSNumber(value: value)
        case .string(let value): value
        case .array(let value): value.map(\.untyped)
        case .object(let value): value.mapValues(\.untyped)
        }
    }

    /// The object's members; empty for any other value.
    public var members: [String: JSONValue] {
        if case .object(let value) = self { value } else { [:] }
    }
}
