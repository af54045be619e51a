import ArgumentParser
import DocketRecords
import DocketRun
import DocketSpec
import Foundation

/// Runs with signal handling and a summary; exits 130 when stopped by a signal.
enum RunDriver {
    static func run(_ spec: PipelineSpec, options: RunOptions, resume: Bool) async throws {
        let progress = ProgressObserver()
        let runner = try await Runner(pipeline: spec, options: options, observers: [progress])
        let drawing = Task { await ProgressDrawing.draw(progress, store: runner.store) }
        defer { drawing.cancel() }
        let sources = StopSignals.install(message: "no new work; waiting for requests in flight") {
            runner.requestStop()
        }
        guard
            let summary = try await PipelineLock.with(
                spec.name, store: runner.store, { try await runner.run(resume: resume) })
        else {
            throw ValidationError(
                "another process (a `docket serve` or `docket run`) is running pipeline \(spec.name) on this store; "
                    + "wait for it, or see `docket runs`")
        }
        sources.forEach { $0.cancel() }
        drawing.cancel()
        await drawing.value
        if options.enqueueOnly {
            print(
                "run \(summary.runID) queued for workers: \(summary.counts.documents) documents; watch it with "
                    + "`docket status \(summary.runID)`"
            )
            return
        }
        let c = summary.counts
        print(
            "run \(summary.runID): \(c.documents) documents (\(c.failedDocuments) failed), \(c.units) units: "
                + "\(c.done) done, "
                + "\(c.held) held for a person, \(c.failed) failed, \(c.pending) pending; "
                + "\(summary.promptTokens) prompt and \(summary.completionTokens) generated tokens in "
                + "\(String(format: "%.1f", summary.seconds)) s"
        )
        if summary.promptTokensSkipped > 0 {
            let skipped = summary.promptTokensSkipped, all = skipped + summary.promptTokensLimited
            print(
                "clauses: tasks limited to chunks holding their clause categories sent about "
                    + "\(summary.promptTokensLimited) of the \(all) prompt tokens (estimated) that every chunk "
                    + String(format: "would have taken: %.0f%% saved", 100 * Double(skipped) / Double(max(1, all))))
        }
        if summary.ungroundedAnswers > 0 {
            print(
                "grounding: \(summary.ungroundedAnswers) answers quote text that is not in their document; "
                    + "the reports mark them ungrounded")
        }
        print("results: \(summary.outputFolder)/results.jsonl")
        if summary.gaveUp {
            print(
                "gave up: no endpoint answered for \(Int(options.giveUpAfter ?? spec.giveUpAfter ?? 0)) s "
                    + "(give_up_after); the pending units failed as no-endpoint. Once an endpoint is back: "
                    + "`docket resume \(summary.runID)`")
            throw ExitCode(75)
        }
        if summary.interrupted {
            print("interrupted: finish it with `docket resume \(summary.runID)`")
            throw ExitCode(130)
        }
    }
}
