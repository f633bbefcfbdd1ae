internal import CSystemExtras

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes that can be read at any offset, by several threads at once: a regular file read with
/// `pread`. `ChunkedStream.decrypt(reading:byteCount:…)` has each chunk read by the thread
/// that opens it, so reading is spread over every core instead of done by one thread ahead
/// of the others.
public protocol PositionalByteSource: Sendable {
    /// Reads up to `buffer.count` bytes starting at `offset` into the front of `buffer`.
    /// Returns fewer only when the data ends first (0 at or past its end).
    /// - Throws: whatever the underlying read throws (`StreamIOError` for a file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws -> Int

    /// A hint that `count` bytes at `offset` will be read soon (start fetching them from the
    /// disk, say). May do nothing.
    func willRead(at offset: UInt64, count: UInt64)
}

extension PositionalByteSource {
    /// Does nothing.
    public func willRead(at offset: UInt64, count: UInt64) {}
}

/// A regular file read with `pread` through a descriptor the caller owns (opens and closes,
/// and keeps open while this is used).
public struct FileDescriptorPositionalSource: PositionalByteSource {
    /// The descriptor read from; not closed here. Its offset is neither used nor moved.
    public let descriptor: Int32

    /// A source reading `descriptor` at given offsets.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Reads until `buffer` is full or the file ends, retrying when a signal interrupts.
    /// - Throws: `StreamIOError` with the `errno` of a failed `pread`.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64)
        throws(StreamIOError) -> Int
    {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let n = pread(descriptor, base + filled, buffer.count - filled, off_t(offset) + off_t(filled))
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

    /// Starts the kernel's reading of the range into the page cache (Linux
    /// `posix_fadvise(WILLNEED)`), without waiting.
    public func willRead(at offset: UInt64, count: UInt64) {
        _ = keepsake_start_read_ahead(descriptor, Int64(offset), Int64(count))
    }
}
