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
/// frame-sized write (1,100 bytes) at the end of a log file + fsync; then 104 bytes written
/// in place at one of two offsets 4 KiB apart, in turn, + fdatasync (as a head slot is).
final class AppendPatternProbe {
    private let log: Int32
    private let head: Int32
    private let frame = [UInt8](repeating: 0x5a, count: 1100)
    private let slot = [UInt8](repeating: 0xa5, count: 104)
    private var nextSlot = 0

    init(folder: String) throws {
        guard mkdir(folder, 0o700) == 0 else { throw BenchError("mkdir \(folder): errno \(errno)") }
        log = try Files.open(folder + "/1", O_WRONLY | O_CREAT | O_APPEND)
        head = try Files.open(folder + "/2", O_WRONLY | O_CREAT)
        let file = [UInt8](repeating: 0, count: 4096 + 104)
        guard file.withUnsafeBytes({ pwrite(head, $0.baseAddress, $0.count, 0) }) == file.count, fsync(head) == 0
        else { throw BenchError("head file: errno \(errno)") }
    }

    /// One append's file operations; returns the seconds they took.
    func run() throws -> Double {
        let offset = off_t(nextSlot * 4096)
        nextSlot = 1 - nextSlot
        return try timed {
            guard frame.withUnsafeBytes({ write(log, $0.baseAddress, $0.count) }) == frame.count, fsync(log) == 0
            else { throw BenchError("log write + fsync: errno \(errno)") }
            guard slot.withUnsafeBytes({ pwrite(head, $0.baseAddress, $0.count, offset) }) == slot.count,
                fdatasync(head) == 0
            else { throw BenchError("head slot write + fdatasync: errno \(errno)") }
        }
    }

    func close() {
        Files.close(log)
        Files.close(head)
    }
}
