import DocketInfer
import DocketModel
import DocketSpec
import Foundation

/// Prompts, schemas and task settings, read once per run.
struct TaskContext: Sendable {
    var tasks: [String: TaskSpec] = [:]
    var templates: [String: PromptTemplate] = [:]
    var schemas: [String: JSONValue] = [:]

    init(pipeline: PipelineSpec) throws {
        for task in pipeline.tasks {
            tasks[task.name] = task
            templates[task.name] = PromptTemplate(text: try String(contentsOfFile: task.prompt, encoding: .utf8))
            let schema = try JSONValue(data: Data(contentsOf: URL(fileURLWithPath: task.schema)))
            guard case .object = schema else {
                throw EngineError(message: "\(task.schema): the task's schema is not a JSON object")
            }
            schemas[task.name] = schema
        }
    }
}
