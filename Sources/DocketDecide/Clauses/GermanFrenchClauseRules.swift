import Foundation

/// Rules for German and French contracts, where the clause model (trained on English) has nothing to go
/// on: governing law (Rechtswahl, droit applicable), the agreement and effective dates, the term and the
/// notice period. Each reads a passage as one lower-cased line and answers as CUAD would ("Germany",
/// "2025-06-02", "6 months").
enum GermanFrenchClauseRules {
    /// What a rule's match states: rules are written for formulaic wording and rarely wrong, but they
    /// have no labelled German or French contracts to be calibrated on.
    static let score = 0.9

    /// The law named after a choice-of-law wording, by the adjective or name each language gives it.
    static let laws: [(words: [String], country: String)] = [
        (
            [
                "deutschem recht", "deutsches recht", "deutschen recht", "recht der bundesrepublik deutschland",
                "droit allemand",
            ],
            "Germany"
        ),
        (
            ["österreichischem recht", "österreichisches recht", "österreichischen recht", "droit autrichien"],
            "Austria"
        ),
        (["schweizerischem recht", "schweizerisches recht", "schweizer recht", "droit suisse"], "Switzerland"),
        (
            ["französischem recht", "französisches recht", "droit français", "loi française", "lois françaises"],
            "France"
        ),
        (["droit belge", "loi belge"], "Belgium"),
        (["droit luxembourgeois", "loi luxembourgeoise"], "Luxembourg"),
    ]
    static let choiceOfLaw = [
        "unterliegt", "es gilt", "anwendbar", "anzuwenden", "rechtswahl", "findet", "soumis", "régi", "applicable",
    ]
    static let agreementCues = [", den ", "geschlossen am", "unterzeichnet am", "fait à", "conclu le", "signé le"]
    static let effectiveCues = [
        "beginnt am", "in kraft", "mit wirkung zum", "mit wirkung vom", "prend effet", "entre en vigueur",
        "à compter du",
    ]
    static let numbers: [String: Int] = [
        "ein": 1, "eine": 1, "einem": 1, "einer": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
        "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12, "vierzehn": 14, "dreißig": 30,
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
        "dix": 10, "douze": 12, "quinze": 15, "trente": 30, "soixante": 60,
    ]
    static let units: [String: String] = [
        "tag": "day", "tage": "day", "tagen": "day", "woche": "week", "wochen": "week", "monat": "month",
        "monate": "month", "monaten": "month", "jahr": "year", "jahre": "year", "jahren": "year", "jour": "day",
        "jours": "day", "semaine": "week", "semaines": "week", "mois": "month", "an": "year", "ans": "year",
        "année": "year", "années": "year",
    ]

    /// The categories the passage holds, with their answers.
    static func categories(in passage: String) -> [(category: String, answer: String?)] {
        let line = passage.lowercased()
        var found: [(String, String?)] = []
        if choiceOfLaw.contains(where: line.contains),
            let law = laws.first(where: { $0.words.contains(where: line.contains) })
        {
            found.append(("Governing Law", law.country))
        }
        if agreementCues.contains(where: line.contains), let date = DateAnswer.answer(in: passage) {
            found.append(("Agreement Date", date))
        }
        if effectiveCues.contains(where: line.contains), let date = DateAnswer.answer(in: passage) {
            found.append(("Effective Date", date))
        }
        if let term = term(line) { found.append(("Expiration Date", term)) }
        if let notice = notice(line) { found.append(("Notice Period To Terminate Renewal", notice)) }
        return found
    }

    /// "Laufzeit von zwölf Monaten", "pour une durée de six (6) mois", "unbefristet", "durée indéterminée".
    static func term(_ line: String) -> String? {
        if ["unbefristet", "unbestimmte zeit", "durée indéterminée"].contains(where: line.contains) {
            return "indefinite"
        }
        for cue in ["laufzeit von", "laufzeit beträgt", "befristet auf", "durée de", "période de"] {
            if let duration = duration(after: cue, in: line) { return "after \(duration)" }
        }
        return nil
    }

    /// "Kündigungsfrist von drei Monaten", "mit einer Frist von zwei Wochen gekündigt", "préavis de 30 jours";
    /// the statutory periods where the contract refers to them. Not during probation.
    static func notice(_ line: String) -> String? {
        // A probation period's notice is not the contract's.
        let probation = ["während der probezeit", "in der probezeit", "pendant la période d'essai"]
        if probation.contains(where: line.contains) {
            return nil
        }
        for cue in ["kündigungsfrist von", "frist von", "préavis de", "préavis d'"] {
            if let duration = duration(after: cue, in: line),
                cue != "frist von" || line.contains("kündig")
            {
                return duration
            }
        }
        if line.contains("gesetzlichen kündigungsfristen") || line.contains("préavis légal") { return "statutory" }
        return nil
    }

    /// "drei Monaten" or "six (6) mois" right after `cue`: "3 months".
    static func duration(after cue: String, in line: String) -> String? {
        guard let range = line.range(of: cue) else { return nil }
        let words = line[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
            .prefix(4).map(String.init)
        guard let first = words.first, let count = Int(first) ?? numbers[first] else { return nil }
        let unit = words.dropFirst().first { units[$0.trimmingCharacters(in: .punctuationCharacters)] != nil }
        guard let unit, let name = units[unit.trimmingCharacters(in: .punctuationCharacters)] else { return nil }
        return "\(count) \(name)\(count == 1 ? "" : "s")"
    }
}
