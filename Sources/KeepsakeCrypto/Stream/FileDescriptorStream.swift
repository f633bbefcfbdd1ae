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
        return "\(what): \(String(cString: strerror(code))) (errno \(code))"
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

    /// A sink writing `descriptor` at its current offset.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
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
