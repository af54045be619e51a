import DocketIngest
import DocketSpec
import Foundation

/// The files a run reads: the pipeline's input folders filtered by their `include` globs, or the
/// folders and files given on the command line.
enum InputCollector {
    static func files(pipeline: PipelineSpec, overrides: [String]) throws -> [String] {
        if !overrides.isEmpty {
            return try overrides.flatMap { try FolderScanner.files(in: $0) }
        }
        var files: [String] = []
        for input in pipeline.inputs {
            let found = try FolderScanner.files(in: input.folder)
            files +=
                input.include.isEmpty
                ? found
                : found.filter { path in
                    let name = (path as NSString).lastPathComponent
                    return input.include.contains { fnmatch($0, name, 0) == 0 || fnmatch($0, path, 0) == 0 }
                }
        }
        return files
    }
}
