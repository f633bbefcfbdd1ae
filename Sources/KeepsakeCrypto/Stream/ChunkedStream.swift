/// The chunked authenticated encryption of age v1's payload (c2sp.org/age, "Payload": the
/// STREAM construction), used for vault attachments and for age bundles.
///
/// The plaintext is cut into 64 KiB chunks; chunk *i* is sealed on its own with
/// ChaCha20-Poly1305 (IETF) under the payload key, nonce = *i* as an 11-byte big-endian
/// counter ‖ 0x01 on the last chunk and 0x00 on the others, and no associated data. Every
/// chunk but the last is exactly 64 KiB; the last may be shorter, and is empty only when the
/// whole plaintext is. Decryption refuses a changed, dropped, reordered or extra chunk, a
/// stream that stops before its last chunk and bytes after it.
///
/// The key is the payload key itself: for age it is derived from the file key by the caller;
/// for an attachment it is a fresh random key. Never use a key for two streams.
///
/// `encrypt` and `decrypt` work on every core in constant memory and overlap reading and
/// writing with the crypto; `ChunkedStreamWriter` and `ChunkedStreamReader` give the same
/// bytes a piece at a time.
public enum ChunkedStream {
    /// Plaintext bytes per chunk: 65536 (64 KiB).
    public static let chunkByteCount = 65536
    /// Authentication tag bytes at the end of every sealed chunk: 16.
    public static let tagByteCount = ChaCha20Poly1305.tagByteCount
    /// Bytes of a sealed full chunk: 65552.
    public static let sealedChunkByteCount = chunkByteCount + tagByteCount
    /// Chunks in each batch of the parallel `encrypt` and `decrypt` unless told otherwise
    /// (1 MiB; the calls hold four such buffers). Measured with `keepsake-bench`: with batches
    /// of 32 chunks (2 MiB) a batch's output had left the caches by the time it was written
    /// out, and decrypting a 512 MiB file ran at 0.73× a one-thread loop against 1.18× with
    /// 16; 8 and 16 were alike.
    public static let defaultBatchChunkCount = 16

    /// The size of the encrypted stream of `plaintextByteCount` bytes: 16 bytes per chunk more,
    /// and one 16-byte chunk for an empty plaintext.
    public static func ciphertextByteCount(forPlaintext plaintextByteCount: UInt64) -> UInt64 {
        let chunk = UInt64(chunkByteCount)
        let chunks = plaintextByteCount == 0 ? 1 : (plaintextByteCount + chunk - 1) / chunk
        return plaintextByteCount + chunks * UInt64(tagByteCount)
    }

    /// The plaintext size of a stream of `ciphertextByteCount` bytes, or nil when no valid
    /// stream has that size (for checking a stored file's length before opening it).
    public static func plaintextByteCount(forCiphertext ciphertextByteCount: UInt64) -> UInt64? {
        let sealed = UInt64(sealedChunkByteCount)
        let tag = UInt64(tagByteCount)
        let fullChunks = ciphertextByteCount / sealed
        let rest = ciphertextByteCount % sealed
        if fullChunks == 0 { return rest >= tag ? rest - tag : nil }
        if rest == 0 { return fullChunks * UInt64(chunkByteCount) }
        // A short last chunk needs a tag and, after full chunks, at least one byte.
        guard rest > tag else { return nil }
        return fullChunks * UInt64(chunkByteCount) + rest - tag
    }

    /// Encrypts everything `source` holds into `sink`, sealing batches of chunks (and hashing
    /// them) on every core while the previous batch is written and the next one read.
    ///
    /// - Parameters:
    ///   - source: the plaintext, read to its end.
    ///   - sink: receives the sealed stream, in order.
    ///   - key: the payload key (for an attachment a fresh `SymmetricKey.random()`).
    ///   - hashPlaintext: whether to compute the plaintext's SHA-256 on the way.
    ///   - batchChunkCount: chunks per batch; memory is about four batches.
    /// - Returns: the plaintext's size and, if asked, its SHA-256.
    /// - Throws: whatever `source` or `sink` throws (the sink may then hold part of the stream).
    @discardableResult
    public static func encrypt(
        from source: inout some ByteSource, to sink: inout some ByteSink, key: SymmetricKey,
        hashPlaintext: Bool = false, batchChunkCount: Int = defaultBatchChunkCount
    ) throws -> StreamSummary {
        precondition(batchChunkCount > 0, "batchChunkCount must be positive")
        var pipeline = StreamPipeline(
            direction: .seal, batchChunkCount: batchChunkCount, hashPlaintext: hashPlaintext)
        return try pipeline.run(from: &source, to: &sink, key: key)
    }

    /// Checks and decrypts the stream `source` holds into `sink`, opening batches of chunks (and
    /// hashing the previous batch) on every core while the previous batch is written and the
    /// next one read.
    ///
    /// The plaintext buffers are in `sodium_malloc` memory, wiped when the call returns.
    /// When it throws, `sink` has received the plaintext of every chunk before the failing one
    /// (and of an authentic last chunk followed by extra bytes), as age does: treat that output
    /// as incomplete.
    ///
    /// - Parameters:
    ///   - source: the sealed stream, read to its end.
    ///   - sink: receives the plaintext, in order.
    ///   - key: the payload key the stream was sealed with.
    ///   - hashPlaintext: whether to compute the plaintext's SHA-256 on the way.
    ///   - batchChunkCount: chunks per batch; memory is about four batches.
    /// - Returns: the plaintext's size and, if asked, its SHA-256.
    /// - Throws: `CryptoError.authenticationFailed` for a chunk that does not verify (altered,
    ///   reordered, cut mid-chunk, wrong key); `.streamTruncated` when the input ends before
    ///   the last chunk (including an empty input); `.streamTrailingData` for bytes after the
    ///   last chunk; or whatever `source` or `sink` throws.
    @discardableResult
    public static func decrypt(
        from source: inout some ByteSource, to sink: inout some ByteSink, key: SymmetricKey,
        hashPlaintext: Bool = false, batchChunkCount: Int = defaultBatchChunkCount
    ) throws -> StreamSummary {
        precondition(batchChunkCount > 0, "batchChunkCount must be positive")
        var pipeline = StreamPipeline(
            direction: .open, batchChunkCount: batchChunkCount, hashPlaintext: hashPlaintext)
        return try pipeline.run(from: &source, to: &sink, key: key)
    }

    /// Checks and decrypts the stream held by the first `byteCount` bytes of `source` (a file
    /// read with `pread`) into `sink`: each chunk is read by the thread that opens it, on
    /// every core, while the calling thread hands the previous batch's plaintext to `sink`
    /// and the kernel fetches the next batch's bytes. Bytes after `byteCount` (such as a
    /// padded blob's filler) are never read.
    ///
    /// Hands out plaintext exactly as `decrypt(from:to:…)` does: only authenticated chunks, in
    /// order, none after the first that fails, however the chunks' tasks finish.
    ///
    /// - Parameters:
    ///   - source: holds the sealed stream from offset 0.
    ///   - byteCount: the sealed stream's length (`ciphertextByteCount(forPlaintext:)`).
    ///   - sink: receives the plaintext, in order.
    ///   - key: the payload key the stream was sealed with.
    ///   - hashPlaintext: whether to compute the plaintext's SHA-256 on the way.
    ///   - batchChunkCount: chunks per batch; memory is about four batches.
    /// - Returns: the plaintext's size and, if asked, its SHA-256.
    /// - Throws: `CryptoError.authenticationFailed` for a chunk that does not verify (or
    ///   a `byteCount` that ends mid-chunk, where no honest stream ends); `.streamTruncated`
    ///   when `source` holds fewer than `byteCount` bytes, or the stream has no last chunk
    ///   where `byteCount` ends it; whatever `source` throws for a failed read (the
    ///   plaintext before that chunk delivered); or whatever `sink` throws.
    @discardableResult
    public static func decrypt(
        reading source: some PositionalByteSource, byteCount: UInt64, to sink: inout some ByteSink,
        key: SymmetricKey, hashPlaintext: Bool = false, batchChunkCount: Int = defaultBatchChunkCount
    ) throws -> StreamSummary {
        precondition(batchChunkCount > 0, "batchChunkCount must be positive")
        var pipeline = StreamPipeline(
            direction: .open, batchChunkCount: batchChunkCount, hashPlaintext: hashPlaintext)
        return try pipeline.run(reading: source, byteCount: byteCount, to: &sink, key: key)
    }
}

/// What went through a chunked stream.
public struct StreamSummary: Sendable, Equatable {
    /// The number of plaintext bytes.
    public let plaintextByteCount: UInt64
    /// SHA-256 of the plaintext, when it was asked for.
    public let sha256: [UInt8]?

    /// A summary of `plaintextByteCount` bytes with an optional digest.
    public init(plaintextByteCount: UInt64, sha256: [UInt8]?) {
        self.plaintextByteCount = plaintextByteCount
        self.sha256 = sha256
    }
}
