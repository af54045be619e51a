import DocketModel

/// Scores the detectors on labelled sentences (`make eval-detectors`): per entity type and
/// language, the share of entities found (recall) and the share of sentences without such an
/// entity on which the type was reported anyway (false alarms); and, per confidence the
/// detectors report, how often a finding of that confidence was right (calibration).
public struct DetectorEvaluation: Sendable {
    /// One labelled sentence. `countsFalseAlarms` is false where only some entities are labelled
    /// (lines of real contracts, labelled with their parties only): they count for recall alone.
    public struct Sample: Sendable, Codable {
        public var id: String
        public var lang: String
        public var source: String
        public var text: String
        public var entities: [Entity]

        public var countsFalseAlarms: Bool { source != "cuad" }

        public init(id: String, lang: String, source: String, text: String, entities: [Entity]) {
            self.id = id
            self.lang = lang
            self.source = source
            self.text = text
            self.entities = entities
        }
    }

    public struct Entity: Sendable, Codable {
        public var type: String
        public var start: Int
        public var end: Int

        public init(type: String, start: Int, end: Int) {
            self.type = type
            self.start = start
            self.end = end
        }
    }

    public struct Tally: Sendable, Equatable {
        public var entities = 0
        public var found = 0
        public var sentencesWithout = 0
        public var falseAlarms = 0

        public var recall: Double? { entities == 0 ? nil : Double(found) / Double(entities) }
        public var falseAlarmRate: Double? {
            sentencesWithout == 0 ? nil : Double(falseAlarms) / Double(sentencesWithout)
        }
    }

    /// Findings of one reported confidence and how many of them were right.
    public struct CalibrationBin: Sendable, Equatable {
        public var type: String
        public var confidence: Double
        public var findings = 0
        public var correct = 0
        public var precision: Double { findings == 0 ? 0 : Double(correct) / Double(findings) }
    }

    /// The labelled types, and the finding types that count as finding them ("party": the
    /// parties of real contracts, people or organisations).
    public static let acceptedTypes: [String: Set<String>] = [
        "person": ["person"], "organisation": ["organisation"], "postal_address": ["postal_address"],
        "phone": ["phone"], "payment_card": ["payment_card"], "ip_address": ["ip_address"], "email": ["email"],
        "party": ["person", "organisation"],
    ]

    /// An entity is found when findings of an accepted type cover at least half of its bytes.
    public static let requiredCoverage = 0.5

    public let minConfidence: Double
    /// Keyed by type, then language ("all" for every language).
    public private(set) var tallies: [String: [String: Tally]] = [:]
    public private(set) var calibration: [String: CalibrationBin] = [:]
    /// Ids of the samples an entity was missed in, and of those with a false alarm, per type.
    public private(set) var misses: [String: [String]] = [:]
    public private(set) var alarms: [String: [String]] = [:]

    public init(minConfidence: Double) {
        self.minConfidence = minConfidence
    }

    public mutating func add(_ sample: Sample, findings allFindings: [Finding]) {
        let findings = allFindings.filter { $0.confidence >= minConfidence }
        for entity in sample.entities {
            let accepted = Self.acceptedTypes[entity.type] ?? [entity.type]
            let covered = Self.coveredBytes(
                of: entity, by: findings.filter { accepted.contains($0.type) })
            let found = Double(covered) >= Self.requiredCoverage * Double(entity.end - entity.start)
            update(entity.type, sample.lang) {
                $0.entities += 1
                if found { $0.found += 1 }
            }
            if !found { misses[entity.type, default: []].append(sample.id) }
        }
        guard sample.countsFalseAlarms else { return }
        let labelled = Set(sample.entities.map(\.type))
        for type in Self.acceptedTypes.keys where type != "party" && !labelled.contains(type) {
            let alarm = findings.contains { $0.type == type }
            update(type, sample.lang) {
                $0.sentencesWithout += 1
                if alarm { $0.falseAlarms += 1 }
            }
            if alarm { alarms[type, default: []].append(sample.id) }
        }
        for finding in allFindings where Self.acceptedTypes[finding.type] != nil {
            let right = sample.entities.contains {
                (Self.acceptedTypes[$0.type] ?? []).contains(finding.type) && $0.start < finding.end
                    && finding.start < $0.end
            }
            let key = "\(finding.type) \(finding.confidence)"
            calibration[key, default: CalibrationBin(type: finding.type, confidence: finding.confidence)].findings += 1
            if right { calibration[key]?.correct += 1 }
        }
    }

    /// Expected calibration error over the bins: how far, weighted by findings, the stated
    /// confidences are from the share of right findings.
    public var calibrationError: Double {
        let total = calibration.values.reduce(0) { $0 + $1.findings }
        guard total > 0 else { return 0 }
        return calibration.values.reduce(0) {
            $0 + Double($1.findings) / Double(total) * abs($1.precision - $1.confidence)
        }
    }

    private mutating func update(_ type: String, _ lang: String, _ change: (inout Tally) -> Void) {
        change(&tallies[type, default: [:]][lang, default: Tally()])
        change(&tallies[type, default: [:]]["all", default: Tally()])
    }

    static func coveredBytes(of entity: Entity, by findings: [Finding]) -> Int {
        var covered = 0, reached = entity.start
        for finding in findings.sorted(by: { $0.start < $1.start }) where finding.end > reached {
            let start = max(finding.start, reached), end = min(finding.end, entity.end)
            if end > start { covered += end - start }
            reached = max(reached, min(finding.end, entity.end))
            if reached >= entity.end { break }
        }
        return covered
    }
}
