import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ChunkedStream.decrypt(reading:byteCount:…)`, where each chunk is read (`pread`) by the
/// task that opens it: the same bytes and errors as the sequential call, plaintext handed out
/// in order and never past a failing chunk, whatever order the chunks' tasks finish in.
@Suite struct StreamPositionalTests {
    typealias F = StreamFixture
    static let chunk = ChunkedStream.chunkByteCount
    static let sealedChunk = ChunkedStream.sealedChunkByteCount

    /// Sizes around every edge, and many chunks spanning several batches.
    static let sizes = [0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 16 * chunk, 16 * chunk + 1, 5 * 1024 * 1024 + 123]

    @Test(arguments: sizes)
    func positionalReadsRoundTripLikeTheSequentialCall(size: Int) throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: size)
        let sealed = try F.encrypt(plaintext, key: key)
        for batch in [1, 3, ChunkedStream.defaultBatchChunkCount] {
            let opened = try Self.run(MemoryPositionalSource(sealed.bytes), key: key, batch: batch)
            #expect(opened.error == nil, "size \(size), batch \(batch)")
            #expect(opened.bytes == plaintext, "size \(size), batch \(batch)")
            #expect(opened.summary == sealed.summary, "size \(size), batch \(batch)")
        }
    }

    @Test func aFileIsReadAtItsOffsetsAndTheFillerAfterTheStreamIsNeverRead() throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 3 * Self.chunk + 77)
        let sealed = try F.encrypt(plaintext, key: key).bytes
        // A padded blob: random filler after the stream.
        let path = NSTemporaryDirectory() + "positional-\(UUID().uuidString)"
        defer { unlink(path) }
        FileManager.default.createFile(atPath: path, contents: Data(sealed + SecureRandom.bytes(count: 5000)))
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var sink = BytesSink()
        let summary = try ChunkedStream.decrypt(
            reading: FileDescriptorPositionalSource(descriptor: fd), byteCount: UInt64(sealed.count),
            to: &sink, key: key, hashPlaintext: true)
        #expect(sink.bytes == plaintext)
        #expect(summary.sha256 == SHA256.hash(plaintext))
        // The descriptor's own offset is not moved.
        #expect(lseek(fd, 0, SEEK_CUR) == 0)
    }

    /// A chunk that fails authentication in the middle of a batch of a many-batch stream: the
    /// same error, and exactly the plaintext of the chunks before it, even when the chunks
    /// after it (and the failing one) finish before the ones ahead of it.
    @Test(arguments: [false, true])
    func aForgedChunkMidStreamStopsWithNoPlaintextPastIt(earlierChunksFinishLast: Bool) throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 80 * Self.chunk + 999)
        var sealed = try F.encrypt(plaintext, key: key).bytes
        let bad = 37  // the sixth chunk of the third 16-chunk batch
        sealed[bad * Self.sealedChunk + 1000] ^= 0x20
        for batch in [1, 7, ChunkedStream.defaultBatchChunkCount] {
            // Slow reads for the first chunks of every batch, so later chunks finish first.
            let source = MemoryPositionalSource(
                sealed, delayMicroseconds: earlierChunksFinishLast ? Self.slowFirstChunks(of: batch) : nil)
            let opened = Self.run(source, key: key, batch: batch)
            #expect(opened.error as? CryptoError == .authenticationFailed, "batch \(batch)")
            #expect(opened.bytes == Array(plaintext[..<(bad * Self.chunk)]), "batch \(batch)")
            // The sequential call agrees.
            let sequential = F.parallelRun(sealed, key: key, batch: batch)
            #expect(sequential.error as? CryptoError == .authenticationFailed)
            #expect(sequential.released == opened.bytes)
        }
    }

    /// Every chunk's task finishing in reverse order (the last chunk of each batch first):
    /// the plaintext still comes out whole and in order, with the right hash.
    @Test func chunksFinishingInReverseOrderComeOutInOrder() throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 40 * Self.chunk + 5)
        let sealed = try F.encrypt(plaintext, key: key)
        let batch = 8
        let source = MemoryPositionalSource(
            sealed.bytes, delayMicroseconds: { chunk in (UInt64(batch - 1) - chunk % UInt64(batch)) * 1000 })
        let opened = Self.run(source, key: key, batch: batch)
        #expect(opened.error == nil)
        #expect(opened.bytes == plaintext)
        #expect(opened.summary == sealed.summary)
        #expect(Set(source.reads.value).count == 41 && source.reads.value.count == 41, "each chunk read once")
        // The reads did finish out of order (a chunk before one ahead of it).
        let order = source.finished.value
        #expect(zip(order, order.dropFirst()).contains { $0 > $1 })
    }

    /// The stream's file cut short: inside the last chunk, at a chunk boundary, and inside
    /// a middle chunk. A truncated stream, with the plaintext of the whole chunks before.
    @Test func aCutFileIsATruncatedStreamWithOnlyTheChunksBeforeTheCut() throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 20 * Self.chunk + 500)
        let sealed = try F.encrypt(plaintext, key: key).bytes
        let cuts = [
            (sealed.count - 1, 20), (sealed.count - 300, 20), (20 * Self.sealedChunk, 20),
            (19 * Self.sealedChunk, 19), (5 * Self.sealedChunk + 10, 5), (3, 0), (0, 0),
        ]
        for (length, wholeChunks) in cuts {
            let source = MemoryPositionalSource(Array(sealed[..<length]))
            let opened = Self.run(source, key: key, batch: 4, byteCount: UInt64(sealed.count))
            #expect(opened.error as? CryptoError == .streamTruncated, "cut at \(length)")
            #expect(opened.bytes == Array(plaintext[..<(wholeChunks * Self.chunk)]), "cut at \(length)")
        }
    }

    /// A stream length that says less than the stream holds ends it early: the chunk there is
    /// not a last chunk. Ending mid-chunk is a forgery, at a chunk boundary a truncation; both
    /// hand out only what the sequential call hands out for the same bytes.
    @Test func aShorterLengthThanTheStreamIsRefusedLikeTheSequentialCall() throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 6 * Self.chunk + 10)
        let sealed = try F.encrypt(plaintext, key: key).bytes
        for length in [sealed.count - 5, 6 * Self.sealedChunk, 2 * Self.sealedChunk + 17, 10] {
            let opened = Self.run(MemoryPositionalSource(sealed), key: key, batch: 4, byteCount: UInt64(length))
            let sequential = F.parallelRun(Array(sealed[..<length]), key: key, batch: 4)
            #expect(opened.error != nil, "length \(length)")
            #expect(opened.error as? CryptoError == sequential.error as? CryptoError, "length \(length)")
            #expect(opened.bytes == sequential.released, "length \(length)")
        }
    }

    /// A read that fails (an I/O error) stops the stream with that error; the plaintext of the
    /// chunks before it is handed out, nothing after.
    @Test func aFailedReadStopsWithItsErrorAndNothingPastIt() throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 30 * Self.chunk)
        let sealed = try F.encrypt(plaintext, key: key).bytes
        let source = MemoryPositionalSource(sealed, failingChunk: 21)
        let opened = Self.run(source, key: key, batch: 16)
        #expect(opened.error as? StreamIOError == StreamIOError(operation: "read", code: EIO))
        #expect(opened.bytes == Array(plaintext[..<(21 * Self.chunk)]))
    }

    /// Bit flips at each chunk's edges and middle, the last chunk included: the same error and
    /// the same plaintext handed out as the sequential call.
    @Test func changedBytesAnywhereGiveWhatTheSequentialCallGives() throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 9 * Self.chunk + 4321)
        let sealed = try F.encrypt(plaintext, key: key).bytes
        var offsets: [Int] = []
        for index in 0..<10 {
            let start = index * Self.sealedChunk
            offsets += [start, start + 500, min(start + Self.sealedChunk, sealed.count) - 1]
        }
        for offset in offsets {
            var altered = sealed
            altered[offset] ^= 0x01
            let opened = Self.run(MemoryPositionalSource(altered), key: key, batch: 4)
            let sequential = F.parallelRun(altered, key: key, batch: 4)
            #expect(opened.error as? CryptoError == .authenticationFailed, "offset \(offset)")
            #expect(sequential.error as? CryptoError == .authenticationFailed, "offset \(offset)")
            #expect(opened.bytes == sequential.released, "offset \(offset)")
            #expect(opened.bytes.count == offset / Self.sealedChunk * Self.chunk, "offset \(offset)")
        }
    }

    // MARK: Helpers

    /// Delays for the reads of the first six chunks of every batch of `batch` chunks.
    static func slowFirstChunks(of batch: Int) -> @Sendable (UInt64) -> UInt64 {
        { (chunk: UInt64) -> UInt64 in chunk % UInt64(batch) < 6 ? 3000 : 0 }
    }

    /// Runs the positional call (the whole source unless `byteCount` says otherwise) and
    /// collects what it handed out and how it ended.
    static func run(
        _ source: MemoryPositionalSource, key: SymmetricKey, batch: Int, byteCount: UInt64? = nil
    ) -> (bytes: [UInt8], summary: StreamSummary?, error: (any Error)?) {
        var sink = BytesSink()
        do {
            let summary = try ChunkedStream.decrypt(
                reading: source, byteCount: byteCount ?? UInt64(source.bytes.count), to: &sink, key: key,
                hashPlaintext: true, batchChunkCount: batch)
            return (sink.bytes, summary, nil)
        } catch {
            return (sink.bytes, nil, error)
        }
    }
}

/// Sealed bytes in memory read at offsets, like a file: optionally slow for some chunks (to
/// make tasks finish out of order) or failing at one chunk with `EIO`. Records each read.
final class MemoryPositionalSource: PositionalByteSource, @unchecked Sendable {
    let bytes: [UInt8]
    private let delayMicroseconds: (@Sendable (UInt64) -> UInt64)?
    private let failingChunk: UInt64?
    /// The offsets read, in the order the reads happened.
    let reads = Locked<[UInt64]>([])
    /// The chunks whose reads returned, in the order they returned.
    let finished = Locked<[UInt64]>([])

    init(
        _ bytes: [UInt8], delayMicroseconds: (@Sendable (UInt64) -> UInt64)? = nil, failingChunk: UInt64? = nil
    ) {
        self.bytes = bytes
        self.delayMicroseconds = delayMicroseconds
        self.failingChunk = failingChunk
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws -> Int {
        let chunk = offset / UInt64(ChunkedStream.sealedChunkByteCount)
        reads.withValue { $0.append(offset) }
        if let delay = delayMicroseconds?(chunk), delay > 0 { usleep(UInt32(delay)) }
        defer { finished.withValue { $0.append(chunk) } }
        if chunk == failingChunk { throw StreamIOError(operation: "read", code: EIO) }
        guard offset < UInt64(bytes.count) else { return 0 }
        let count = min(buffer.count, bytes.count - Int(offset))
        bytes.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[Int(offset)..<(Int(offset) + count)]))
        }
        return count
    }
}

/// A value behind a lock, for the reads recorded from several threads.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func withValue(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
