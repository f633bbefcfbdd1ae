// swift-tools-version:6.1
import PackageDescription

/// Keepsake: an offline, encrypted personal vault.
///
/// Module imports point only down the list:
/// CSodium ← KeepsakeCrypto ← (store ← vault model ← bundle) ← keepsake (CLI).
let package = Package(
    name: "Keepsake",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "keepsake", targets: ["keepsake"]),
        .library(name: "KeepsakeCrypto", targets: ["KeepsakeCrypto"]),
        // For the fuzz targets in Fuzz/ (a package of its own that depends on this one).
        .library(name: "KeepsakeStore", targets: ["KeepsakeStore"]),
        .library(name: "KeepsakeVault", targets: ["KeepsakeVault"]),
        .library(name: "KeepsakeAge", targets: ["KeepsakeAge"]),
        .library(name: "KeepsakeMinisign", targets: ["KeepsakeMinisign"]),
        .library(name: "KeepsakeBundle", targets: ["KeepsakeBundle"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libsodium through pkg-config; only KeepsakeCrypto imports it.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        // prctl and friends for the CLI's start-up hardening, memfd for the bundle reader (no
        // library to link).
        .systemLibrary(name: "CSystemExtras"),
        // The ZIP checksum folded with carry-less multiplication (header only, nothing to link).
        .systemLibrary(name: "CCRC32"),
        .target(
            name: "KeepsakeCrypto",
            dependencies: [
                "CSodium", "CSystemExtras",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "KeepsakeStore",
            dependencies: ["KeepsakeCrypto"]
        ),
        .target(
            name: "KeepsakeVault",
            dependencies: ["KeepsakeStore", "KeepsakeCrypto"]
        ),
        .target(name: "KeepsakeMinisign", dependencies: ["KeepsakeCrypto"]),
        // Passphrase strength (a port of zxcvbn with its trimmed word lists); no dependencies.
        .target(name: "KeepsakeStrength", exclude: ["Data/LICENSE-zxcvbn.txt"]),
        .target(
            name: "KeepsakeTestSupport",
            dependencies: ["KeepsakeCrypto"]
        ),
        // A small program the store tests run as a child process (full disk, crashes, two
        // writers, an attachment or an export under a file-size limit).
        .executableTarget(
            name: "keepsake-store-probe",
            dependencies: ["KeepsakeStore", "KeepsakeVault", "KeepsakeBundle"],
            path: "Tests/StoreProbe"
        ),
        // `swift run -c release keepsake-bench`: speed against raw libsodium and age (BENCHMARKS.md).
        .executableTarget(
            name: "keepsake-bench",
            dependencies: [
                "KeepsakeCrypto", "KeepsakeStore", "KeepsakeVault", "KeepsakeBundle", "KeepsakeAge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "keepsake",
            dependencies: [
                "KeepsakeCrypto",
                "KeepsakeStore",
                "KeepsakeVault",
                "KeepsakeBundle",
                "KeepsakeMinisign",
                "KeepsakeAge",
                "KeepsakeStrength",
                "CSystemExtras",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "KeepsakeCryptoTests",
            dependencies: ["KeepsakeCrypto", "KeepsakeTestSupport"]
        ),
        .testTarget(
            name: "KeepsakeVaultTests",
            dependencies: ["KeepsakeVault", "KeepsakeTestSupport"]
        ),
        .testTarget(
            name: "KeepsakeCLITests",
            dependencies: ["KeepsakeTestSupport", "KeepsakeCrypto"]
        ),
        .testTarget(
            name: "KeepsakeStoreTests",
            dependencies: ["KeepsakeStore", "KeepsakeTestSupport"]
        ),
        // The sealed bundle: export (streamed ZIP), safe unpacking, verification.
        .target(
            name: "KeepsakeBundle",
            dependencies: [
                "KeepsakeVault", "KeepsakeStore", "KeepsakeCrypto", "KeepsakeMinisign", "CSystemExtras",
                "CCRC32", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "KeepsakeBundleTests",
            dependencies: [
                "KeepsakeBundle", "KeepsakeTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "KeepsakeStrengthTests", dependencies: ["KeepsakeStrength"], resources: [.copy("zxcvbn-reference.json")]),
        .testTarget(name: "KeepsakeMinisignTests", dependencies: ["KeepsakeMinisign", "KeepsakeTestSupport"]),
        .target(name: "KeepsakeAge", dependencies: ["KeepsakeCrypto"]),
        .testTarget(name: "KeepsakeAgeTests", dependencies: ["KeepsakeAge", "KeepsakeTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
