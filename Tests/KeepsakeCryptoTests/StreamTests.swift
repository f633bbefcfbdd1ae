import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The chunked stream (age's STREAM payload): round trips, byte equality between the parallel
/// calls, the push/pull adapters and chunks sealed by hand, sizes, and file descriptors.
@Suite struct StreamTests {
    typealias F = StreamFixture
    static let chunk = ChunkedStream.chunkByteCount

    /// Sizes around every edge: nothing, one byte, a chunk less one, exactly one and two
    /// chunks, one chunk and a byte, and several MiB spanning batches.
    static let sizes = [0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 5 * 1024 * 1024 + 123]

    @Test(arguments: sizes)
    func parallelCallsRoundTripAndHashThePlaintext(size: Int) throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: size)
        let sealed = try F.encrypt(plaintext, key: key)
        let expectedSummary = StreamSummary(
            plaintextByteCount: UInt64(size), sha256: SHA256.hash(plaintext))
        #expect(sealed.summary == expectedSummary)
        #expect(
            UInt64(sealed.bytes.count)
                == ChunkedStream.ciphertextByteCount(forPlaintext: UInt64(size)))
        #expect(
            ChunkedStream.plaintextByteCount(forCiphertext: UInt64(sealed.bytes.count))
                == UInt64(size))
        let opened = try F.decrypt(sealed.bytes, key: key)
        #expect(opened.bytes == plaintext)
        #expect(opened.summary == expectedSummary)
    }

    @Test(arguments: sizes)
    func writerAndReaderGiveTheSameBytesAsTheParallelCalls(size: Int) throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: size)
        let parallel = try F.encrypt(plaintext, key: key)
        // Odd sizes: smaller than, equal to, and larger than a chunk, so chunks fill from
        // several writes and some writes span chunks.
        let pushed = try F.writeThrough(
            plaintext, key: key,
            pieceSizes: [1, 7, Self.chunk - 3, 3 * Self.chunk + 5, Self.chunk, 999])
        #expect(pushed.bytes == parallel.bytes)
        #expect(pushed.summary == parallel.summary)
        for readSize in [1, 4097, Self.chunk, 2 * Self.chunk + 3]
        where size < 1_000_000 || readSize > 1 {
            let pulled = F.readerRun(parallel.bytes, key: key, readSize: readSize)
            #expect(pulled.error == nil)
            #expect(pulled.released == plaintext, "reads of \(readSize)")
            #expect(pulled.summary == parallel.summary)
        }
    }

    @Test func outputMatchesChunksSealedByHandWithThePublicAEAD() throws {
        let key = SymmetricKey.random()
        // Two full chunks and a short one; exactly two full chunks (the last one full, so
        // flagged); and nothing (one empty chunk, flagged).
        for size in [2 * Self.chunk + 1000, 2 * Self.chunk, 0, 1] {
            let plaintext = SecureRandom.bytes(count: size)
            let expected = try F.sealByHand(plaintext, key: key)
            #expect(try F.encrypt(plaintext, key: key).bytes == expected, "size \(size)")
            #expect(try F.encrypt(plaintext, key: key, batch: 1).bytes == expected, "size \(size)")
            #expect(try F.writeThrough(plaintext, key: key, pieceSizes: [5000]).bytes == expected)
        }
    }

    @Test func chunksOpenUnderTheNoncesTheFormatNames() throws {
        // A fixed key and a 65537-byte plaintext of 0x61: the second chunk is "a" alone. Each
        // chunk opens with the public AEAD under nonces spelled out byte by byte. (The age
        // testkit cases in AgeTestkit are the published known answers.)
        let key = try SymmetricKey(SecureBytes(copying: (0..<32).map { UInt8($0) }))
        let plaintext = [UInt8](repeating: 0x61, count: Self.chunk + 1)
        let sealed = try F.encrypt(plaintext, key: key).bytes
        #expect(sealed == (try F.sealByHand(plaintext, key: key)))
        let chunks = F.sealedChunks(sealed)
        #expect(chunks.map(\.count) == [F.sealedChunk, 17])
        #expect(
            try ChaCha20Poly1305.open(
                chunks[1], key: key, nonce: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]) == [0x61])
        #expect(
            try ChaCha20Poly1305.open(
                chunks[0], key: key, nonce: [UInt8](repeating: 0, count: 12))
                == Array(plaintext.prefix(Self.chunk)))
    }

    @Test(arguments: [1, 2, 3])
    func batchSizeDoesNotChangeTheBytes(batch: Int) throws {
        let key = SymmetricKey.random()
        for chunks in 1...7 {
            for size in [chunks * Self.chunk - 1, chunks * Self.chunk, chunks * Self.chunk + 1] {
                let plaintext = SecureRandom.bytes(count: size)
                let sealed = try F.encrypt(plaintext, key: key, batch: batch)
                #expect(sealed.bytes == (try F.sealByHand(plaintext, key: key)), "size \(size)")
                #expect(try F.decrypt(sealed.bytes, key: key, batch: batch).bytes == plaintext)
            }
        }
    }

    @Test func shortReadsFromTheSourceAreGathered() throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 3 * Self.chunk + 17)
        let sealed = try F.encrypt(plaintext, key: key, batch: 2, maximumReadCount: 1000)
        #expect(sealed.bytes == (try F.sealByHand(plaintext, key: key)))
        #expect(
            try F.decrypt(sealed.bytes, key: key, batch: 2, maximumReadCount: 999).bytes
                == plaintext)
    }

    @Test func hashingIsOptional() throws {
        let key = SymmetricKey.random()
        var source = BytesSource(SecureRandom.bytes(count: 100))
        var sink = BytesSink()
        let summary = try ChunkedStream.encrypt(from: &source, to: &sink, key: key)
        #expect(summary == StreamSummary(plaintextByteCount: 100, sha256: nil))
        var sealed = BytesSource(sink.bytes)
        var opened = BytesSink()
        #expect(try ChunkedStream.decrypt(from: &sealed, to: &opened, key: key).sha256 == nil)
    }

    @Test func sizeFormulasFollowTheChunking() {
        let cases: [(plaintext: UInt64, ciphertext: UInt64)] = [
            (0, 16), (1, 17), (65535, 65551), (65536, 65552), (65537, 65569),
            (131072, 131104), (1 << 40, (1 << 40) + 16 * (1 << 24)),
        ]
        for (plaintext, ciphertext) in cases {
            #expect(ChunkedStream.ciphertextByteCount(forPlaintext: plaintext) == ciphertext)
            #expect(ChunkedStream.plaintextByteCount(forCiphertext: ciphertext) == plaintext)
        }
        // No valid stream is empty, shorter than a tag, or ends in a chunk of at most a tag
        // after full chunks.
        for impossible: UInt64 in [0, 1, 15, 65553, 65568, 2 * 65552 + 16] {
            #expect(
                ChunkedStream.plaintextByteCount(forCiphertext: impossible) == nil, "\(impossible)")
        }
    }

    @Test func writerHoldsAFullChunkUntilItKnowsWhetherMoreFollows() throws {
        let key = SymmetricKey.random()
        var writer = ChunkedStreamWriter(sink: BytesSink(), key: key)
        try writer.write([UInt8](repeating: 1, count: Self.chunk))
        #expect(writer.sink.bytes.isEmpty)
        try writer.write([2])
        #expect(writer.sink.bytes.count == F.sealedChunk)
        let summary = try writer.finish()
        #expect(writer.sink.bytes.count == F.sealedChunk + 17)
        #expect(summary == StreamSummary(plaintextByteCount: UInt64(Self.chunk + 1), sha256: nil))
    }

    @Test func readerReturnsZeroOnlyAfterTheLastChunkAndStaysThere() throws {
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: Self.chunk + 5)
        let reader = ChunkedStreamReader(
            source: BytesSource(try F.encrypt(plaintext, key: key).bytes), key: key,
            hashPlaintext: true)
        var buffer = [UInt8](repeating: 0, count: Self.chunk)
        #expect(try buffer.withUnsafeMutableBytes { try reader.read(into: $0) } == Self.chunk)
        #expect(reader.summary == nil)
        #expect(try buffer.withUnsafeMutableBytes { try reader.read(into: $0) } == 5)
        #expect(
            reader.summary
                == StreamSummary(
                    plaintextByteCount: UInt64(plaintext.count), sha256: SHA256.hash(plaintext)))
        for _ in 0..<2 {
            #expect(try buffer.withUnsafeMutableBytes { try reader.read(into: $0) } == 0)
        }
    }

    @Test func adaptersChainWithEachOther() throws {
        // A writer into a writer: the outer stream's plaintext is the inner stream.
        let inner = SymmetricKey.random()
        let outer = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 200_000)
        let outerWriter = ChunkedStreamWriter(sink: BytesSink(), key: outer)
        var innerWriter = ChunkedStreamWriter(sink: outerWriter, key: inner)
        try innerWriter.write(plaintext)
        try innerWriter.finish()
        try outerWriter.finish()
        var reader = ChunkedStreamReader(
            source: ChunkedStreamReader(source: BytesSource(outerWriter.sink.bytes), key: outer),
            key: inner)
        #expect(try F.drain(&reader, readSize: 10_000) == plaintext)
    }

    @Test func writingAfterFinishIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) {
            var writer = ChunkedStreamWriter(sink: BytesSink(), key: .random())
            try writer.finish()
            try writer.write([1])
        }
    }

    @Test func manyStreamsAtOnceFromAsyncTasksAllFinish() async throws {
        // Each call blocks its thread while its own helper threads work: with the shared
        // pools this could starve. Sixteen at once on whatever cores there are.
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let key = SymmetricKey.random()
                    let plaintext = SecureRandom.bytes(count: 40 * StreamTests.chunk + 3)
                    let sealed = try StreamFixture.encrypt(plaintext, key: key, batch: 4)
                    return try StreamFixture.decrypt(sealed.bytes, key: key, batch: 4).bytes
                        == plaintext
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [Bool](repeating: true, count: 16))
    }

    // MARK: File descriptors

    @Test func fileDescriptorSourceAndSinkRoundTripThroughRealFiles() throws {
        let folder = TemporaryFolder()
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 3 * Self.chunk + 4321)
        TestFiles.write(plaintext, to: folder.appending("plain"))

        // File to file, both ways, through the parallel calls.
        try TestFiles.withDescriptors(folder.appending("plain"), folder.appending("sealed")) {
            input, output in
            var source = FileDescriptorSource(descriptor: input)
            var sink = FileDescriptorSink(descriptor: output)
            let summary = try ChunkedStream.encrypt(
                from: &source, to: &sink, key: key, hashPlaintext: true, batchChunkCount: 2)
            #expect(summary.sha256 == SHA256.hash(plaintext))
        }
        let sealed = TestFiles.read(folder.appending("sealed"))
        #expect(sealed == (try F.sealByHand(plaintext, key: key)))
        try TestFiles.withDescriptors(folder.appending("sealed"), folder.appending("opened")) {
            input, output in
            var source = FileDescriptorSource(descriptor: input)
            var sink = FileDescriptorSink(descriptor: output)
            try ChunkedStream.decrypt(from: &source, to: &sink, key: key)
        }
        #expect(TestFiles.read(folder.appending("opened")) == plaintext)

        // The adapters over descriptors.
        try TestFiles.withDescriptors(folder.appending("sealed"), folder.appending("pulled")) {
            input, output in
            var reader = ChunkedStreamReader(
                source: FileDescriptorSource(descriptor: input), key: key)
            var sink = FileDescriptorSink(descriptor: output)
            try sink.write(F.drain(&reader, readSize: 12_345))
        }
        #expect(TestFiles.read(folder.appending("pulled")) == plaintext)
    }

    /// Write-behind only changes when bytes reach the disk: a file written through it, from
    /// an offset that is not 0 and across several strides in uneven writes, holds exactly
    /// what was written; on a pipe (where the kernel refuses the hint) the writes still go through.
    @Test func writeBehindLeavesTheFileExactlyAsWritten() throws {
        let folder = TemporaryFolder()
        let path = folder.appending("written")
        let bytes = SecureRandom.bytes(count: Int(2 * WriteBehind.stride) + 1_234_567)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        let prefix: [UInt8] = Array("already here".utf8)
        #expect(prefix.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == prefix.count)
        var sink = FileDescriptorSink(descriptor: fd, writeBehind: true)
        var offset = 0
        var step = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + step * 3_333)
            try bytes[offset..<end].withUnsafeBytes { try sink.write($0) }
            offset = end
            step = step % 1_000 + 97
        }
        #expect(fsync(fd) == 0)
        close(fd)
        #expect(TestFiles.read(path) == prefix + bytes)

        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let small = Array(bytes.prefix(40_000))
        var pipeSink = FileDescriptorSink(descriptor: ends[1], writeBehind: true)
        try small.withUnsafeBytes { try pipeSink.write($0) }
        close(ends[1])
        var source = FileDescriptorSource(descriptor: ends[0])
        var back = [UInt8](repeating: 0, count: 50_000)
        let count = try back.withUnsafeMutableBytes { try source.read(into: $0) }
        #expect(Array(back.prefix(count)) == small)
    }

    @Test func fileDescriptorErrorsCarryErrnoAndPlainWords() throws {
        var badSource = FileDescriptorSource(descriptor: -1)
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(throws: StreamIOError(operation: "read", code: EBADF)) {
            try buffer.withUnsafeMutableBytes { try badSource.read(into: $0) }
        }
        let full = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(full >= 0)
        defer { close(full) }
        var sink = FileDescriptorSink(descriptor: full)
        let error = #expect(throws: StreamIOError.self) { try sink.write([1, 2, 3]) }
        #expect(error == StreamIOError(operation: "write", code: ENOSPC))
        #expect(error?.description.contains("could not write the output") == true)
        #expect(error?.description.contains("No space left on device") == true)

        // The same error comes out of the parallel call, while chunks are being sealed.
        var source = BytesSource(SecureRandom.bytes(count: 5 * Self.chunk))
        #expect(throws: StreamIOError(operation: "write", code: ENOSPC)) {
            try ChunkedStream.encrypt(from: &source, to: &sink, key: .random(), batchChunkCount: 2)
        }
    }

    @Test func sourceErrorsPassThroughThePipeline() throws {
        struct Broken: Error, Equatable {}
        /// Hands out `bytes`, then fails instead of reporting the end.
        struct FailingSource: ByteSource {
            var rest: BytesSource
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
                let n = rest.read(into: buffer)
                if n == 0 && !buffer.isEmpty { throw Broken() }
                return n
            }
        }
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 5 * Self.chunk)
        let sealed = try F.encrypt(plaintext, key: key).bytes
        // Failing at once, inside the first batch, and in a later batch while chunks are
        // being sealed or opened.
        for left in [0, 100, 3 * F.sealedChunk + 1] {
            var source = FailingSource(rest: BytesSource(Array(plaintext.prefix(left))))
            var sink = BytesSink()
            #expect(throws: Broken()) {
                try ChunkedStream.encrypt(from: &source, to: &sink, key: key, batchChunkCount: 1)
            }
            source = FailingSource(rest: BytesSource(Array(sealed.prefix(left))))
            sink = BytesSink()
            #expect(throws: Broken()) {
                try ChunkedStream.decrypt(from: &source, to: &sink, key: key, batchChunkCount: 1)
            }
        }
    }

    /// The parallel calls hand their sink one chunk per `write`, never a whole batch (on the
    /// CI machine kind, 1 MiB writes into a new file ran at half speed; see
    /// `StreamPipeline.emit`), and the pieces still add up to the stream.
    @Test func theSinkGetsOneChunkPerWrite() throws {
        /// Keeps every write's size beside the bytes.
        struct RecordingSink: ByteSink {
            var all = BytesSink()
            var sizes: [Int] = []
            mutating func write(_ bytes: UnsafeRawBufferPointer) {
                sizes.append(bytes.count)
                all.write(bytes)
            }
        }
        let key = SymmetricKey.random()
        let plaintext = SecureRandom.bytes(count: 5 * Self.chunk + 77)
        let expected = try F.encrypt(plaintext, key: key).bytes
        var source = BytesSource(plaintext)
        var sealing = RecordingSink()
        try ChunkedStream.encrypt(from: &source, to: &sealing, key: key, batchChunkCount: 4)
        #expect(sealing.all.bytes == expected)
        #expect(sealing.sizes == Array(repeating: F.sealedChunk, count: 5) + [77 + 16])

        source = BytesSource(expected)
        var opening = RecordingSink()
        try ChunkedStream.decrypt(from: &source, to: &opening, key: key, batchChunkCount: 4)
        #expect(opening.all.bytes == plaintext)
        #expect(opening.sizes == Array(repeating: Self.chunk, count: 5) + [77])
    }
}
