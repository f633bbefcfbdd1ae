import Foundation
import KeepsakeCrypto

/// The benchmark's folders: a scratch folder made fresh for the run and removed at its end,
/// and a cache folder beside it that keeps the large test vaults between runs (building a
/// 100,000-entry vault takes a while).
final class Scratch {
    /// The fresh folder for this run (`<dir>/keepsake-bench-XXXXXX`).
    let path: String
    /// Where built vaults are kept between runs (`<dir>/keepsake-bench-cache`).
    let cache: String

    /// Makes the scratch folder under `dir`.
    /// - Throws: `BenchError` when `dir` can't be written.
    init(under dir: String) throws {
        var template = Array((dir + "/keepsake-bench-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw BenchError("can't make a folder in \(dir): \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        cache = dir + "/keepsake-bench-cache"
        mkdir(cache, 0o700)
    }

    /// A path inside the scratch folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// A file of `byteCount` random bytes in the scratch folder, written on first use and
    /// shared by the parts of the run that need one of that size.
    /// - Throws: `BenchError` when it can't be written.
    func input(byteCount: UInt64) throws -> String {
        let path = file("plain-\(byteCount).bin")
        if Files.size(path) != byteCount {
            Log.progress("writing a \(byteCount >> 20) MiB test file")
            try Files.writeRandom(path, byteCount: byteCount)
        }
        return path
    }

    /// Removes the scratch folder and everything in it.
    func removeAll() { Files.remove(path) }
}

/// File helpers on plain POSIX calls.
enum Files {
    /// Removes a file or a folder tree; quiet when it is missing.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The size of a file in bytes, or nil when it is missing.
    static func size(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_size) : nil
    }

    /// The bytes a folder tree holds.
    static func treeSize(_ path: String) -> UInt64 {
        guard let names = try? FileManager.default.subpathsOfDirectory(atPath: path) else { return 0 }
        return names.reduce(0) { total, name in
            var info = stat()
            let full = path + "/" + name
            guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return total }
            return total + UInt64(info.st_size)
        }
    }

    /// Opens `path` with `flags` (mode 0600 when created).
    /// - Throws: `BenchError` naming the file.
    static func open(_ path: String, _ flags: Int32) throws -> Int32 {
        let fd = Foundation.open(path, flags | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BenchError("open \(path): \(String(cString: strerror(errno)))") }
        return fd
    }

    /// Closes a descriptor.
    static func close(_ fd: Int32) { _ = Foundation.close(fd) }

    /// A new file for writing, replacing any old one.
    static func create(_ path: String) throws -> Int32 {
        try open(path, O_WRONLY | O_CREAT | O_TRUNC)
    }

    /// fsyncs the file at `path` (for output written by another program).
    static func sync(_ path: String) throws {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw BenchError("fsync \(path): errno \(errno)") }
    }

    /// Writes `byteCount` bytes that do not repeat at any useful scale: a random mebibyte
    /// with each copy's index written over its first eight bytes.
    static func writeRandom(_ path: String, byteCount: UInt64) throws {
        let fd = try create(path)
        defer { close(fd) }
        var block = SecureRandom.bytes(count: 1 << 20)
        var written: UInt64 = 0
        var index: UInt64 = 0
        while written < byteCount {
            withUnsafeBytes(of: index) { block.replaceSubrange(0..<8, with: $0) }
            let n = Int(min(UInt64(block.count), byteCount - written))
            try block.withUnsafeBytes { bytes in
                var sink = FileDescriptorSink(descriptor: fd)
                try sink.write(UnsafeRawBufferPointer(rebasing: bytes[..<n]))
            }
            written += UInt64(n)
            index += 1
        }
        guard fsync(fd) == 0 else { throw BenchError("fsync \(path): errno \(errno)") }
    }

    /// Reads the whole file at `path` and drops the bytes, so that it is in the page cache
    /// before a timed run that reads it. Not timed itself. Needed because this project's CI
    /// machine kind pages out file data left unread for about a minute (DAMON's `pageout`
    /// scheme, /sys/kernel/mm/damon): without it a contender whose input was made a while
    /// ago would also be timed reading the disk, and another one would not.
    static func warm(_ path: String) throws {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var source = FileDescriptorSource(descriptor: fd)
        while try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) > 0 {}
    }

    /// Copies a file (for moving a vault built in memory to the cache folder).
    static func copy(_ from: String, to: String) throws {
        let input = try open(from, O_RDONLY)
        defer { close(input) }
        let output = try create(to)
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var source = FileDescriptorSource(descriptor: input)
        var sink = FileDescriptorSink(descriptor: output)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        }
        guard fsync(output) == 0 else { throw BenchError("fsync \(to): errno \(errno)") }
    }

    /// Whether `path` is on a file system kept in memory (tmpfs), where fsync costs nothing:
    /// the type of the longest mount point in /proc/self/mounts that holds it.
    static func isInMemory(_ path: String) -> Bool {
        let full = realPath(path)
        var best: (mount: String, type: String) = ("", "")
        for line in ChildProcess.readText("/proc/self/mounts").split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mount = String(fields[1])
            let holds = full == mount || full.hasPrefix(mount == "/" ? "/" : mount + "/")
            if holds && mount.count > best.mount.count { best = (mount, String(fields[2])) }
        }
        return best.type == "tmpfs"
    }

    /// `path` with symbolic links resolved (itself when that fails).
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Free bytes on the file system holding `path`.
    static func freeSpace(_ path: String) -> UInt64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }
}
