#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import KeepsakeCrypto

/// Where a bundle's files are read from: an unpacked folder, or a ZIP archive read in place.
public protocol BundleContents {
    /// A name for messages (the folder or file).
    var path: String { get }
    /// Every regular file's relative path, sorted; and anything else (links, special files,
    /// unsafe names), which fails verification.
    func listing() -> (files: [String], other: [String])
    /// A small file's bytes (at most 256 MiB), or nil.
    func read(_ name: String) -> [UInt8]?
    /// A file's SHA-256 and size, streamed, or nil when it can't be read.
    func hash(_ name: String) -> (sha256: [UInt8], size: UInt64)?
}

/// The files of an unpacked bundle, read safely: only regular files inside the folder, never
/// through a symbolic link, each size-bounded when read whole.
public struct BundleFolder: BundleContents, Sendable {
    /// The folder.
    public let path: String
    /// The largest file read whole into memory (manifest, entries, signature).
    static let wholeFileLimit = 256 << 20

    /// A bundle unpacked in `path`.
    public init(path: String) { self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path }

    /// Every regular file's path relative to the folder, sorted; links, special files, unsafe
    /// names and folders nested too deep are reported separately (and never followed).
    public func listing() -> (files: [String], other: [String]) { ConfinedFolder(root: path).listing() }

    /// A small file's bytes, or nil when the name is unsafe (see `BundlePath`), the file is
    /// missing, reached through a link, not a regular file, or too large.
    public func read(_ name: String) -> [UInt8]? {
        guard let descriptor = ConfinedFolder(root: path).openFile(name) else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) <= Self.wholeFileLimit else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        let complete = Self.stream(descriptor) { chunk in
            guard bytes.count + chunk.count <= Self.wholeFileLimit else { return false }
            bytes += chunk
            return true
        }
        return complete ? bytes : nil
    }

    /// A file's SHA-256 and size, streamed (any size), or nil when it can't be read (the same
    /// refusals as `read`).
    public func hash(_ name: String) -> (sha256: [UInt8], size: UInt64)? {
        guard let descriptor = ConfinedFolder(root: path).openFile(name) else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        var size: UInt64 = 0
        let complete = Self.stream(descriptor) { chunk in
            hasher.update(chunk)
            size += UInt64(chunk.count)
            return true
        }
        return complete ? (hasher.finalize(), size) : nil
    }

    /// Reads `descriptor` to its end a megabyte at a time; false when reading fails or `take`
    /// says stop.
    private static func stream(_ descriptor: Int32, _ take: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { return true }
            guard buffer.withUnsafeBytes({ take(UnsafeRawBufferPointer(rebasing: $0[..<n])) }) else { return false }
        }
    }
}
