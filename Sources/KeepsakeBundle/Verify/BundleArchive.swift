import Foundation
import KeepsakeCrypto
import ZIPFoundation

/// A bundle's ZIP archive read in place, without unpacking it: for a recipient who decrypted
/// the bundle with the stock `age` and wants to check it. Names are checked as `SafeArchive`
/// does; an unsafe one is reported and fails verification.
public struct BundleArchive: BundleContents {
    public let path: String
    private let archive: Archive
    private let entries: [String: ZIPFoundation.Entry]
    private let unsafe: [String]

    /// Opens the archive at `path` (a file) or held in `data` (in memory).
    /// - Throws: `BundleError.notABundle` when it is not a ZIP archive.
    public init(path: String, data: Data? = nil) throws {
        self.path = path
        if let data {
            try ZipBounds.check(data: data, name: path)
            archive = try MemoryArchive.open(data, name: path)
        } else {
            try ZipBounds.check(path: path)
            do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
                throw BundleError.notABundle("\(path) is not a ZIP archive")
            }
        }
        var info = stat()
        let archiveSize = data.map { UInt64($0.count) } ?? (stat(path, &info) == 0 ? UInt64(max(0, info.st_size)) : 0)
        (entries, unsafe) = try Self.index(archive, archiveSize: archiveSize)
    }

    /// The entries by their safe names, and every name refused; refuses an archive whose
    /// files add up to more than it holds.
    private static func index(_ archive: Archive, archiveSize: UInt64) throws -> ([String: ZIPFoundation.Entry], [String]) {
        var entries: [String: ZIPFoundation.Entry] = [:]
        var unsafe: [String] = []
        var total: UInt64 = 0
        for entry in archive {
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            total = sum
            guard !overflow, total <= archiveSize else {
                throw BundleError.unsafeArchive("its files add up to more than the archive holds (a zip bomb?)")
            }
            guard let clean = SafeArchive.safeRelativePath(entry.path), entry.type != .symlink, !entry.isCompressed,
                entries[clean] == nil
            else {
                unsafe.append(SafeArchive.printable(entry.path) + (entry.isCompressed ? " (compressed, which Keepsake never does)" : ""))
                continue
            }
            if entry.type == .file { entries[clean] = entry }
        }
        return (entries, unsafe)
    }

    public func listing() -> (files: [String], other: [String]) { (entries.keys.sorted(), unsafe) }

    public func read(_ name: String) -> [UInt8]? {
        guard let entry = entries[name], entry.uncompressedSize <= UInt64(BundleFolder.wholeFileLimit) else { return nil }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry) { data in
                guard bytes.count + data.count <= Int(entry.uncompressedSize) else { throw BundleError.unsafeArchive(name) }
                bytes += data
            }
        } catch { return nil }
        return bytes
    }

    public func hash(_ name: String) -> (sha256: [UInt8], size: UInt64)? {
        guard let entry = entries[name] else { return nil }
        var hasher = SHA256()
        var size: UInt64 = 0
        do {
            let crc = try archive.extract(entry) { data in
                size += UInt64(data.count)
                guard size <= entry.uncompressedSize else { throw BundleError.unsafeArchive(name) }
                data.withUnsafeBytes { hasher.update($0) }
            }
            guard crc == entry.checksum else { return nil }
        } catch { return nil }
        return (hasher.finalize(), size)
    }
}
