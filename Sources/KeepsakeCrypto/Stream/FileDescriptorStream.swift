internal import CSystemExtras

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `read` or `write` on a file descriptor failed.
public struct StreamIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which call failed: `"read"` or `"write"`.
    public let operation: String
    /// The `errno` the call left (`EIO` for a write that wrote nothing without an error).
    public let code: Int32

    /// Describes a failed call.
    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// Plain words: what could not be done and the system's reason (`strerror`).
    public var description: String {
        let what = operation == "read" ? "could not read the input" : "could not write the output"
        return "\(what): \(String(cString: strerror(code)))"
    }
}

/// Reads from a file descriptor that the caller owns (opens and closes), with POSIX `read`.
/// The descriptor should be blocking.
public struct FileDescriptorSource: ByteSource, Sendable {
    /// The descriptor read from; not closed here.
    public let descriptor: Int32

    /// A source reading `descriptor` from its current offset.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Reads until `buffer` is full or the end of the file (so pipes' short reads are
    /// gathered), retrying when a signal interrupts (`EINTR`); returns 0 only at the end.
    /// - Throws: `StreamIOError` with the `errno` of a failed `read`.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(StreamIOError)
        -> Int
    {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let n = systemRead(descriptor, base + filled, buffer.count - filled)
            if n > 0 {
                filled += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw StreamIOError(operation: "read", code: errno)
            }
        }
        return filled
    }
}

/// Writes to a file descriptor that the caller owns (opens, syncs and closes), with POSIX
/// `write`. The descriptor should be blocking.
public struct FileDescriptorSink: ByteSink, Sendable {
    /// The descriptor written to; not closed here.
    public let descriptor: Int32
    /// Starts the disk writes early when the caller will fsync the file (nil: it won't).
    private var writeBehind: WriteBehind?

    /// A sink writing `descriptor` at its current offset.
    /// - Parameter writeBehind: whether to start writing each few MiB to the disk as soon as
    ///   they are written (Linux `sync_file_range`), for a file the caller will `fsync`: the
    ///   disk then works while the bytes are still being made, and the `fsync` has little left
    ///   to wait for. It changes what reaches the disk when, never what the file holds.
    public init(descriptor: Int32, writeBehind: Bool = false) {
        self.descriptor = descriptor
        self.writeBehind = writeBehind ? WriteBehind(descriptor: descriptor) : nil
    }

    /// Writes all of `bytes`, looping on short writes and retrying on `EINTR`.
    /// - Throws: `StreamIOError` with the `errno` of a failed `write` (`ENOSPC` for a full
    ///   disk); some of the bytes may have been written.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(StreamIOError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = systemWrite(descriptor, base + done, bytes.count - done)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw StreamIOError(operation: "write", code: n < 0 ? errno : EIO)
            }
        }
        writeBehind?.wrote(bytes.count)
    }
}

/// Starts the writeback of a file's dirty pages every `stride` bytes written sequentially
/// from where it began, without waiting for it. A hint to the kernel: a failure is ignored
/// (the caller's fsync reports any real error).
public struct WriteBehind: Sendable {
    /// Bytes between two starts: 8 MiB (enough to keep the disk busy, few system calls).
    public static let stride: Int64 = 8 << 20
    private let descriptor: Int32
    /// Where the writes began, and how far they and the started writeback have reached.
    private let origin: Int64
    private var written: Int64 = 0
    private var started: Int64 = 0

    /// Follows the writes to `descriptor` from its current offset.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        origin = max(0, Int64(lseek(descriptor, 0, SEEK_CUR)))
    }

    /// Notes `count` more bytes written; starts the writeback of the last stride when full.
    public mutating func wrote(_ count: Int) {
        written += Int64(count)
        guard written - started >= Self.stride else { return }
        _ = keepsake_start_writeback(descriptor, origin + started, written - started)
        started = written
    }
}

/// POSIX `read` (a free function, so the `read(into:)` members don't shadow it).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// POSIX `write`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
