import KeepsakeCrypto

/// Helpers for the chunked stream tests: hand-built streams and each way of running them.
enum StreamFixture {
    static let chunk = ChunkedStream.chunkByteCount
    static let sealedChunk = ChunkedStream.sealedChunkByteCount

    /// The STREAM nonce, built here on its own: 3 zero bytes, the counter as a big-endian
    /// UInt64, and the last-chunk flag.
    static func nonce(_ counter: UInt64, last: Bool) -> [UInt8] {
        [0, 0, 0] + withUnsafeBytes(of: counter.bigEndian) { Array($0) } + [last ? 0x01 : 0x00]
    }

    /// Seals each piece with the public one-shot AEAD, with the given last-chunk flags.
    static func sealByHand(_ pieces: [[UInt8]], lastFlags: [Bool], key: SymmetricKey) throws
        -> [UInt8]
    {
        precondition(pieces.count == lastFlags.count)
        var out: [UInt8] = []
        for (index, piece) in pieces.enumerated() {
            out += try ChaCha20Poly1305.seal(
                piece, key: key, nonce: nonce(UInt64(index), last: lastFlags[index]))
        }
        return out
    }

    /// The 64 KiB pieces of `plaintext` as age cuts them (one empty piece for no bytes).
    static func pieces(_ plaintext: [UInt8]) -> [[UInt8]] {
        guard !plaintext.isEmpty else { return [[]] }
        return stride(from: 0, to: plaintext.count, by: chunk).map {
            Array(plaintext[$0..<min($0 + chunk, plaintext.count)])
        }
    }

    /// The expected stream of `plaintext`, sealed chunk by chunk with the public AEAD.
    static func sealByHand(_ plaintext: [UInt8], key: SymmetricKey) throws -> [UInt8] {
        let pieces = pieces(plaintext)
        let flags = pieces.indices.map { $0 == pieces.count - 1 }
        return try sealByHand(pieces, lastFlags: flags, key: key)
    }

    /// The chunks of a sealed stream, cut at 65552 bytes.
    static func sealedChunks(_ ciphertext: [UInt8]) -> [[UInt8]] {
        stride(from: 0, to: ciphertext.count, by: sealedChunk).map {
            Array(ciphertext[$0..<min($0 + sealedChunk, ciphertext.count)])
        }
    }

    /// `ChunkedStream.encrypt` from memory to memory.
    static func encrypt(
        _ plaintext: [UInt8], key: SymmetricKey,
        batch: Int = ChunkedStream.defaultBatchChunkCount, maximumReadCount: Int? = nil
    ) throws -> (bytes: [UInt8], summary: StreamSummary) {
        var source = BytesSource(plaintext, maximumReadCount: maximumReadCount)
        var sink = BytesSink()
        let summary = try ChunkedStream.encrypt(
            from: &source, to: &sink, key: key, hashPlaintext: true, batchChunkCount: batch)
        return (sink.bytes, summary)
    }

    /// `ChunkedStream.decrypt` from memory to memory.
    static func decrypt(
        _ ciphertext: [UInt8], key: SymmetricKey,
        batch: Int = ChunkedStream.defaultBatchChunkCount, maximumReadCount: Int? = nil
    ) throws -> (bytes: [UInt8], summary: StreamSummary) {
        var source = BytesSource(ciphertext, maximumReadCount: maximumReadCount)
        var sink = BytesSink()
        let summary = try ChunkedStream.decrypt(
            from: &source, to: &sink, key: key, hashPlaintext: true, batchChunkCount: batch)
        return (sink.bytes, summary)
    }

    /// Pushes `plaintext` through a `ChunkedStreamWriter` in pieces of the given sizes, cycled.
    static func writeThrough(_ plaintext: [UInt8], key: SymmetricKey, pieceSizes: [Int]) throws
        -> (bytes: [UInt8], summary: StreamSummary)
    {
        let writer = ChunkedStreamWriter(sink: BytesSink(), key: key, hashPlaintext: true)
        var offset = 0
        var turn = 0
        while offset < plaintext.count {
            let n = min(pieceSizes[turn % pieceSizes.count], plaintext.count - offset)
            try plaintext.withUnsafeBytes {
                try writer.write(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n]))
            }
            offset += n
            turn += 1
        }
        let summary = try writer.finish()
        return (writer.sink.bytes, summary)
    }

    /// Everything `source` holds, read `readSize` bytes at a time.
    static func drain(_ source: inout some ByteSource, readSize: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: readSize)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return out }
            out += buffer[..<n]
        }
    }

    /// What a run of decryption handed out, and the error it stopped with (nil at a clean end).
    struct Run {
        var released: [UInt8] = []
        var error: (any Error)?
        var summary: StreamSummary?
    }

    /// Decrypts with `ChunkedStream.decrypt`, keeping what reached the sink before any error.
    static func parallelRun(_ ciphertext: [UInt8], key: SymmetricKey, batch: Int) -> Run {
        var source = BytesSource(ciphertext)
        var sink = BytesSink()
        var run = Run()
        do {
            run.summary = try ChunkedStream.decrypt(
                from: &source, to: &sink, key: key, hashPlaintext: true, batchChunkCount: batch)
        } catch {
            run.error = error
        }
        run.released = sink.bytes
        return run
    }

    /// Decrypts with `ChunkedStream.decrypt(reading:byteCount:…)`, each chunk read at its
    /// offset by the task that opens it, keeping what reached the sink before any error.
    static func positionalRun(_ ciphertext: [UInt8], key: SymmetricKey, batch: Int) -> Run {
        var sink = BytesSink()
        var run = Run()
        do {
            run.summary = try ChunkedStream.decrypt(
                reading: MemoryPositionalSource(ciphertext), byteCount: UInt64(ciphertext.count), to: &sink,
                key: key, hashPlaintext: true, batchChunkCount: batch)
        } catch {
            run.error = error
        }
        run.released = sink.bytes
        return run
    }

    /// Pulls everything out of a `ChunkedStreamReader` with reads of `readSize` bytes until
    /// it returns 0 or throws.
    static func readerRun(_ ciphertext: [UInt8], key: SymmetricKey, readSize: Int) -> Run {
        let reader = ChunkedStreamReader(
            source: BytesSource(ciphertext), key: key, hashPlaintext: true)
        var run = Run()
        var buffer = [UInt8](repeating: 0, count: readSize)
        do {
            while true {
                let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                if n == 0 { break }
                run.released += buffer[..<n]
            }
            run.summary = reader.summary
        } catch {
            run.error = error
        }
        return run
    }

    /// Every way of decrypting, named for failure messages: the parallel call with batches
    /// of 1, 2 and the default number of chunks, read by one thread or each chunk by its own
    /// task, and the reader with small and large reads.
    static func allRuns(_ ciphertext: [UInt8], key: SymmetricKey) -> [(String, Run)] {
        [1, 2, ChunkedStream.defaultBatchChunkCount].map {
            ("decrypt(batch \($0))", parallelRun(ciphertext, key: key, batch: $0))
        }
            + [1, 2, ChunkedStream.defaultBatchChunkCount].map {
                ("decrypt(reading:, batch \($0))", positionalRun(ciphertext, key: key, batch: $0))
            }
            + [1000, 3 * chunk + 7].map {
                ("reader(reads of \($0))", readerRun(ciphertext, key: key, readSize: $0))
            }
    }
}
