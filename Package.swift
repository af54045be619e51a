// swift-tools-version:6.0
import PackageDescription

// Every Docket target imports only what it declares, and each file says which rooms it uses:
// a member of a module the file does not import is an error (SE-0444), not a silent leak.
let strictImports: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "Docket",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "docket", targets: ["docket"]),
        .executable(name: "docket-extract-worker", targets: ["docket-extract-worker"]),
        .library(name: "DocketRun", targets: ["DocketRun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CPoppler", pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]),
        .systemLibrary(
            name: "CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "CPopplerTuning"),
        .target(name: "CSpawn"),
        .target(name: "DocketProcess", dependencies: ["CSpawn"], swiftSettings: strictImports),
        .target(
            name: "DocketModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strictImports),
        .target(
            name: "DocketSpec",
            dependencies: ["DocketModel", .product(name: "Yams", package: "Yams")], swiftSettings: strictImports),
        .target(
            name: "DocketDecide",
            dependencies: ["DocketModel", "DocketSpec"],
            resources: [.copy("Resources/clause-model.bin")], swiftSettings: strictImports),
        .target(
            name: "DocketRecords", dependencies: ["DocketModel", "DocketDecide"],
            swiftSettings: strictImports),
        .target(
            name: "DocketInfer",
            dependencies: [
                "DocketModel", "DocketSpec", "DocketDecide", "DocketRecords", "DocketProcess",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ], swiftSettings: strictImports),
        .target(
            name: "DocketAudit", dependencies: ["DocketModel", "DocketSpec", "DocketDecide", "DocketRecords"],
            swiftSettings: strictImports),
        .target(
            name: "DocketStore",
            dependencies: [
                "DocketModel", "DocketSpec", "DocketDecide", "DocketRecords", "DocketAudit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ], swiftSettings: strictImports),
        .target(
            name: "DocketReport",
            dependencies: [
                "DocketModel", "DocketSpec", "DocketDecide", "DocketRecords", "DocketAudit", "DocketStore",
                "CXlsxWriter", .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")], swiftSettings: strictImports),
        .target(
            name: "DocketIngest",
            dependencies: [
                "DocketModel", "DocketProcess", "CPoppler", "CTesseract",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ], swiftSettings: strictImports),
        .target(
            name: "DocketRun",
            dependencies: [
                "DocketModel", "DocketIngest", "DocketSpec", "DocketDecide", "DocketRecords", "DocketInfer",
                "DocketAudit", "DocketStore", "DocketReport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ], swiftSettings: strictImports),
        .target(
            name: "DocketWeb",
            dependencies: [
                "DocketModel", "DocketIngest", "DocketSpec", "DocketDecide", "DocketRecords", "DocketAudit",
                "DocketStore", "DocketReport", "DocketRun", "DocketProcess",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            resources: [.copy("Templates"), .copy("Assets")], swiftSettings: strictImports),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketModel", "DocketIngest", "DocketSpec", "DocketDecide", "DocketRecords", "DocketInfer",
                "DocketAudit", "DocketStore", "DocketReport", "DocketRun", "DocketWeb", "CPopplerTuning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictImports,
            linkerSettings: [
                // Lets the dynamic linker bind poppler's call to Docket's empty
                // Gfx::initDisplayProfile (Sources/CPopplerTuning explains why).
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=_ZN3Gfx18initDisplayProfileEv"])
            ]),
        .executableTarget(
            name: "docket-extract-worker",
            dependencies: ["DocketIngest", "CPopplerTuning"], swiftSettings: strictImports,
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=_ZN3Gfx18initDisplayProfileEv"])]),
        // Tests: one target per room, which imports only that room and the rooms below it, and the end-to-end
        // tests (runs, workers, schedules, the CLI) in IntegrationTests. Helpers shared by several targets:
        // DocketTestSupport (paths, fixtures, loopback servers, a browser) and StoreTestSupport (both stores).
        .target(
            name: "DocketTestSupport", path: "Tests/DocketTestSupport", swiftSettings: strictImports),
        .target(
            name: "StoreTestSupport",
            dependencies: ["DocketModel", "DocketDecide", "DocketRecords", "DocketAudit", "DocketStore"],
            path: "Tests/StoreTestSupport",
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketModelTests",
            dependencies: ["DocketModel"],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketSpecTests",
            dependencies: ["DocketTestSupport", "DocketModel", "DocketSpec"],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketDecideTests",
            dependencies: [
                "DocketTestSupport", "DocketModel", "DocketSpec", "DocketDecide",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketIngestTests",
            dependencies: ["DocketTestSupport", "DocketModel", "DocketIngest", "CTesseract"],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketProcessTests", dependencies: ["DocketTestSupport", "DocketProcess"],
            swiftSettings: strictImports),
        .testTarget(name: "DocketRecordsTests", dependencies: ["DocketRecords"], swiftSettings: strictImports),
        .testTarget(
            name: "DocketInferTests",
            dependencies: [
                "DocketTestSupport", "DocketModel", "DocketInfer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketAuditTests",
            dependencies: ["DocketModel", "DocketSpec", "DocketAudit"],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketStoreTests",
            dependencies: [
                "DocketTestSupport", "StoreTestSupport", "DocketModel", "DocketDecide", "DocketRecords",
                "DocketAudit", "DocketStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketReportTests",
            dependencies: [
                "DocketTestSupport", "StoreTestSupport", "DocketModel", "DocketSpec", "DocketDecide", "DocketRecords",
                "DocketAudit", "DocketStore", "DocketReport",
            ],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketRunTests",
            dependencies: [
                "DocketTestSupport", "StoreTestSupport", "DocketModel", "DocketIngest", "DocketSpec",
                "DocketDecide", "DocketRecords", "DocketInfer", "DocketAudit", "DocketStore", "DocketReport",
                "DocketRun",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictImports),
        .testTarget(
            name: "DocketWebTests",
            dependencies: [
                "DocketTestSupport", "StoreTestSupport", "DocketModel", "DocketIngest", "DocketSpec", "DocketDecide",
                "DocketRecords", "DocketAudit", "DocketStore", "DocketRun", "DocketWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictImports),
        // The rules above, checked from the files themselves (reads the tree, imports no room).
        .testTarget(name: "ArchitectureTests", swiftSettings: strictImports),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "DocketTestSupport", "StoreTestSupport", "DocketModel", "DocketIngest", "DocketSpec",
                "DocketDecide", "DocketRecords", "DocketInfer", "DocketAudit", "DocketStore", "DocketReport",
                "DocketRun",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictImports),
    ],
    swiftLanguageModes: [.v6]
)
