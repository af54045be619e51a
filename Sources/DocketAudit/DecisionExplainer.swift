import Foundation

/// One decision in plain language: what was decided, on what, by which logic, with which model,
/// and how to contest it — "meaningful information about the logic involved" (GDPR Art. 15(1)(h)).
public enum DecisionExplainer {
    /// `routing` is the unit's routing decision, shown with a model answer: why that endpoint.
    /// `overturn`: the review record of the latest overturn, whose (masked) result is in force in its place.
    /// `commandHint`: end with the command that contests it (the workspace shows a button instead).
    public static func explain(
        _ record: AuditRecord, challenges: [Challenge], routing: AuditRecord? = nil, overturn: AuditRecord? = nil,
        commandHint: Bool = true
    ) -> String {
        var lines: [String] = []
        let when = record.at.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
        lines.append(
            "Decision \(record.id): \(title(record.kind)), \(when)" + (record.run.map { ", run \($0)" } ?? "") + ".")
        if let overturn {
            lines.append(
                "In force since a review overturned it (personal data masked): \(overturn.shownOutcome), set by "
                    + "\(overturn.actor.map(HumanActor.shown) ?? "–") on \(overturn.at.prefix(10)). "
                    + "What was decided automatically follows, for the record.")
        }
        var subject = "document sha256 \(record.documentSHA256 ?? "–")"
        if let chunk = record.chunkID { subject = "part \(chunk) of " + subject }
        if let unit = record.unitKey { subject += " (unit \(unit))" }
        lines.append("About: \(subject).")
        switch record.kind {
        case .classification:
            lines.append("Decided: sensitivity level \(record.outcome).")
            lines.append(
                "How: the text was scanned by fixed detectors (identifiers checked by their checksums, e-mail "
                    + "addresses, phone numbers, "
                    + "names, addresses, dates of birth, special-category terms, markings) and the pipeline's "
                    + "classification rules "
                    + "(rule set \(record.ruleSetVersion ?? "–")) gave the level. No model was involved.")
        case .routing:
            lines.append("Decided: \(record.outcome).")
            lines.append(
                "How: the routing rules (rule set \(record.ruleSetVersion ?? "–")) chose endpoints for the level and "
                    + "the length; "
                    + "the sovereignty gate removed every endpoint not cleared for the level. No model was involved.")
        case .inference:
            lines.append("Decided (personal data masked): \(record.shownOutcome)")
            lines.append(
                "How: the model \(record.model ?? "–") at endpoint \(record.endpoint ?? "–")"
                    + (record.weightsDigest.map { " (weights sha256 \($0))" } ?? "")
                    + " answered the task's prompt, constrained to the task's JSON Schema and checked against it"
                    + " (prompt and schema sha256 \(record.promptSchemaHash ?? "–")).")
            if let routing {
                lines.append("Why that endpoint (\(routing.id)): \(routing.outcome); \(routing.reasoning ?? "").");
            }
        case .challenge, .uphold, .overturn, .unmask:
            lines.append(
                "Refers to decision \(record.refersTo ?? "–"), by \(record.actor.map(HumanActor.shown) ?? "–"): "
                    + record.shownOutcome)
        case .clause:
            lines.append("Decided: \(record.outcome).")
            lines.append(
                "How: the clause model \(record.model ?? "–") (a linear model per CUAD category, trained on CUAD's "
                    + "marked contracts) scored each passage; the best passage reached the category's threshold. "
                    + "No language model was involved.")
        case .retention:
            lines.append("Retention: \(record.outcome)")
        case .erasure:
            lines.append("Erasure by \(record.actor.map(HumanActor.shown) ?? "–"): \(record.outcome)")
        case .account:
            lines.append("Account change by \(record.actor.map(HumanActor.shown) ?? "–"): \(record.outcome)")
        }
        if let reasoning = record.shownReasoning, !reasoning.isEmpty { lines.append("Reasoning: \(reasoning)") }
        if let confidence = record.confidence { lines.append("Confidence: \(String(format: "%.2f", confidence)).") }
        if let input = record.inputHash {
            lines.append("Input: sha256 \(input) of exactly the text the decision was made on.")
        }
        for challenge in challenges {
            var line =
                "Contested by \(HumanActor.shown(challenge.challengedBy)) on "
                + "\(AuditRecord.timestamp(challenge.openedAt).prefix(10)) (\(challenge.id)): "
            switch challenge.status {
            case .open: line += "waiting for review."
            case .upheld:
                line +=
                    "upheld by \(challenge.reviewer.map(HumanActor.shown) ?? "–")"
                    + (challenge.note.map { ": \($0)" } ?? ".")
            case .overturned:
                line +=
                    "overturned by \(challenge.reviewer.map(HumanActor.shown) ?? "–")"
                    + (challenge.note.map { ": \($0)" } ?? ".")
            }
            lines.append(line)
        }
        if commandHint, AuditKind.contestable.contains(record.kind), !challenges.contains(where: { $0.status == .open })
        {
            lines.append("To contest it: docket challenge \(record.id) --by NAME --reason TEXT")
        }
        lines.append("Record \(record.sequence) of the audit trail, hash \(record.hash).")
        return lines.joined(separator: "\n")
    }

    static func title(_ kind: AuditKind) -> String {
        switch kind {
        case .classification: "sensitivity classification"
        case .routing: "routing"
        case .inference: "model answer"
        case .clause: "clause category found"
        case .challenge: "challenge by a person"
        case .uphold: "review: upheld"
        case .overturn: "review: overturned"
        case .retention: "retention"
        case .erasure: "erasure of a document"
        case .unmask: "masked values shown to a reviewer"
        case .account: "account change by an administrator"
        }
    }
}
