import Foundation
import ZIPFoundation

/// An entry point for the libFuzzer targets under `Fuzz/`, and for nothing else: it runs the
/// checks `keepsake open` makes on an archive's listing before unpacking anything (names,
/// links, duplicates, sizes, compression, depth) over arbitrary bytes, in memory; and the
/// streaming reader of a sealed bundle over the same bytes, which must agree with
/// ZIPFoundation on every archive it accepts.
public enum BundleFuzzing {
    /// Reads `data` as a ZIP archive and plans its unpacking as `SafeArchive.unpack` does,
    /// without writing anything (the bytes are read as `BundleArchive` reads bytes held in
    /// memory). Every planned path must be a safe relative path.
    /// - Returns: the number of entries planned, or nil when the archive is refused.
    public static func planUnpacking(_ data: Data) -> Int? {
        streamAndCompare(data)
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

    /// Reads `data` as `verify` reads a sealed bundle's archive (`StreamedArchive`), fed in
    /// pieces of 13 bytes and whole: both must give the same files; and when they are
    /// accepted, ZIPFoundation (`BundleArchive`) must list the same files with the same hashes.
    static func streamAndCompare(_ data: Data) {
        let bytes = [UInt8](data)
        func read(_ piece: Int) -> StreamedArchive? {
            try? StreamedArchive(path: "fuzz") { sink in
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + piece)
                    try bytes[start..<end].withUnsafeBytes { try sink.write($0) }
                    start = end
                }
            }
        }
        let small = read(13), whole = read(max(1, bytes.count))
        precondition((small == nil) == (whole == nil), "the streamed reader depends on how the bytes arrive")
        guard let small, let whole else { return }
        let files = small.listing().files
        precondition(files == whole.listing().files && small.listing().other == whole.listing().other)
        guard let other = try? BundleArchive(path: "fuzz", data: data) else {
            preconditionFailure("the streamed reader accepted an archive ZIPFoundation refuses")
        }
        precondition(other.listing().files == files, "the streamed reader and ZIPFoundation list different files")
        for file in files {
            precondition(small.hash(file)! == whole.hash(file)!)
            precondition(other.hash(file).map { $0.sha256 == small.hash(file)!.sha256 && $0.size == small.hash(file)!.size } == true,
                "the streamed reader and ZIPFoundation read different bytes for a file")
        }
    }
}
