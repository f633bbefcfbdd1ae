/// Somewhere bytes come from, one buffer at a time: a file, memory, or a decrypting reader.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into the front of `buffer` and returns how many it read.
    ///
    /// Fills as much as it can; it may return fewer bytes than asked before the end (callers
    /// that need a full buffer use `readFully(into:)`), and returns 0 only at the end of the
    /// data (or for an empty buffer).
    /// - Throws: whatever the underlying source throws (I/O errors, `CryptoError` for a
    ///   decrypting source).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Somewhere bytes go, in order: a file, memory, or an encrypting writer.
public protocol ByteSink {
    /// Writes all of `bytes`, or throws.
    /// - Throws: whatever the underlying sink throws (an I/O error such as a full disk).
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSource {
    /// Reads until `buffer` is full or the source ends; returns the number of bytes read,
    /// which is less than `buffer.count` only at the end of the data.
    /// - Throws: whatever `read(into:)` throws.
    public mutating func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            precondition(n >= 0 && n <= buffer.count - filled, "ByteSource read a wrong count")
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}

extension ByteSink {
    /// Writes all of `bytes`.
    /// - Throws: whatever `write(_:)` throws.
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// A source over bytes in memory, for tests and small data.
public struct BytesSource: ByteSource, Sendable {
    /// All the bytes, read or not.
    public let bytes: [UInt8]
    /// How many bytes have been read so far.
    public private(set) var offset = 0
    private let maximumReadCount: Int

    /// A source that hands out `bytes` in order.
    /// - Parameter maximumReadCount: the most bytes one `read(into:)` returns (to imitate a
    ///   pipe's short reads in tests); no limit when nil.
    public init(_ bytes: [UInt8], maximumReadCount: Int? = nil) {
        precondition(maximumReadCount.map { $0 > 0 } ?? true, "maximumReadCount must be positive")
        self.bytes = bytes
        self.maximumReadCount = maximumReadCount ?? Int.max
    }

    /// Copies the next bytes into `buffer`; returns 0 at the end.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buffer.count, bytes.count - offset, maximumReadCount)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[offset..<offset + n]))
        }
        offset += n
        return n
    }
}

/// A sink that collects what is written in memory, for tests and small data.
public struct BytesSink: ByteSink, Sendable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty sink.
    public init() {}

    /// Appends `bytes`.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }
}
