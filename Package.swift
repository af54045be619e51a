// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Docket",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "docket", targets: ["docket"]),
        .executable(name: "docket-extract-worker", targets: ["docket-extract-worker"]),
        .library(name: "DocketCore", targets: ["DocketCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
    ],
    targets: [
        .systemLibrary(
            name: "CPoppler", pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]),
        .systemLibrary(
            name: "CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]),
        .target(name: "CPopplerTuning"),
        .target(name: "CSpawn"),
        // Rooms as targets: a room imports only the rooms below it, so a wrong import fails to compile.
        // Model: values every room shares (hashes, CSV fields); imports no room. GLib (through
        // CPoppler's module) computes the hashes.
        .target(name: "DocketModel", dependencies: ["CPoppler"]),
        // Ingest: files in, page text out; knows only the model.
        .target(
            name: "DocketIngest",
            dependencies: [
                "DocketModel", "CPoppler", "CTesseract", "CSpawn",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // Spec: pipeline files read and checked; knows the model and Ingest's extraction options.
        .target(
            name: "DocketSpec",
            dependencies: ["DocketModel", "DocketIngest", .product(name: "Yams", package: "Yams")]),
        // Decide: the pure decision stages (Chunk, Classify, Clauses, Route) and the clause model;
        // they read the spec and extracted documents, and do no I/O but reading the bundled model.
        .target(
            name: "DocketDecide",
            dependencies: ["DocketModel", "DocketIngest", "DocketSpec"],
            // The clause model (`make train-clauses`), read by ClauseModel from beside the executable.
            resources: [.copy("Resources/clause-model.bin")]),
        // Records: what a run stores (runs, documents, units, results, statuses); imports the rooms
        // whose output they hold.
        .target(name: "DocketRecords", dependencies: ["DocketModel", "DocketIngest", "DocketDecide"]),
        // Infer: endpoints, the embedded engine and running one unit; returns outcomes, stores nothing.
        .target(
            name: "DocketInfer",
            dependencies: [
                "DocketModel", "DocketSpec", "DocketDecide", "DocketRecords", "CSpawn",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]),
        .target(
            name: "DocketAudit",
            dependencies: ["DocketModel", "DocketIngest", "DocketSpec", "DocketDecide", "DocketRecords"]),
        .target(
            name: "DocketStore",
            dependencies: [
                "DocketAudit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "DocketReport",
            dependencies: ["DocketStore", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]),
        .target(
            name: "DocketCore",
            dependencies: [
                "DocketModel", "DocketIngest", "DocketSpec", "DocketDecide", "DocketRecords", "DocketInfer",
                "DocketAudit", "DocketStore", "DocketReport", "CPoppler", "CTesseract", "CSpawn",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]),
        .target(
            name: "DocketWeb",
            dependencies: [
                "DocketCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Templates"), .copy("Assets")]),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketCore", "DocketWeb", "CPopplerTuning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: [
                // Lets the dynamic linker bind poppler's call to Docket's empty
                // Gfx::initDisplayProfile (Sources/CPopplerTuning explains why).
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=_ZN3Gfx18initDisplayProfileEv"])
            ]),
        // The extraction worker alone: it links only Ingest, so it starts in a fraction of the time the
        // whole command line takes (a worker starts for every `jobsPerWorker` documents).
        .executableTarget(
            name: "docket-extract-worker",
            dependencies: ["DocketIngest", "CPopplerTuning"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=_ZN3Gfx18initDisplayProfileEv"])]),
        .testTarget(
            name: "DocketCoreTests",
            dependencies: [
                "DocketCore", "DocketModel", "DocketIngest", "DocketSpec", "DocketDecide", "DocketRecords",
                "DocketInfer", "DocketAudit", "DocketStore", "DocketReport", "DocketWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
