import Foundation
import ZIPFoundation

/// Unpacks a ZIP archive that came from outside, refusing anything that could write outside
/// the destination or fill the disk: absolute paths, `..`, backslashes, links and special
/// files, duplicate names (also when they differ only in case), names with hidden characters,
/// paths deeper than `BundlePath.maximumDepth`, too many entries, entries larger than allowed
/// or than they claim, and the two ways of a zip bomb: compressed entries (Keepsake stores
/// every file) and entries sharing bytes (see `ZipBounds.checkApart`). Parsing is
/// ZIPFoundation's; the checks and the writing are ours (files 0600, created exclusively,
/// never through a link).
struct SafeArchive {
    /// Limits on what is unpacked.
    struct Limits {
        var maximumEntries = 100_000
        var maximumEntrySize: UInt64 = 64 << 30
        var maximumTotalSize: UInt64 = 256 << 30
    }

    let archiveURL: URL
    var limits = Limits()

    /// Checks every entry, then writes the files under `destination` (which must exist).
    /// - Returns: the relative paths written.
    /// - Throws: `BundleError.unsafeArchive` naming the first problem (nothing is written when
    ///   the listing is unsafe; files written before a later failure are removed).
    func unpack(into destination: String) throws -> [String] {
        try ZipBounds.check(path: archiveURL.path)
        let archive: Archive
        do { archive = try Archive(url: archiveURL, accessMode: .read) } catch {
            throw BundleError.notABundle("the decrypted content is not a ZIP archive")
        }
        var info = stat()
        guard stat(archiveURL.path, &info) == 0 else { throw BundleError.notABundle("the decrypted content can't be read") }
        let planned = try plan(Array(archive), archiveSize: UInt64(max(0, info.st_size)))
        var folders = Set<String>()  // made already: each folder is made once, however many files it holds
        var written: [String] = []
        do {
            for (entry, path) in planned {
                if entry.type == .directory {
                    try Self.makeFolders(destination, path, &folders)
                    continue
                }
                // Not NSString.deletingLastPathComponent: on Linux it traps on a one-character
                // name (swift-corelibs-foundation, Swift 6.3; found by fuzzing).
                try Self.makeFolders(destination, path.split(separator: "/").dropLast().joined(separator: "/"), &folders)
                let full = destination + "/" + path
                let descriptor = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                guard descriptor >= 0 else {
                    throw BundleError.unsafeArchive("can't create \(Self.printable(path)): \(String(cString: strerror(errno)))")
                }
                written.append(path)  // ours now: removed if anything fails, half-written or not
                defer { close(descriptor) }
                try extract(entry, from: archive, into: descriptor, path: path)
            }
        } catch {
            for path in written { unlink(destination + "/" + path) }
            throw error
        }
        return written
    }

    /// The entries in order with their checked relative paths.
    /// Refuses compressed entries and files that add up to more than `archiveSize`, the
    /// archive's length (stored entries that share no bytes never do; see `ZipBounds`).
    func plan(_ entries: [ZIPFoundation.Entry], archiveSize: UInt64) throws -> [(ZIPFoundation.Entry, String)] {
        guard entries.count <= limits.maximumEntries else { throw BundleError.unsafeArchive("more than \(limits.maximumEntries) entries") }
        var seen = Set<String>()
        var total: UInt64 = 0
        var out: [(ZIPFoundation.Entry, String)] = []
        for entry in entries {
            let clean = try admit(
                entry.path, size: entry.uncompressedSize, compressed: entry.isCompressed, link: entry.type == .symlink,
                seen: &seen, total: &total)
            guard total <= archiveSize else {
                throw BundleError.unsafeArchive("its files add up to more than the archive holds (a zip bomb?)")
            }
            out.append((entry, clean))
        }
        return out
    }

    /// The rule for one entry, whoever reads the archive (ZIPFoundation here, or
    /// `ZipStreamReader` as a sealed bundle is decrypted): a safe name at most
    /// `BundlePath.maximumDepth` deep, not a link, not seen before (in any case), stored, and
    /// within the size limits. `total` adds up the sizes so far.
    /// - Returns: the entry's clean relative path.
    /// - Throws: `BundleError.unsafeArchive` saying what is wrong.
    func admit(
        _ path: String, size: UInt64, compressed: Bool, link: Bool, seen: inout Set<String>, total: inout UInt64
    ) throws -> String {
        guard let clean = Self.safeRelativePath(path) else {
            let depth = path.split(separator: "/").count
            throw BundleError.unsafeArchive(depth > BundlePath.maximumDepth
                ? "\(Self.printable(path)) is \(depth) levels deep; a bundle's files are at most \(BundlePath.maximumDepth) levels deep"
                : "unsafe name \(Self.printable(path))")
        }
        guard !link else { throw BundleError.unsafeArchive("\(Self.printable(path)) is a link") }
        guard seen.insert(clean.lowercased()).inserted else { throw BundleError.unsafeArchive("\(Self.printable(path)) appears twice") }
        guard size <= limits.maximumEntrySize else { throw BundleError.unsafeArchive("\(Self.printable(path)) is too large") }
        // Keepsake stores every file as it is; a compressed entry is not from Keepsake and
        // is how a small archive unpacks to a full disk.
        guard !compressed else {
            throw BundleError.unsafeArchive("\(Self.printable(path)) is compressed, which Keepsake never does (a zip bomb?)")
        }
        total += size
        guard total <= limits.maximumTotalSize else { throw BundleError.unsafeArchive("the archive is too large in all") }
        return clean
    }

    private func extract(_ entry: ZIPFoundation.Entry, from archive: Archive, into descriptor: Int32, path: String) throws {
        let declared = entry.uncompressedSize
        var count: UInt64 = 0
        let checksum: ZIPFoundation.CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { data in
                count += UInt64(data.count)
                guard count <= declared else { throw BundleError.unsafeArchive("\(Self.printable(entry.path)) is larger than it says") }
                try data.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                        if n < 0 {
                            if errno == EINTR { continue }
                            throw BundleError.unsafeArchive("writing \(Self.printable(path)) failed: \(String(cString: strerror(errno)))")
                        }
                        offset += n
                    }
                }
            }
        } catch let error as BundleError {
            throw error
        } catch {
            throw BundleError.unsafeArchive("\(Self.printable(entry.path)) can't be read (\(error))")
        }
        guard count == declared, checksum == entry.checksum else {
            throw BundleError.unsafeArchive("\(Self.printable(entry.path)) is damaged (size or CRC-32 differs)")
        }
        guard fsync(descriptor) == 0 else { throw BundleError.unsafeArchive("can't save \(Self.printable(path))") }
    }

    static func makeFolders(_ root: String, _ relative: String, _ made: inout Set<String>) throws {
        var current = root
        for part in relative.split(separator: "/") {
            current += "/" + part
            guard made.insert(current).inserted else { continue }
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw BundleError.unsafeArchive("can't create folder \(Self.printable(relative))")
            }
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw BundleError.unsafeArchive("\(Self.printable(relative)) is not a folder")
            }
        }
    }

    /// A relative path that obeys `BundlePath`'s rule, or nil.
    static func safeRelativePath(_ path: String) -> String? { BundlePath.clean(path) }

    /// A name fit for an error message: every hidden character (controls, bidi marks) shown
    /// as `<U+XXXX>`, at most 80 characters.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if BundlePath.isHidden(scalar) {
                out += String(format: "<U+%04X>", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.count > 80 ? String(out.prefix(79)) + "…" : out
    }
}

/// Unpacks a bundle's archive safely (see `SafeArchive`): the entry point for `keepsake open`.
public enum BundleUnpacker {
    /// Unpacks the ZIP archive at `archive` into the existing folder `folder`.
    /// - Returns: the relative paths written.
    /// - Throws: `BundleError.unsafeArchive` or `.notABundle`; nothing is left written then.
    public static func unpack(archive: String, into folder: String) throws -> [String] {
        try SafeArchive(archiveURL: URL(fileURLWithPath: archive)).unpack(into: folder)
    }
}
