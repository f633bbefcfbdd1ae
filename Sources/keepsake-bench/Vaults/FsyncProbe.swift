#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bare fsyncs: 512-byte appends to one file, each followed by fsync.
final class FsyncProbe {
    private let fd: Int32
    private let block = [UInt8](repeating: 0x42, count: 512)

    init(path: String) throws {
        fd = try Files.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND)
    }

    /// Runs `iterations` × `fsyncsEach` write + fsync pairs; returns the seconds they took.
    func run(iterations: Int, fsyncsEach: Int) throws -> Double {
        try timed {
            for _ in 0..<(iterations * fsyncsEach) {
                let written = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard written == block.count, fsync(fd) == 0 else { throw BenchError("write + fsync: errno \(errno)") }
            }
        }
    }

    func close() { Files.close(fd) }
}

/// The file operations of one append, done bare, without any of the work between them: a
/// frame-sized write (1,100 bytes) at the end of a log file + fsync; then a 104-byte head
/// written to a new temporary file + fsync, renamed over the head, and the folder fsync'd
/// (as `AtomicFile` does).
final class AppendPatternProbe {
    private let folder: String
    private let log: Int32
    private let frame = [UInt8](repeating: 0x5a, count: 1100)
    private let head = [UInt8](repeating: 0xa5, count: 104)

    init(folder: String) throws {
        guard mkdir(folder, 0o700) == 0 else { throw BenchError("mkdir \(folder): errno \(errno)") }
        self.folder = folder
        log = try Files.open(folder + "/1", O_WRONLY | O_CREAT | O_APPEND)
    }

    /// One append's file operations; returns the seconds they took.
    func run() throws -> Double {
        let temporary = folder + "/2.new"
        return try timed {
            guard frame.withUnsafeBytes({ write(log, $0.baseAddress, $0.count) }) == frame.count, fsync(log) == 0
            else { throw BenchError("log write + fsync: errno \(errno)") }
            unlink(temporary)
            let fd = try Files.open(temporary, O_WRONLY | O_CREAT | O_EXCL)
            let written = head.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            let synced = fsync(fd) == 0
            Files.close(fd)
            guard written == head.count, synced, rename(temporary, folder + "/2") == 0 else {
                throw BenchError("head write + fsync + rename: errno \(errno)")
            }
            let dir = try Files.open(folder, O_RDONLY | O_DIRECTORY)
            defer { Files.close(dir) }
            guard fsync(dir) == 0 else { throw BenchError("folder fsync: errno \(errno)") }
        }
    }

    func close() { Files.close(log) }
}
