import ArgumentParser
import DocketDecide
import DocketSpec
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file and report every problem with file:line:column.")

    @Argument(help: "Pipeline YAML files.")
    var pipelines: [String]

    func run() throws {
        var failed = false
        for path in pipelines {
            do {
                let spec = try PipelineLoader.load(path: path)
                let version = RuleSetVersion.of(RoutingSpec(spec))
                print(
                    "\(path): ok: pipeline \(spec.name), \(spec.classification.levels.count) levels, "
                        + "\(spec.endpoints.count) endpoints, "
                        + "\(spec.routing.count) routing rules, \(spec.tasks.count) tasks; rule-set version \(version)")
                for input in spec.inputs where !FileManager.default.fileExists(atPath: input.folder) {
                    print("\(path): warning: the input folder \(input.folder) does not exist (yet)")
                }
            } catch let error as PipelineSpecError {
                failed = true
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
            }
        }
        if failed { throw ExitCode(65) }
    }
}
