import DocketSpec

/// What writing a run's outputs needs of its pipeline, read once for the run rather than once per document
/// or page: the columns of `summary.csv` and the fields each task's answer quotes.
public struct RunOutputs: Sendable {
    let columns: SummaryCSV
    let quoted: [String: [String]]

    /// For a run of `pipeline` (nil: its file can no longer be read; no task columns, answers unchecked).
    public init(pipeline: PipelineSpec?) {
        columns = SummaryCSV(pipeline: pipeline)
        quoted = RunReportBuilder.quotedFields(pipeline: pipeline)
    }
}
