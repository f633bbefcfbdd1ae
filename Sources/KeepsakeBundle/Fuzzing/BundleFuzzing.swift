import Foundation
import ZIPFoundation

/// An entry point for the libFuzzer targets under `Fuzz/`, and for nothing else: it runs the
/// checks `keepsake open` makes on an archive's listing before unpacking anything (names,
/// links, duplicates, sizes, compression, depth) over arbitrary bytes, in memory.
public enum BundleFuzzing {
    /// Reads `data` as a ZIP archive and plans its unpacking as `SafeArchive.unpack` does,
    /// without writing anything (the bytes are read as `BundleArchive` reads bytes held in
    /// memory). Every planned path must be a safe relative path.
    /// - Returns: the number of entries planned, or nil when the archive is refused.
    public static func planUnpacking(_ data: Data) -> Int? {
        guard (try? ZipBounds.check(data: data, name: "fuzz")) != nil,
            let archive = try? MemoryArchive.open(data, name: "fuzz")
        else { return nil }
        let safe = SafeArchive(archiveURL: URL(fileURLWithPath: "/dev/null"))
        guard let planned = try? safe.plan(Array(archive), archiveSize: UInt64(data.count)) else { return nil }
        for (_, path) in planned {
            precondition(SafeArchive.safeRelativePath(path) == path, "an unsafe path was planned")
        }
        return planned.count
    }
}
