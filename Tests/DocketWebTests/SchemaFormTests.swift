import Testing

@testable import DocketWeb

/// The schema's problems in a reviewer's words, and a refused form filled as it was sent.
@Suite struct SchemaFormTests {
    @Test func aSchemaProblemIsSaidInPlainWords() {
        #expect(SchemaForm.plainWords("$.sentence is required") == "“sentence” is required")
        #expect(
            SchemaForm.plainWords("$.risk_flags[2] must be of type string")
                == "item 3 of “risk_flags” must be of type string")
        #expect(
            SchemaForm.plainWords("$.party.name is longer than 80 characters") == "“name” is longer than 80 characters")
        #expect(SchemaForm.plainWords("$ must be of type object") == "the result must be of type object")
        #expect(SchemaForm.plainWords("no path here") == "no path here")
    }

    @Test func aRefusedFormKeepsWhatWasTyped() {
        let schema: [String: Any] = [
            "type": "object", "required": ["clause_type"],
            "properties": [
                "clause_type": ["enum": ["governing_law", "termination"]], "rationale": ["type": "string"],
                "risk_flags": ["type": "array", "items": ["type": "string"]],
            ],
        ]
        let form = SchemaForm(schema: schema, current: ["clause_type": "termination", "rationale": "[person]"])
        let filled = form.filled(with: ["clause_type": "governing_law", "rationale": "Clause 9", "risk_flags": "a\nb"])
        let byName = Dictionary(uniqueKeysWithValues: filled.fields.map { ($0.name, $0) })
        #expect(byName["rationale"]?.value == "Clause 9" && byName["risk_flags"]?.value == "a\nb")
        #expect(byName["clause_type"]?.options.filter(\.selected).map(\.value) == ["governing_law"])
        // Unfilled, no value: the model's answer stays a hint (it may hold masked values).
        #expect(form.fields.allSatisfy { $0.value.isEmpty })
    }
}
