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

    /// Every regular file's path relative to the folder, sorted; links and special files
    /// are reported separately.
    public func listing() -> (files: [String], other: [String]) {
        var files: [String] = []
        var other: [String] = []
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return ([], []) }
        while let name = enumerator.nextObject() as? String {
            var info = stat()
            guard lstat(path + "/" + name, &info) == 0 else { other.append(name); continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: files.append(name)
            case S_IFDIR: continue
            default: other.append(name)
            }
        }
        return (files.sorted(), other.sorted())
    }

    /// A small file's bytes, or nil when it is missing, not a regular file, or too large.
    public func read(_ name: String) -> [UInt8]? {
        let full = path + "/" + name
        var info = stat()
        guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= Self.wholeFileLimit,
            let data = FileManager.default.contents(atPath: full)
        else { return nil }
        return Array(data)
    }

    /// A file's SHA-256 and size, streamed (any size), or nil when it can't be read.
    public func hash(_ name: String) -> (sha256: [UInt8], size: UInt64)? {
        let full = path + "/" + name
        var info = stat()
        guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let descriptor = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        var size: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            size += UInt64(n)
        }
        return (hasher.finalize(), size)
    }
}
