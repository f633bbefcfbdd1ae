import Foundation
import KeepsakeAge
import KeepsakeCrypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A new output file (0600, never overwriting), removed again unless `keep()` is called, so a
/// failed export or decryption leaves nothing half-written behind.
final class OutputFile {
    let path: String
    let descriptor: Int32
    private var kept = false

    /// Creates `path`.
    /// - Throws: `CLIError.usage` when it exists, `.failed` when it can't be created.
    init(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw CLIError.usage("\(path) already exists; choose a new file name (nothing was overwritten)") }
            throw CLIError.failed("can't create \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        descriptor = fd
    }

    /// A sink for the file, which `keep()` fsyncs: writes start reaching the disk as they go.
    var sink: FileDescriptorSink { FileDescriptorSink(descriptor: descriptor, writeBehind: true) }

    /// Runs `body`, which writes this file. A failed write (a full disk, a file-size limit)
    /// becomes one line naming the file and the cause, followed by `aftermath`: what that
    /// means for the user and what to do. (The file itself is removed unless kept.)
    func writing<T>(aftermath: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            guard let failed = Self.failedWrite(error) else { throw error }
            throw CLIError.failed("could not write \(path): \(String(cString: strerror(failed.code))). \(aftermath)")
        }
    }

    /// The failed `write` behind `error`, as the stream layer reports it or as age wraps it.
    private static func failedWrite(_ error: any Error) -> StreamIOError? {
        var underlying = error
        if case AgeError.io(let wrapped) = error { underlying = wrapped }
        guard let failed = underlying as? StreamIOError, failed.operation == "write" else { return nil }
        return failed
    }

    /// Flushes to disk and keeps the file.
    func keep() throws {
        guard fsync(descriptor) == 0 else {
            throw CLIError.failed("can't save \(path): \(String(cString: strerror(errno)))")
        }
        kept = true
    }

    deinit {
        close(descriptor)
        if !kept { unlink(path) }
    }
}

/// An input file opened for reading.
final class InputFile {
    let descriptor: Int32

    init(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError.usage("can't read \(path): \(String(cString: strerror(errno)))") }
        descriptor = fd
    }

    var source: FileDescriptorSource { FileDescriptorSource(descriptor: descriptor) }

    deinit { close(descriptor) }
}
