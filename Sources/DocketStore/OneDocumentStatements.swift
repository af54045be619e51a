/// The statements that read some documents of a run, for a page of the workspace: each starts from the
/// documents' hashes (an index) and checks the run through `run_units`' key, so it reads nothing else of
/// the run. (Joined from the run's side, SQLite walked every unit of the run.) `$1` is the run.
enum OneDocumentStatements {
    /// The run's entry for a document, `$2` its hash; the first by path when the run read it twice.
    static let runDocument = "SELECT * FROM run_documents WHERE run_id = $1 AND sha256 = $2 ORDER BY path LIMIT 1"

    /// The run's units of `count` documents, their hashes from `$2`.
    static func units(_ count: Int) -> String {
        """
        SELECT \(SharedRoute.unitColumns) FROM units u \(SharedRoute.join)
        WHERE u.document_sha256 IN (\(SQLRunStore.placeholders(count, from: 2)))
            AND \(inRun)
        ORDER BY u.document_name, u.key
        """
    }

    /// The run's results for the units of `count` documents, their hashes from `$2`.
    static func results(_ count: Int) -> String {
        """
        SELECT s.* FROM units u JOIN results s ON s.unit_key = u.key
        WHERE u.document_sha256 IN (\(SQLRunStore.placeholders(count, from: 2))) AND \(inRun)
        ORDER BY s.unit_key
        """
    }

    private static let inRun = "EXISTS (SELECT 1 FROM run_units r WHERE r.run_id = $1 AND r.unit_key = u.key)"
}
