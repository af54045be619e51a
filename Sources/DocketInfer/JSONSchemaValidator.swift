import Foundation

/// Checks a JSON value against the subset of JSON Schema that task schemas use: type, properties,
/// required, additionalProperties, enum, items, minItems/maxItems, minLength/maxLength,
/// minimum/maximum. Returns the first problem as a path and a sentence, or nil when valid.
public enum JSONSchemaValidator {
    public static func validate(_ value: Any, against schema: [String: Any], path: String = "$") -> String? {
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { equal($0, value) }) {
            return "\(path) is not one of the allowed values"
        }
        if let type = schema["type"] as? String, !matches(value, type: type) {
            return "\(path) must be of type \(type)"
        }
        if let object = value as? [String: Any] {
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                return "\(path).\(name) is required"
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (name, child) in object {
                if let childSchema = properties[name] as? [String: Any] {
                    if let problem = validate(child, against: childSchema, path: "\(path).\(name)") { return problem }
                } else if schema["additionalProperties"] as? Bool == false {
                    return "\(path).\(name) is not allowed"
                }
            }
        }
        if let array = value as? [Any] {
            if let max = schema["maxItems"] as? Int, array.count > max { return "\(path) has more than \(max) items" }
            if let min = schema["minItems"] as? Int, array.count < min { return "\(path) has fewer than \(min) items" }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() {
                    if let problem = validate(item, against: items, path: "\(path)[\(index)]") { return problem }
                }
            }
        }
        if let string = value as? String {
            if let max = schema["maxLength"] as? Int, string.count > max {
                return "\(path) is longer than \(max) characters"
            }
            if let min = schema["minLength"] as? Int, string.count < min {
                return "\(path) is shorter than \(min) characters"
            }
        }
        if let number = value as? NSNumber, !isBool(number) {
            if let max = (schema["maximum"] as? NSNumber)?.doubleValue, number.doubleValue > max {
                return "\(path) is above \(max)"
            }
            if let min = (schema["minimum"] as? NSNumber)?.doubleValue, number.doubleValue < min {
                return "\(path) is below \(min)"
            }
        }
        return nil
    }

    /// JSONSerialization gives booleans as NSNumber too; their type encoding is "c" (char).
    static func isBool(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return (value as? NSNumber).map(isBool) ?? false
        case "integer":
            guard let number = value as? NSNumber, !isBool(number) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return (value as? NSNumber).map { !isBool($0) } ?? false
        case "null": return value is NSNull
        default: return true
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (a as String, b as String): return a == b
        case let (a as NSNumber, b as NSNumber): return a == b
        default: return false
        }
    }
}
