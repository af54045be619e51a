import Foundation
import Mustache

/// A view made into dictionaries and arrays once, before it is rendered: swift-mustache looks a name up in a
/// struct by reflecting it (a `Mirror` for each object on the context stack, at each lookup), which was 15% of a
/// run's CPU once reports were written during the run; in a dictionary a lookup is a hash. Absent optionals
/// become absent keys, which the templates read as reflection's nil did. Strings, numbers, booleans, enums and
/// anything swift-mustache treats specially stay as they are.
enum MustacheTree {
    static func of(_ value: Any) -> Any {
        switch value {
        case is String, is Substring, is Bool, is Int, is Double, is Character, is MustacheLambda,
            is MustacheCustomRepresentation, is MustacheParent:
            return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { of($0.value) } ?? Optional<Any>.none as Any
        case .collection, .set:
            return mirror.children.map { of($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let field = present(child.value) else { continue }
                fields[label] = of(field)
            }
            return fields
        default:
            return value
        }
    }

    /// The value, or nil when it is an absent optional.
    private static func present(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
