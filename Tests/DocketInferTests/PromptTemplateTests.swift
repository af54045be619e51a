import Testing

@testable import DocketInfer

@Suite struct PromptTemplateTests {
    @Test func promptTemplatesFillKnownPlaceholders() {
        let template = PromptTemplate(
            text: "Clause {{ chunk.heading }} of {{document.name}}: {{chunk.text}} {{unknown}}")
        #expect(
            template.render(["chunk.heading": "12.2", "document.name": "nda.pdf", "chunk.text": "Text."])
                == "Clause 12.2 of nda.pdf: Text. {{unknown}}")
    }
}
