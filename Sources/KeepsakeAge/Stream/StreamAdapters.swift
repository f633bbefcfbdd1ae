import KeepsakeCrypto

/// An error of the caller's source, kept apart from the stream's own `CryptoError`s.
struct SourceFailure: Error {
    let error: any Error
}

/// An error of the caller's sink, kept apart from the stream's own `CryptoError`s.
struct SinkFailure: Error {
    let error: any Error
}

extension AgeError {
    /// The `AgeError` for whatever a read or write of an age stream threw.
    /// - Parameter releasedByteCount: plaintext bytes handed out before the error.
    static func classify(_ error: any Error, releasedByteCount: UInt64) -> AgeError {
        switch error {
        case let error as AgeError:
            return error
        case let failure as SourceFailure:
            return failure.error as? AgeError ?? .io(failure.error)
        case let failure as SinkFailure:
            return failure.error as? AgeError ?? .io(failure.error)
        case CryptoError.streamTruncated:
            return .payloadFailed(.truncated, releasedByteCount: releasedByteCount)
        case CryptoError.streamTrailingData:
            return .payloadFailed(.trailingData, releasedByteCount: releasedByteCount)
        case is CryptoError:
            return .payloadFailed(.chunkAltered, releasedByteCount: releasedByteCount)
        default:
            return .io(error)
        }
    }
}

/// Hands out `prefix` (bytes read past the header), then reads `base`.
struct PrefixedSource<Base: ByteSource>: ByteSource {
    var prefix: [UInt8]
    var base: Base
    private var offset = 0

    init(prefix: [UInt8], base: Base) {
        self.prefix = prefix
        self.base = base
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard offset < prefix.count else { return try base.read(into: buffer) }
        let n = min(buffer.count, prefix.count - offset)
        prefix.withUnsafeBytes { p in
            UnsafeMutableRawBufferPointer(rebasing: buffer[..<n])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: p[offset..<(offset + n)]))
        }
        offset += n
        return n
    }
}

/// The caller's source, lent through a pointer for the length of one call, its errors
/// marked as the source's.
struct BorrowedSource<Base: ByteSource>: ByteSource {
    let pointer: UnsafeMutablePointer<Base>

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            return try pointer.pointee.read(into: buffer)
        } catch {
            throw SourceFailure(error: error)
        }
    }
}

/// The caller's sink, lent through a pointer for the length of one call, its errors marked
/// as the sink's.
struct BorrowedSink<Base: ByteSink>: ByteSink {
    let pointer: UnsafeMutablePointer<Base>

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try pointer.pointee.write(bytes)
        } catch {
            throw SinkFailure(error: error)
        }
    }
}

/// Counts the bytes that reach a sink (the plaintext released before a payload error).
struct CountingSink<Base: ByteSink>: ByteSink {
    var base: Base
    private(set) var count: UInt64 = 0

    init(base: Base) { self.base = base }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try base.write(bytes)
        count += UInt64(bytes.count)
    }
}
