import Foundation

/// The prompt a unit sends: its task's template filled with its chunk (or its document's whole
/// text, for document-scoped tasks) from the store.
enum UnitPrompt {
    static func render(_ unit: UnitRecord, template: PromptTemplate, store: RunStore) -> String {
        var text = "", heading = ""
        if let chunkID = unit.chunkID {
            (text, heading) = ((try? store.chunk(id: chunkID)) ?? nil) ?? ("", "")
        } else {
            text = ((try? store.pages(sha256: unit.documentSHA256)) ?? nil)?.map(\.text).joined(separator: "\n") ?? ""
        }
        return template.render([
            "document.name": unit.documentName, "document.text": text, "chunk.text": text,
            "chunk.heading": heading, "classification.level": unit.route.level, "task.name": unit.task,
        ])
    }
}
