// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for every parser that reads bytes from outside: one executable per
/// target, each defining `LLVMFuzzerTestOneInput`. Build and run them with `Fuzz/run.sh`
/// (`swift build -c release --sanitize fuzzer --package-path Fuzz`); seeds live in
/// `Fixtures/fuzz/<target>/`.
let fuzzTargets: [(name: String, products: [String])] = [
    ("log-scanner", ["KeepsakeStore"]),
    ("key-slots", ["KeepsakeStore"]),
    ("anchor", ["KeepsakeStore"]),
    ("entry", ["KeepsakeVault"]),
    ("minisign-signature", ["KeepsakeMinisign", "KeepsakeCrypto"]),
    ("minisign-public-key", ["KeepsakeMinisign"]),
    ("bundle-archive", ["KeepsakeBundle"]),
    ("age-header", ["KeepsakeAge", "KeepsakeCrypto"]),
]

let package = Package(
    name: "KeepsakeFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Keepsake", path: "..")],
    targets: fuzzTargets.map { target in
        .executableTarget(
            name: "fuzz-\(target.name)",
            dependencies: target.products.map { .product(name: $0, package: "Keepsake") },
            path: "Sources/\(target.name)")
    },
    swiftLanguageModes: [.v6]
)
