// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "QualCode",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "QualCode", targets: ["QualCode"]),
        .library(name: "Condensation", targets: ["Condensation"]),
        .library(name: "WorkMapping", targets: ["WorkMapping"]),
        .library(name: "Agreement", targets: ["Agreement"]),
        .library(name: "Exchange", targets: ["Exchange"]),
        // The core with the modules every project opens with, for the front ends.
        .library(name: "QualCodeKit", targets: ["QualCodeKit"]),
        .executable(name: "qualcode", targets: ["qualcode-cli"]),
        .executable(name: "qualcode-bench", targets: ["qualcode-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // scrypt for the passwords of the project's accounts; already in the graph through Hummingbird.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // libcmark, the CommonMark reference parser, for analytic texts written in Markdown.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .target(
            name: "QualCode",
            dependencies: [
                "CCmark",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "Condensation", dependencies: ["QualCode", .product(name: "GRDB", package: "GRDB.swift")]),
        // Institutional-ethnography work maps: standpoint, steps, texts, actors, evidence, disjunctures; the map drawn.
        .target(name: "WorkMapping", dependencies: ["QualCode", .product(name: "GRDB", package: "GRDB.swift")]),
        // Several coders: agreement statistics, the disagreement list and consensus decisions.
        .target(name: "Agreement", dependencies: ["QualCode", .product(name: "GRDB", package: "GRDB.swift")]),
        // Exchange with other tools: REFI-QDA projects and codebooks (NVivo, ATLAS.ti, MAXQDA), Taguette.
        .target(
            name: "Exchange",
            dependencies: [
                "QualCode", "Condensation", "WorkMapping", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Privacy and research ethics: detectors of identifying details, redaction, the pseudonym key, withdrawal.
        .target(
            name: "Privacy",
            dependencies: [
                "QualCode", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "QualCodeKit", dependencies: ["QualCode", "Condensation", "WorkMapping", "Agreement", "Exchange", "Privacy"]),
        // The web UI and its JSON API: thin routes over the library, the page's own files as resources.
        .target(
            name: "QualCodeWeb",
            dependencies: [
                "QualCode", "Condensation", "WorkMapping", "Agreement", "Exchange", "QualCodeKit", "Privacy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Assets")]
        ),
        .executableTarget(
            name: "qualcode-cli",
            dependencies: [
                "QualCode", "Condensation", "WorkMapping", "Agreement", "Exchange", "QualCodeKit", "QualCodeWeb", "Privacy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "qualcode-bench",
            dependencies: [
                "QualCode", "QualCodeWeb", "QualCodeKit", "Agreement", "Privacy",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // What the test targets share (the Python reader runner); not shipped.
        .target(name: "TestSupport", dependencies: ["QualCode"], path: "Tests/Support"),
        .testTarget(
            name: "QualCodeTests",
            dependencies: [
                "QualCode", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "CSV", package: "CSV.swift"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // Project files written by earlier versions, opened from the source tree by the migration tests.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CondensationTests",
            dependencies: ["Condensation", "QualCode", "QualCodeKit", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "WorkMappingTests",
            dependencies: ["WorkMapping", "QualCode", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AgreementTests",
            dependencies: ["Agreement", "QualCode", "QualCodeKit", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ExchangeTests",
            dependencies: [
                "Exchange", "QualCode", "QualCodeKit", "Condensation", "WorkMapping", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "PrivacyTests",
            dependencies: ["Privacy", "QualCode", "QualCodeKit", "Condensation", "WorkMapping", "Exchange", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "QualCodeWeb", "QualCode", "QualCodeKit", "WorkMapping", "Agreement", "Privacy", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["qualcode-cli", "QualCode", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
