import DocketIngest
import DocketSpec
import Foundation

/// The files a run reads: the pipeline's input folders filtered by their `include` globs, or the
/// folders and files given on the command line. Kept as a `PathList`: a run holds it from start to end.
enum InputCollector {
    static func files(pipeline: PipelineSpec, overrides: [String]) throws -> PathList {
        var files = PathList()
        if !overrides.isEmpty {
            for folder in overrides { for path in try FolderScanner.files(in: folder) { files.append(path) } }
            return files
        }
        for input in pipeline.inputs {
            let found = try FolderScanner.files(in: input.folder)
            for path in found
            where input.include.isEmpty
                || input.include.contains(where: {
                    fnmatch($0, (path as NSString).lastPathComponent, 0) == 0 || fnmatch($0, path, 0) == 0
                })
            {
                files.append(path)
            }
        }
        return files
    }
}
