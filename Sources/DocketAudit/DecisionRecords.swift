import DocketDecide
import DocketModel
import DocketRecords
import Foundation

/// Builds the audit records of a run's automated decisions: each chunk's level, each unit's
/// route, each model answer. Ids depend on the run and the subject only, so recording the same
/// decision again (a resumed run) adds nothing.
public struct DecisionRecords: Sendable {
    public let run: String
    public let masker: Masker

    public init(run: String, masker: Masker) {
        self.run = run
        self.masker = masker
    }

    /// The id of a document's level decision in a run: reports link to it.
    public static func documentLevelID(run: String, document: String) -> String {
        AuditRecord.decisionID(run, "classification", document)
    }

    /// The id of a clause category's finding in a document in a run: the workspace links it to be contested.
    public static func clauseID(run: String, document: String, category: String) -> String {
        AuditRecord.decisionID(run, "clause", document, category)
    }

    /// The id of a unit's model answer, whichever run produced it (a unit has one result).
    public static func inferenceID(unit: String) -> String {
        AuditRecord.decisionID("inference", unit)
    }

    /// One record per chunk (its level, and why) and one for the document's level.
    public func classification(_ plan: DocumentPlan, chunkTexts: [String: String]) -> [AuditRecord] {
        var records: [AuditRecord] = []
        for chunk in plan.chunks {
            var record = AuditRecord(
                id: AuditRecord.decisionID(run, "classification", plan.sha256, chunk.id), kind: .classification,
                run: run, outcome: chunk.sensitivity.level)
            record.documentSHA256 = plan.sha256
            record.chunkID = chunk.id
            record.inputHash = chunkTexts[chunk.id].map { ContentHash.sha256(of: Array($0.utf8)) }
            record.ruleSetVersion = chunk.routes.values.first?.ruleSetVersion
            record.confidence = chunk.findings.map(\.confidence).max()
            record.reasoning = Self.explain(
                chunk.sensitivity, findings: chunk.findings, pages: (chunk.firstPage, chunk.lastPage))
            records.append(record)
        }
        var document = AuditRecord(
            id: Self.documentLevelID(run: run, document: plan.sha256), kind: .classification, run: run,
            outcome: plan.level)
        document.documentSHA256 = plan.sha256
        document.ruleSetVersion =
            plan.chunks.first?.routes.values.first?.ruleSetVersion ?? plan.documentRoutes.values.first?.ruleSetVersion
        document.reasoning =
            "document type \(plan.profile.type.rawValue), language \(plan.profile.language ?? "unknown"); "
            + "the document's level is the highest of its \(plan.chunks.count) chunks' levels"
        records.append(document)
        return records
    }

    /// One record per clause category found in the document: where its best passage is, how sure the
    /// model is, and the hash of the passage's text (not the text).
    public func clauses(_ plan: DocumentPlan, text: DocumentText, model: String?) -> [AuditRecord] {
        (plan.clauses?.categories ?? []).compactMap { category in
            guard let best = category.passages.first else { return nil }
            let pages =
                best.firstPage == best.lastPage
                ? "page \(best.firstPage)" : "pages \(best.firstPage)–\(best.lastPage)"
            var record = AuditRecord(
                id: Self.clauseID(run: run, document: plan.sha256, category: category.name), kind: .clause, run: run,
                outcome: "\(category.name) found, \(pages)")
            record.documentSHA256 = plan.sha256
            record.inputHash = ContentHash.sha256(of: Array(text.string(best.start..<best.end).utf8))
            record.ruleSetVersion =
                plan.chunks.first?.routes.values.first?.ruleSetVersion
                ?? plan.documentRoutes.values.first?.ruleSetVersion
            record.model = model
            record.confidence = best.score
            record.reasoning =
                "best passage at bytes \(best.start)–\(best.end) scored \(String(format: "%.2f", best.score)); "
                + "\(category.passages.count) passage\(category.passages.count == 1 ? "" : "s") reached the threshold"
            return record
        }
    }

    /// One record per unit: the endpoints it may go to, in order, or why it is held. `refined`:
    /// the route after the prompt's tokens were counted exactly, a decision of its own.
    public func routing(_ units: [UnitRecord], taskDigests: [String: String], refined: Bool = false) -> [AuditRecord] {
        units.map { unit in
            let route = unit.route
            let outcome = route.held.map { "held: \($0)" } ?? "send to \(route.chain.joined(separator: " → "))"
            var record = AuditRecord(
                id: AuditRecord.decisionID(run, refined ? "routing-refined" : "routing", unit.key), kind: .routing,
                run: run, outcome: outcome)
            record.documentSHA256 = unit.documentSHA256
            record.chunkID = unit.chunkID
            record.unitKey = unit.key
            record.ruleSetVersion = route.ruleSetVersion
            record.promptSchemaHash = taskDigests[unit.task]
            var reasons = [
                "task \(unit.task) at level \(route.level)",
                route.rule.map { "routing rule \($0) matched" } ?? "no routing rule matched",
            ]
            reasons += route.excluded.map { "\($0.endpoint) excluded: \($0.reason)" }
            if refined { reasons.append("after counting the prompt's tokens exactly") }
            record.reasoning = reasons.joined(separator: "; ")
            return record
        }
    }

    /// The record of a model's answer to a unit. The answer and its rationale are masked.
    public func inference(
        _ result: ResultRecord, unit: UnitRecord, prompt: String, promptSchemaHash: String?
    ) -> AuditRecord {
        var record = AuditRecord(
            id: Self.inferenceID(unit: unit.key), kind: .inference, run: run,
            outcome: masker.maskJSON(result.resultJSON))
        record.documentSHA256 = unit.documentSHA256
        record.chunkID = unit.chunkID
        record.unitKey = unit.key
        record.inputHash = ContentHash.sha256(of: Array(prompt.utf8))
        record.ruleSetVersion = unit.route.ruleSetVersion
        record.promptSchemaHash = promptSchemaHash
        record.endpoint = result.endpoint
        record.model = result.model
        record.weightsDigest = result.weightsDigest
        let answer = (try? JSONSerialization.jsonObject(with: Data(result.resultJSON.utf8))) as? [String: Any]
        record.confidence = (answer?["confidence"] as? NSNumber)?.doubleValue
        record.reasoning = (answer?["rationale"] as? String).map(masker.mask)
        return record
    }

    /// "level restricted: rule special-categories matched; findings: iban ×1 (validated), person ×2; pages 3–4".
    static func explain(_ sensitivity: SensitivityDecision, findings: [Finding], pages: (Int, Int)) -> String {
        var counts: [String: (Int, Int)] = [:]
        for finding in findings {
            counts[finding.type, default: (0, 0)].0 += 1; if finding.validated { counts[finding.type]!.1 += 1 }
        }
        let listed = counts.keys.sorted().map { type -> String in
            let (n, validated) = counts[type]!
            return "\(type) ×\(n)" + (validated > 0 ? " (\(validated) checksum-validated)" : "")
        }
        let rules =
            sensitivity.rules.isEmpty
            ? "no classification rule matched, so the default level applies"
            : "classification rule\(sensitivity.rules.count > 1 ? "s" : "") "
                + "\(sensitivity.rules.joined(separator: ", ")) matched"
        let pageText = pages.0 == pages.1 ? "page \(pages.0)" : "pages \(pages.0)–\(pages.1)"
        return "\(rules); findings: \(listed.isEmpty ? "none" : listed.joined(separator: ", ")); \(pageText)"
    }
}
