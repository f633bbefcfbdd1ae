import Foundation
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
