/// The full-text index and its statements, which differ more between SQLite and PostgreSQL than a type name.
/// SQLite: an FTS5 table over `pages` (external content: the index holds words, not a second copy of the
/// text), kept by triggers; it folds case and accents. PostgreSQL: `pages.search`, a `tsvector` of the words in
/// the document's language and as written, made when its plan is saved, with a GIN index; it folds case, not
/// accents (that would take the `unaccent` extension, which an administrator must install). Terms reach
/// either only as letters and digits (`SearchTerms`).
enum SearchStatements {
    /// Migration v21.
    static func index(_ dialect: SQLDialect) -> String {
        if dialect.isPostgres {
            // The pages already there, as a plan's saving indexes them: in their document's language (v20 read it
            // from the plans), and as written.
            return """
                ALTER TABLE pages ADD COLUMN search tsvector;
                UPDATE pages p SET search = to_tsvector((\(configuration("d.language")))::regconfig, p.text)
                    || to_tsvector('simple', p.text)
                FROM (SELECT sha256, max(language) AS language FROM run_documents WHERE sha256 IS NOT NULL
                    GROUP BY sha256) d
                WHERE p.sha256 = d.sha256;
                UPDATE pages SET search = to_tsvector('simple', text) WHERE search IS NULL;
                CREATE INDEX pages_search ON pages USING GIN (search);
                """
        }
        return """
            CREATE VIRTUAL TABLE page_search USING fts5(text, content='pages', content_rowid='rowid',
                tokenize='unicode61 remove_diacritics 2');
            CREATE TRIGGER pages_search_insert AFTER INSERT ON pages BEGIN
                INSERT INTO page_search(rowid, text) VALUES (new.rowid, new.text);
            END;
            CREATE TRIGGER pages_search_delete AFTER DELETE ON pages BEGIN
                INSERT INTO page_search(page_search, rowid, text) VALUES ('delete', old.rowid, old.text);
            END;
            CREATE TRIGGER pages_search_update AFTER UPDATE OF text ON pages BEGIN
                INSERT INTO page_search(page_search, rowid, text) VALUES ('delete', old.rowid, old.text);
                INSERT INTO page_search(rowid, text) VALUES (new.rowid, new.text);
            END;
            INSERT INTO page_search(page_search) VALUES ('rebuild');
            """
    }

    /// After an erasure: FTS5 marks deleted words in new segments and keeps the old ones until they are
    /// merged; merging them all now leaves no word of the erased pages in the index.
    static func afterErasure(_ dialect: SQLDialect) -> String? {
        dialect.isPostgres ? nil : "INSERT INTO page_search(page_search) VALUES ('optimize')"
    }

    /// The text search configuration of a document's language (PostgreSQL), as an SQL expression over `code`.
    static func configuration(_ code: String) -> String {
        "CASE \(code) WHEN 'en' THEN 'english' WHEN 'de' THEN 'german' WHEN 'fr' THEN 'french' ELSE 'simple' END"
    }

    /// PostgreSQL: the document's pages indexed in its language, when its plan says which, and as written
    /// (`simple`): a prefix is matched against the words as written, since a stem may be shorter than the
    /// prefix ("terminate" is stemmed "termin", which `terminat:*` does not match).
    static let indexDocument = """
        UPDATE pages SET search = to_tsvector((\(configuration("$2")))::regconfig, text) || to_tsvector('simple', text)
        WHERE sha256 = $1
        """

    /// What the store matches: FTS5's query (each term quoted) or a `tsquery` (lexemes quoted, `<->` within
    /// a phrase, `:*` for a prefix), every term required.
    static func match(_ terms: SearchTerms, _ dialect: SQLDialect) -> String {
        terms.terms.map { term in
            switch (term, dialect.isPostgres) {
            case (.words(let words), false): "\"" + words.joined(separator: " ") + "\""
            case (.prefix(let prefix), false): "\"" + prefix + "\"*"
            case (.words(let words), true): "(" + words.map { "'\($0)'" }.joined(separator: " <-> ") + ")"
            case (.prefix(let prefix), true): "'\(prefix)':*"
            }
        }.joined(separator: dialect.isPostgres ? " & " : " ")
    }

    /// The hits' statement: `$1` the match, `$2` (PostgreSQL) the headline's options, then `conditions`' values,
    /// then limit and offset.
    static func hits(_ dialect: SQLDialect, conditions: String, limitAt limit: Int) -> String {
        if dialect.isPostgres {
            return """
                SELECT d.run_id, d.path, d.sha256, p.number,
                    ts_headline((\(configuration("d.language")))::regconfig, p.text, q.query, $2) AS snippet
                FROM (SELECT to_tsquery('english', $1) || to_tsquery('german', $1) || to_tsquery('french', $1)
                    || to_tsquery('simple', $1) AS query) q
                JOIN pages p ON p.search @@ q.query
                JOIN run_documents d ON d.sha256 = p.sha256 JOIN runs r ON r.id = d.run_id
                WHERE \(conditions)
                ORDER BY ts_rank(p.search, q.query) DESC, d.run_id, d.path, p.number
                LIMIT $\(limit) OFFSET $\(limit + 1)
                """
        }
        return """
            SELECT d.run_id, d.path, d.sha256, p.number,
                snippet(page_search, 0, char(2), char(3), '…', 16) AS snippet
            FROM page_search JOIN pages p ON p.rowid = page_search.rowid
            JOIN run_documents d ON d.sha256 = p.sha256 JOIN runs r ON r.id = d.run_id
            WHERE page_search MATCH $1 AND \(conditions)
            ORDER BY bm25(page_search), d.run_id, d.path, p.number
            LIMIT $\(limit) OFFSET $\(limit + 1)
            """
    }

    /// ts_headline's options: the marks `SearchHit` uses, and a few words around the match.
    static let headlineOptions =
        "StartSel=\(SearchHit.markStart), StopSel=\(SearchHit.markEnd), MaxWords=24, MinWords=10, MaxFragments=1"
}
