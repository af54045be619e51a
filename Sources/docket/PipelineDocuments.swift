import ArgumentParser
import DocketIngest
import DocketModel
import DocketSpec
import Foundation
import Synchronization

/// What `route` and `clauses` share: a pipeline's settings, and its documents read by isolated workers
/// with the pipeline's OCR settings and password file.
enum PipelineDocuments {
    static func spec(at path: String) throws -> PipelineSpec {
        do { return try PipelineLoader.load(path: path) } catch let error as PipelineSpecError {
            throw ValidationError("the pipeline file has problems:\n\(error)")
        }
    }

    static func batch(_ spec: PipelineSpec, jobs: Int) throws -> BatchExtractor {
        let passwords = try spec.passwordFile.map { try PasswordFile(contentsOf: $0) } ?? PasswordFile()
        let worker = IsolatedExtractor.beside(ExtractionOptionsGroup.ownExecutable)
        return BatchExtractor(extractor: worker, options: spec.ocr, passwords: passwords, jobs: jobs)
    }

    /// Reads `files`, hands each readable document to `body` as it comes and names each unreadable one
    /// on standard error (the others are still read); returns how many could not be read.
    static func read(
        _ files: [String], with batch: BatchExtractor, _ body: @escaping @Sendable (ExtractedDocument) -> Void
    ) -> Int {
        let failures = Atomic(0)
        batch.run(paths: files) { _, document in
            if let error = document.error {
                failures.add(1, ordering: .relaxed)
                FileHandle.standardError.write(Data("docket: \(error)\n".utf8))
                return
            }
            body(document)
        }
        return failures.load(ordering: .relaxed)
    }
}
