import Foundation

/// The form a task's JSON Schema asks for when a reviewer overturns a model's answer: a field per
/// property (a choice for an enumeration or a boolean, a number field, a list one item per line,
/// text), read back into JSON of the schema's types and then checked against the whole schema.
/// A schema that is no flat object gets one JSON field.
struct SchemaForm {
    struct Option {
        var value: String
        var selected: Bool
    }

    enum Kind: String {
        case text, number, integer, choice, boolean, list, json
    }

    struct Field {
        var name: String
        var label: String
        var kind: String
        var required: Bool
        var options: [Option]
        /// What the model answered, masked: a hint, never a prefilled value (it may hold "[email]").
        var placeholder: String
        var isChoice: Bool
        var isList: Bool
        var isJSON: Bool
        /// What the reviewer typed, shown again when the form was refused.
        var value = ""
    }

    /// Fields are posted as `field[NAME]`; the whole result as `field[$]` for a schema that is no flat object.
    static let wholeResult = "$"

    let fields: [Field]

    private init(fields: [Field]) { self.fields = fields }

    /// The form as the reviewer filled it, shown again when it was refused: nothing typed is lost.
    func filled(with posted: [String: String]) -> SchemaForm {
        SchemaForm(
            fields: fields.map { field in
                guard let typed = posted[field.name] else { return field }
                var field = field
                field.value = typed
                if field.isChoice {
                    field.options = field.options.map { Option(value: $0.value, selected: $0.value == typed) }
                }
                return field
            })
    }

    /// A schema problem in a reviewer's words: "$.sentence is required" says "“sentence” is required", and
    /// the result as a whole is "the result".
    static func plainWords(_ problem: String) -> String {
        problem.replacing(/\$((?:\.[A-Za-z0-9_\-]+|\[\d+\])*)/) { match in
            let parts = match.output.1.split { $0 == "." || $0 == "[" }
            let field = parts.last { !$0.hasSuffix("]") }.map { "“\($0)”" } ?? "the result"
            guard let last = parts.last, last.hasSuffix("]"), let index = Int(last.dropLast()) else { return field }
            return "item \(index + 1) of \(field)"
        }
    }

    init(schema: [String: Any], current masked: Any?) {
        guard schema["type"] as? String == "object", let properties = schema["properties"] as? [String: Any] else {
            fields = [Self.field(Self.wholeResult, kind: .json, required: true, options: [], current: masked)]
            return
        }
        let required = Set(schema["required"] as? [String] ?? [])
        let current = masked as? [String: Any] ?? [:]
        fields = properties.keys.sorted().map { name in
            let property = properties[name] as? [String: Any] ?? [:]
            let (kind, options) = Self.kind(of: property)
            return Self.field(
                name, kind: kind, required: required.contains(name), options: options, current: current[name])
        }
    }

    static func kind(of property: [String: Any]) -> (Kind, [String]) {
        if let choices = property["enum"] as? [Any] { return (.choice, choices.map { "\($0)" }) }
        switch property["type"] as? String {
        case "string": return (.text, [])
        case "number": return (.number, [])
        case "integer": return (.integer, [])
        case "boolean": return (.boolean, ["true", "false"])
        case "array" where (property["items"] as? [String: Any])?["type"] as? String == "string": return (.list, [])
        default: return (.json, [])
        }
    }

    static func field(_ name: String, kind: Kind, required: Bool, options: [String], current: Any?) -> Field {
        let shown: String
        switch current {
        case nil: shown = ""
        case let list as [String] where kind == .list: shown = list.joined(separator: "\n")
        case let string as String: shown = string
        case let value?:
            shown =
                (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]))
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        // A choice keeps the model's answer selected: enumerations and booleans are never masked.
        let isChoice = kind == .choice || kind == .boolean
        return Field(
            name: name, label: name == wholeResult ? "Result (JSON)" : name, kind: kind.rawValue, required: required,
            options: [Option(value: "", selected: false)] + options.map { Option(value: $0, selected: $0 == shown) },
            placeholder: isChoice ? "" : shown, isChoice: isChoice, isList: kind == .list, isJSON: kind == .json)
    }

    /// The result the posted fields make, or why they make none. Empty optional fields are left out.
    func result(_ posted: [String: String]) -> Result<Any, SchemaFormProblem> {
        if fields.count == 1, fields[0].name == Self.wholeResult {
            return Self.json(posted[Self.wholeResult] ?? "", name: "the result")
        }
        var object: [String: Any] = [:]
        for field in fields {
            let raw = (posted[field.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if raw.isEmpty {
                if field.kind == Kind.list.rawValue, field.required { object[field.name] = [String]() }
                continue
            }
            switch Kind(rawValue: field.kind) ?? .json {
            case .text: object[field.name] = raw
            case .choice, .boolean:
                guard field.options.contains(where: { $0.value == raw }) else {
                    return .failure(SchemaFormProblem(message: "“\(field.name)” must be one of the choices"))
                }
                object[field.name] = field.kind == Kind.boolean.rawValue ? raw == "true" : raw
            case .number:
                guard let number = Double(raw) else {
                    return .failure(SchemaFormProblem(message: "“\(field.name)” must be a number"))
                }
                object[field.name] = number
            case .integer:
                guard let number = Int(raw) else {
                    return .failure(SchemaFormProblem(message: "“\(field.name)” must be a whole number"))
                }
                object[field.name] = number
            case .list:
                object[field.name] = raw.split(whereSeparator: \.isNewline).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
            case .json:
                switch Self.json(raw, name: field.name) {
                case .success(let value): object[field.name] = value
                case .failure(let problem): return .failure(problem)
                }
            }
        }
        return .success(object)
    }

    static func json(_ text: String, name: String) -> Result<Any, SchemaFormProblem> {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return .failure(SchemaFormProblem(message: "\(name == "the result" ? name : "“\(name)”") must be JSON"))
        }
        return .success(value)
    }
}

struct SchemaFormProblem: Error {
    var message: String
}
