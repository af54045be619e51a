import DocketAudit
import DocketDecide
import DocketModel
import DocketRecords
import DocketStore
import Foundation

/// A run of five documents whose plans hold clause categories, for the clause grid's tests: a German and an
/// English contract with answers, a third with a formula-like answer and a comma in its name, one where no
/// category was found, and one that could not be read.
public enum ClauseGridFixture {
    public static let run = "grid-run"

    /// Path, sha256 and the categories found: (name, answer or nil, page).
    public static let documents: [(path: String, sha256: String, found: [(String, String?, Int)])] = [
        ("/in/a-services.pdf", sha("a"), [("Governing Law", "Germany", 2), ("Change Of Control", nil, 3)]),
        ("/in/b-nda.pdf", sha("b"), [("Governing Law", "England and Wales", 1)]),
        ("/in/c, supply.pdf", sha("c"), [("Governing Law", "germany (Munich courts)", 4), ("Parties", "=1+2", 1)]),
        ("/in/d-letter.pdf", sha("d"), []),
        ("/in/e-locked.pdf", sha("e"), []),
    ]

    public static func sha(_ letter: String) -> String { String(repeating: letter, count: 64) }

    /// The types of personal data found in two of the documents.
    public static let findings = [sha("a"): ["iban", "person"], sha("b"): ["person"]]

    /// The pages of three of the documents, for the search.
    public static let texts = [
        sha("a"): [
            "This Services Agreement is governed by the laws of Germany.",
            "Upon a Change of Control of the Supplier, the Customer may terminate.",
        ],
        sha("b"): ["The Recipient shall keep the Confidential Information secret. Müller GmbH."],
        sha("c"): ["Termination for convenience: either party may terminate on notice."],
    ]

    /// The run, its documents' pages saved, its documents recorded and planned (the last one failed to be read).
    public static func fill(_ store: any RunStore) async throws {
        for document in documents {
            guard let pages = texts[document.sha256] else { continue }
            try await store.saveDocument(
                ExtractedDocument(
                    path: document.path, sha256: document.sha256, kind: .pdf, pageCount: pages.count,
                    pages: pages.enumerated().map { ExtractedPage(number: $0 + 1, text: $1, source: .textLayer) }))
        }
        try await store.createRun(
            RunRecord(
                id: run, pipeline: "grid", pipelineFile: "/nowhere/grid.yaml", ruleSetVersion: "v", status: .completed,
                startedAt: Date()))
        for document in documents {
            if document.path.hasSuffix("locked.pdf") {
                try await store.recordRunDocument(
                    run: run, path: document.path, sha256: document.sha256,
                    error: IngestError(.passwordRequired, path: document.path, detail: "the PDF is encrypted"))
                continue
            }
            try await store.recordRunDocument(run: run, path: document.path, sha256: document.sha256, error: nil)
            try await store.savePlan(
                run: run, path: document.path, plan: try plan(document.path, document.sha256, document.found))
        }
    }

    public static func plan(_ path: String, _ sha256: String, _ found: [(String, String?, Int)]) throws -> DocumentPlan
    {
        let categories: [[String: Any]] = found.map { name, answer, page in
            var category: [String: Any] = [
                "name": name,
                "passages": [
                    [
                        "score": 0.9, "firstPage": page, "lastPage": page, "headingPath": ["1"], "start": page * 100,
                        "end": page * 100 + 50,
                    ]
                ],
            ]
            if let answer { category["answer"] = answer }
            return category
        }
        let chunk: [String: Any] = [
            "id": "chunk-\(sha256.prefix(8))", "index": 0, "firstPage": 1, "lastPage": 1, "start": 0, "end": 10,
            "heading": "1", "tokenEstimate": 10, "clauses": [] as [String], "routes": [:] as [String: Any],
            "sensitivity": ["level": "internal", "rules": [] as [String]],
            "findings": (findings[sha256] ?? []).map {
                ["type": $0, "start": 0, "end": 5, "confidence": 0.9, "validated": false] as [String: Any]
            },
        ]
        let json: [String: Any] = [
            "path": path, "sha256": sha256, "profile": ["type": "services", "language": "en"], "level": "internal",
            "chunks": [chunk], "documentRoutes": [:] as [String: Any],
            "clauses": ["document": sha256, "language": "en", "categories": categories],
        ]
        return try JSONDecoder().decode(DocumentPlan.self, from: JSONSerialization.data(withJSONObject: json))
    }

    /// A reviewer overturns the finding of `category` in the document: `value` holds in its place.
    public static func overturn(_ store: any RunStore, sha256: String, category: String, value: String) async throws {
        let decision = DecisionRecords.clauseID(run: run, document: sha256, category: category)
        var finding = AuditRecord(id: decision, kind: .clause, run: run, outcome: "\(category) found")
        finding.documentSHA256 = sha256
        try await store.appendAudit([finding])
        let id = "c-\(UUID().uuidString.prefix(12).lowercased())"
        var challenge = Challenge(
            id: id, decisionID: decision, decisionKind: .clause, unitKey: nil, challengedBy: "account:1",
            reason: "wrong")
        try await store.openChallenge(
            challenge, audit: AuditRecord(id: "opened-\(id)", kind: .challenge, run: run, outcome: "opened"))
        challenge.status = .overturned
        challenge.reviewer = "account:2"
        challenge.reviewedAt = Date()
        challenge.resultJSON = try String(
            decoding: JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]), as: UTF8.self)
        try await store.closeChallenge(
            challenge, audit: AuditRecord(id: "overturn-\(id)", kind: .overturn, run: run, outcome: "overturned"))
    }
}
