import Foundation

extension SQLRunStore {
    public func pageLayout(sha256: String, page: Int, variant: String) async throws -> String? {
        try await executor.first(
            "SELECT layout_json FROM page_layouts WHERE sha256 = $1 AND number = $2 AND variant = $3",
            [sha256, page, variant]
        )?.text("layout_json")
    }

    public func savePageLayout(sha256: String, page: Int, variant: String, json: String) async throws {
        try await executor.execute(
            """
            INSERT INTO page_layouts (sha256, number, variant, layout_json) VALUES ($1, $2, $3, $4)
            ON CONFLICT (sha256, number, variant) DO UPDATE SET layout_json = excluded.layout_json
            """, [sha256, page, variant, json])
    }
}
