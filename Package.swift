// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode plus the upcoming features the project
/// relies on to keep imports explicit and existentials visible.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Inflow",
    products: [
        .executable(name: "inflow", targets: ["inflow"]),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLinuxShim"),
        .systemLibrary(
            name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),

        .target(
            name: "InflowCore", swiftSettings: swiftSettings, linkerSettings: [.linkedLibrary("m")]),
        .target(name: "InflowDigest", dependencies: ["CCrypto"], swiftSettings: swiftSettings),
        .target(
            name: "InflowStore",
            dependencies: ["InflowCore", "InflowDigest", "CZstd", "CSQLite", "CLinuxShim"],
            swiftSettings: swiftSettings),
        .target(
            name: "InflowExtract", dependencies: ["InflowCore", "InflowDigest", "CArchive"],
            swiftSettings: swiftSettings),
        .target(
            name: "InflowParse", dependencies: ["InflowCore", "InflowDigest"],
            swiftSettings: swiftSettings),
        .target(name: "InflowEnrich", dependencies: ["InflowCore"], swiftSettings: swiftSettings),
        .target(
            name: "InflowLoad", dependencies: ["InflowCore", "InflowStore"],
            swiftSettings: swiftSettings),
        .target(
            name: "InflowReport", dependencies: ["InflowCore", "InflowStore"],
            swiftSettings: swiftSettings),
        .target(
            name: "InflowJobs",
            dependencies: [
                "InflowCore", "InflowStore", "InflowExtract", "InflowParse", "InflowEnrich",
                "InflowLoad", "InflowReport",
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "InflowCLI",
            dependencies: ["InflowCore", "InflowStore", "InflowJobs", "InflowReport",
                           "InflowParse", "InflowExtract", "InflowEnrich"],
            swiftSettings: swiftSettings),
        .executableTarget(name: "inflow", dependencies: ["InflowCLI"], swiftSettings: swiftSettings),

        .testTarget(name: "InflowCoreTests", dependencies: ["InflowCore"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "InflowStoreTests", dependencies: ["InflowStore", "InflowCore"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "InflowExtractTests", dependencies: ["InflowExtract", "InflowCore"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "InflowParseTests", dependencies: ["InflowParse", "InflowCore"],
                    swiftSettings: swiftSettings),
        .testTarget(
            name: "InflowLoadTests", dependencies: ["InflowLoad", "InflowStore", "InflowCore"],
            swiftSettings: swiftSettings),
        .testTarget(name: "InflowEnrichTests", dependencies: ["InflowEnrich", "InflowCore"],
                    swiftSettings: swiftSettings),
        .testTarget(
            name: "InflowJobsTests",
            dependencies: ["InflowJobs", "InflowCore", "InflowStore", "InflowLoad",
                           "InflowReport", "InflowCLI", "inflow"],
            swiftSettings: swiftSettings),
    ]
)
