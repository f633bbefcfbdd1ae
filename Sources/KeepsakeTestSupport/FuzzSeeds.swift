import Foundation

/// The seed corpora of the fuzz targets (`Fixtures/fuzz/<target>/`, run by `Fuzz/run.sh`).
///
/// Seeds hold random nonces and keys, so they are written once and committed: a test asks for
/// a seed with the code that makes it, and gets the committed bytes, or, when
/// `KEEPSAKE_WRITE_FUZZ_SEEDS=1` is set, the freshly made bytes, written to the fixture first.
/// The test then checks that the seed still means what it should (a valid log still scans,
/// a valid anchor still parses), so the corpus never silently rots.
public enum FuzzSeeds {
    /// Whether this run writes the seeds (`KEEPSAKE_WRITE_FUZZ_SEEDS=1`).
    public static var writing: Bool { ProcessInfo.processInfo.environment["KEEPSAKE_WRITE_FUZZ_SEEDS"] == "1" }

    /// The seed folder of `target`.
    public static func folder(_ target: String) throws -> URL {
        try TestVectors.packageRoot().appendingPathComponent("Fixtures/fuzz/\(target)")
    }

    /// The committed seed `name` of `target` (written from `make` first when writing).
    /// - Throws: when the seed is missing and not being written, or can't be written.
    public static func seed(_ target: String, _ name: String, make: () throws -> [UInt8]) throws -> [UInt8] {
        let url = try folder(target).appendingPathComponent(name)
        if writing {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(try make()).write(to: url)
        }
        return Array(try Data(contentsOf: url))
    }
}
