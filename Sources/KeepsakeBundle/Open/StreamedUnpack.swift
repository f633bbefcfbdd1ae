import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Unpacks a sealed bundle's archive into a folder as it is decrypted (`keepsake open`):
/// nothing but the unpacked files is written, and no decrypted archive is kept on the side.
///
/// Each entry must obey `SafeArchive.admit`, the rule of the archive read by ZIPFoundation
/// (safe names, depth, no duplicates, stored only, size limits), and the archive every rule
/// of `ZipStreamReader` and `ZipCentralDirectory`. What breaks a rule is found as it passes,
/// or at the end (a link the central directory declares, a disagreement with the local
/// headers): every file written is then removed, and the caller removes the folder.
final class StreamedUnpack: ZipStreamConsumer {
    private let destination: String
    private let rules = SafeArchive(archiveURL: URL(fileURLWithPath: "/"))
    private var seen = Set<String>()
    private var total: UInt64 = 0
    private var folders = Set<String>()
    private(set) var written: [String] = []
    private var current: (path: String, descriptor: Int32, expected: UInt64, count: UInt64)?

    init(destination: String) { self.destination = destination }

    deinit { if let current { close(current.descriptor) } }

    func begin(_ entry: ZipLocalEntry) throws {
        guard let name = entry.name else { throw BundleError.unsafeArchive("unsafe name \(entry.printableName) (not UTF-8)") }
        let clean = try rules.admit(
            name, size: entry.uncompressedSize, compressed: !entry.isStored, link: false, seen: &seen, total: &total)
        if entry.isDirectory {
            try SafeArchive.makeFolders(destination, clean, &folders)
            return
        }
        try SafeArchive.makeFolders(destination, clean.split(separator: "/").dropLast().joined(separator: "/"), &folders)
        let descriptor = open(destination + "/" + clean, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw errno == EEXIST
                ? BundleError.unsafeArchive("can't create \(SafeArchive.printable(clean)): it is there already")
                : BundleError.cantWrite("\(SafeArchive.printable(clean)): \(String(cString: strerror(errno)))")
        }
        written.append(clean)  // ours now: removed if anything fails, half-written or not
        current = (clean, descriptor, entry.size, 0)
    }

    func data(_ bytes: UnsafeRawBufferPointer) throws {
        guard let file = current else { return }
        var offset = 0
        while offset < bytes.count {
            let n = write(file.descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw BundleError.cantWrite("\(SafeArchive.printable(file.path)): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        current!.count += UInt64(bytes.count)
    }

    func end(_ entry: ZipLocalEntry) throws {
        guard let file = current else { return }
        current = nil
        defer { close(file.descriptor) }
        guard fsync(file.descriptor) == 0 else {
            throw BundleError.cantWrite("\(SafeArchive.printable(file.path)): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes every file written (after a failure).
    func removeWritten() {
        if let current { close(current.descriptor) }
        current = nil
        for path in written { unlink(destination + "/" + path) }
    }
}

extension BundleUnpacker {
    /// Unpacks the archive that `stream` writes into the sink it is given (a sealed bundle
    /// being decrypted) into the existing folder `folder`, as it passes.
    /// - Returns: the relative paths written.
    /// - Throws: `BundleError.unsafeArchive` or `.notABundle` for the archive, or what `stream`
    ///   throws (the decryptor's errors); every file written is removed then.
    public static func unpack(streaming stream: (inout BundleStreamSink) throws -> Void, into folder: String) throws -> [String] {
        let unpack = StreamedUnpack(destination: folder)
        let reader = ZipStreamReader(name: "the bundle", consumer: unpack)
        var sink = BundleStreamSink(reader: reader)
        do {
            do { try stream(&sink) } catch {
                // The decryptor wraps what the sink threw; the reader's own error says more.
                if let failure = reader.failure { throw failure }
                throw error
            }
            for entry in try reader.finish() where entry.isSymlink {
                throw BundleError.unsafeArchive("\(entry.local.printableName) is a link")
            }
        } catch {
            unpack.removeWritten()
            throw error
        }
        return unpack.written
    }
}
