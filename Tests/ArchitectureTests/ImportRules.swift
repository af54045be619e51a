import Foundation

/// The rules the rooms keep, checked from the text of `Package.swift` and of every Swift file:
/// a file imports only what its target declares, a target declares only what its files import,
/// a room imports only rooms below it, nothing re-exports a module, and only test targets import a
/// module `@testable` (`swift build -c release` builds every other target, test helpers included).
struct ImportRules {
    /// The rooms from the bottom up: a room may import only rooms of a lower rank. Ingest depends on
    /// Model alone, but sits high so that only Run, Web and the executables may use it: the decision
    /// stages, the store and the reports build without poppler or tesseract. Process (child processes
    /// that inherit nothing) needs no other room.
    static let ranks: [String: Int] = [
        "DocketModel": 0, "DocketProcess": 0, "DocketSpec": 1, "DocketDecide": 2, "DocketRecords": 3, "DocketInfer": 4,
        "DocketAudit": 4, "DocketStore": 5, "DocketReport": 6, "DocketIngest": 7, "DocketRun": 8,
        "DocketWeb": 9, "docket": 10, "docket-extract-worker": 10,
    ]

    /// Modules of the toolchain, imported without a declaration.
    static let toolchain: Set<String> = [
        "Foundation", "FoundationEssentials", "FoundationXML", "CoreFoundation", "Glibc", "Dispatch", "Synchronization",
        "Testing",
    ]

    /// Targets linked for their symbols, not imported (a C library that replaces one of poppler's).
    static let linkedOnly: Set<String> = ["CPopplerTuning"]

    struct Target: Equatable {
        var name: String
        var kind: String
        /// Target names and product names it declares.
        var dependencies: [String]
    }

    struct SourceFile {
        var target: String
        var path: String
        var text: String
    }

    /// The targets of a `Package.swift` written as ours is: `.target(name: "X", dependencies: [...])`,
    /// with products as `.product(name: "P", package: "…")`.
    static func targets(inManifest text: String) -> [Target] {
        let starts = matches(#"\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)""#, in: text)
        return starts.enumerated().map { index, match in
            let end = index + 1 < starts.count ? starts[index + 1].range.lowerBound : text.endIndex
            let body = String(text[match.range.upperBound..<end])
            var dependencies: [String] = []
            if let list = body.range(of: #"dependencies:\s*\["#, options: .regularExpression) {
                let inner = bracketed(body, from: list.upperBound)
                for product in matches(#"\.product\(name:\s*"([^"]+)""#, in: inner) {
                    dependencies.append(product.groups[0])
                }
                let withoutProducts = inner.replacingOccurrences(
                    of: #"\.product\([^)]*\)"#, with: "", options: .regularExpression)
                for name in matches(#""([^"]+)""#, in: withoutProducts) { dependencies.append(name.groups[0]) }
            }
            return Target(name: match.groups[1], kind: match.groups[0], dependencies: dependencies)
        }
    }

    /// The modules a Swift file imports (`import X`, `@testable import X`, `@_exported import X`).
    static func imports(of text: String) -> [String] {
        matches(#"(?m)^\s*(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|func|var|let|protocol)\s+)?(\w+)"#, in: text)
            .map { $0.groups[0] }
    }

    /// Every broken rule, in words a reader can act on; empty when the house is in order.
    static func violations(targets: [Target], files: [SourceFile]) -> [String] {
        var problems: [String] = []
        let byName = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var used: [String: Set<String>] = [:]
        for file in files {
            if file.text.range(of: #"(?m)^\s*@_exported\s+import"#, options: .regularExpression) != nil {
                problems.append("\(file.path): re-exports a module (@_exported); import what each file uses")
            }
            guard let target = byName[file.target] else { continue }
            if target.kind != "testTarget",
                file.text.range(of: #"(?m)^\s*@testable\s+import"#, options: .regularExpression) != nil
            {
                problems.append(
                    "\(file.path): imports a module @testable outside a test target; release builds (make run) fail")
            }
            for module in imports(of: file.text) where !toolchain.contains(module) && module != target.name {
                used[target.name, default: []].insert(module)
                if !target.dependencies.contains(module) {
                    problems.append("\(file.path): imports \(module), which target \(target.name) does not declare")
                }
                if let above = wrongWay(target.name, imports: module) {
                    problems.append("\(file.path): \(above)")
                }
            }
        }
        for target in targets where target.kind != "systemLibrary" {
            for dependency in target.dependencies
            where !linkedOnly.contains(dependency) && !(used[target.name]?.contains(dependency) ?? false) {
                problems.append("Package.swift: \(target.name) declares \(dependency), which none of its files imports")
            }
            for dependency in target.dependencies {
                if let above = wrongWay(target.name, imports: dependency) { problems.append("Package.swift: \(above)") }
            }
        }
        return problems
    }

    /// Why `importer` may not use `module`, or nil. A room's test target (DocketDecideTests) may use its
    /// room and the rooms below; IntegrationTests and the test helpers any room.
    static func wrongWay(_ importer: String, imports module: String) -> String? {
        guard let moduleRank = ranks[module] else { return nil }
        if let rank = ranks[importer] {
            return moduleRank < rank ? nil : "\(importer) imports \(module), a room at or above its own"
        }
        if importer.hasSuffix("Tests"), let room = ranks[String(importer.dropLast("Tests".count))] {
            return moduleRank <= room ? nil : "\(importer) imports \(module), a room above the one it tests"
        }
        return nil
    }

    private struct Match {
        var range: Range<String.Index>
        var groups: [String]
    }

    private static func matches(_ pattern: String, in text: String) -> [Match] {
        let expression = try! NSRegularExpression(pattern: pattern)
        let whole = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: whole).map { result in
            let groups = (1..<result.numberOfRanges).map { index -> String in
                Range(result.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
            return Match(range: Range(result.range, in: text)!, groups: groups)
        }
    }

    /// The text inside the bracket opened just before `start`, up to its matching `]`.
    private static func bracketed(_ text: String, from start: String.Index) -> String {
        var depth = 1
        var index = start
        while index < text.endIndex {
            switch text[index] {
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return String(text[start..<index]) }
            default: break
            }
            index = text.index(after: index)
        }
        return String(text[start...])
    }
}
