import Foundation
import Testing

/// The house as the compiler cannot fully see it: SwiftPM lets a target import a sibling it does not
/// declare when that sibling happens to be built first, and says nothing of direction.
@Suite struct ImportRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every Swift file under Sources/ and Tests/, with the target its folder names.
    static func files() throws -> [ImportRules.SourceFile] {
        var files: [ImportRules.SourceFile] = []
        for top in ["Sources", "Tests"] {
            let base = root.appendingPathComponent(top)
            let walker = FileManager.default.enumerator(atPath: base.path)
            while let relative = walker?.nextObject() as? String {
                guard relative.hasSuffix(".swift") else { continue }
                let target = String(relative.split(separator: "/")[0])
                let text = try String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8)
                files.append(.init(target: target, path: "\(top)/\(relative)", text: text))
            }
        }
        return files
    }

    @Test func theRepositoryKeepsTheRules() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = ImportRules.targets(inManifest: manifest)
        #expect(targets.count >= 25, "Package.swift was not read: \(targets.map(\.name))")
        #expect(targets.first { $0.name == "DocketDecide" }?.dependencies == ["DocketModel", "DocketSpec"])
        let files = try Self.files()
        #expect(files.count > 300)
        let problems = ImportRules.violations(targets: targets, files: files)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    static let manifest = """
        .target(name: "DocketModel"),
        .target(name: "DocketSpec", dependencies: ["DocketModel", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "DocketDecide",
            dependencies: ["DocketModel", "DocketSpec"], resources: [.copy("Resources/m.bin")]),
        .target(name: "DocketStore", dependencies: ["DocketModel"]),
        .testTarget(name: "DocketDecideTests", dependencies: ["DocketDecide", "DocketModel"]),
        """

    static func file(_ target: String, _ imports: String...) -> ImportRules.SourceFile {
        .init(
            target: target, path: "\(target)/F.swift", text: imports.map { "import \($0)\n" }.joined() + "let x = 1\n")
    }

    static let inOrder: [ImportRules.SourceFile] = [
        file("DocketSpec", "DocketModel", "Foundation", "Yams"), file("DocketDecide", "DocketModel", "DocketSpec"),
        file("DocketStore", "DocketModel"), file("DocketDecideTests", "DocketDecide", "DocketModel", "Testing"),
    ]

    @Test func aManifestIsReadAsWritten() {
        let targets = ImportRules.targets(inManifest: Self.manifest)
        #expect(
            targets.map(\.name) == ["DocketModel", "DocketSpec", "DocketDecide", "DocketStore", "DocketDecideTests"])
        #expect(targets[1].dependencies == ["Yams", "DocketModel"])
        #expect(targets[2].dependencies == ["DocketModel", "DocketSpec"])
        #expect(ImportRules.violations(targets: targets, files: Self.inOrder).isEmpty)
    }

    @Test func aWrongWayImportIsCaughtInTheFileAndTheManifest() {
        let manifest = Self.manifest.replacingOccurrences(
            of: #"dependencies: ["DocketModel", "DocketSpec"], resources"#,
            with: #"dependencies: ["DocketModel", "DocketSpec", "DocketStore"], resources"#)
        let files = Self.inOrder + [Self.file("DocketDecide", "DocketStore")]
        let problems = ImportRules.violations(targets: ImportRules.targets(inManifest: manifest), files: files)
        #expect(problems.contains("DocketDecide/F.swift: DocketDecide imports DocketStore, a room at or above its own"))
        #expect(problems.contains("Package.swift: DocketDecide imports DocketStore, a room at or above its own"))
    }

    @Test func anUndeclaredImportAndAnUnusedDeclarationAreCaught() {
        let targets = ImportRules.targets(inManifest: Self.manifest)
        let files =
            Self.inOrder.filter { $0.target != "DocketSpec" } + [Self.file("DocketSpec", "DocketModel", "Yams", "GRDB")]
        #expect(
            ImportRules.violations(targets: targets, files: files) == [
                "DocketSpec/F.swift: imports GRDB, which target DocketSpec does not declare"
            ])
        let unused = Self.inOrder.filter { $0.target != "DocketDecide" } + [Self.file("DocketDecide", "DocketModel")]
        #expect(
            ImportRules.violations(targets: targets, files: unused) == [
                "Package.swift: DocketDecide declares DocketSpec, which none of its files imports"
            ])
    }

    @Test func aTestTargetMayNotReachAboveItsRoomNothingReExportsAndOnlyTestsUseTestable() {
        let targets = ImportRules.targets(
            inManifest: Self.manifest.replacingOccurrences(
                of: #"["DocketDecide", "DocketModel"]"#, with: #"["DocketDecide", "DocketModel", "DocketStore"]"#))
        var files = Self.inOrder.filter { $0.target != "DocketDecideTests" }
        files.append(Self.file("DocketDecideTests", "DocketDecide", "DocketModel", "DocketStore"))
        files.append(
            .init(target: "DocketStore", path: "DocketStore/Rooms.swift", text: "@_exported import DocketModel\n"))
        files.append(
            .init(target: "DocketStore", path: "DocketStore/Peek.swift", text: "@testable import DocketModel\n"))
        files.append(
            .init(
                target: "DocketDecideTests", path: "DocketDecideTests/G.swift", text: "@testable import DocketDecide\n")
        )
        let problems = ImportRules.violations(targets: targets, files: files)
        #expect(
            problems.contains(
                "DocketDecideTests/F.swift: DocketDecideTests imports DocketStore, a room above the one it tests"))
        #expect(
            problems.contains("DocketStore/Rooms.swift: re-exports a module (@_exported); import what each file uses"))
        let testable = "imports a module @testable outside a test target; release builds (make run) fail"
        #expect(problems.contains("DocketStore/Peek.swift: \(testable)"))
        #expect(!problems.contains("DocketDecideTests/G.swift: \(testable)"))
    }
}
