import DocketModel
import DocketSpec
import Foundation

/// Detectors a pipeline defines: a regular expression or a list of keywords (case-insensitive).
struct CustomDetector: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and thread-safe, but not marked Sendable.
    let spec: CustomDetectorSpec
    private let regex: NSRegularExpression?
    private let keywords: [[UInt8]]

    init(_ spec: CustomDetectorSpec) {
        self.spec = spec
        self.regex = spec.regex.flatMap { try? NSRegularExpression(pattern: $0) }
        self.keywords = spec.keywords.map { Array($0.lowercased().utf8) }
    }

    func detect(_ text: String, bytes: [UInt8], into findings: inout [Finding]) {
        if let regex {
            let utf16 = text.utf16
            for match in regex.matches(in: text, range: NSRange(location: 0, length: utf16.count)) {
                guard let range = Range(match.range, in: text) else { continue }
                findings.append(
                    Finding(
                        type: spec.name, start: text.utf8.distance(from: text.startIndex, to: range.lowerBound),
                        end: text.utf8.distance(from: text.startIndex, to: range.upperBound),
                        confidence: spec.confidence))
            }
        }
        guard !keywords.isEmpty else { return }
        let lowered = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        for keyword in keywords where !keyword.isEmpty {
            var index = 0
            while index + keyword.count <= lowered.count {
                if lowered[index] == keyword[0], lowered[index..<(index + keyword.count)].elementsEqual(keyword) {
                    findings.append(
                        Finding(type: spec.name, start: index, end: index + keyword.count, confidence: spec.confidence))
                    index += keyword.count
                } else {
                    index += 1
                }
            }
        }
    }
}
