/// A source that checks and decrypts a chunked stream (`ChunkedStream`) read from an
/// underlying source, one chunk at a time on the calling thread: for consumers that pull
/// bytes, such as a ZIP reader opening an age bundle.
///
/// It hands out only authenticated plaintext, and returns 0 only after the authenticated
/// last chunk. Like age, it hands out the plaintext of every chunk that verified before it
/// reports a later error, so a consumer must treat what it read as incomplete when a read
/// throws. After an error every further read throws it again. The plaintext buffer is wiped
/// once the stream has been read and on deinit.
public final class ChunkedStreamReader<Source: ByteSource>: ByteSource {
    /// The source the sealed chunks come from.
    public private(set) var source: Source
    /// The plaintext's size and, if asked, SHA-256: set once the last chunk has been
    /// authenticated and handed out entirely, nil before.
    public private(set) var summary: StreamSummary?

    private enum State {
        case reading
        /// The plaintext already decrypted is handed out, then this error is thrown.
        case failing(any Error)
        /// The last chunk verified; once its plaintext is handed out, reads return 0.
        case ended
    }

    private let key: SymmetricKey
    private var hasher: SHA256?
    private var state = State.reading
    /// A sealed chunk plus one look-ahead byte.
    private var sealed: [UInt8]
    private var sealedCount = 0
    private var plaintext: [UInt8]
    private var plaintextStart = 0
    private var plaintextEnd = 0
    private var nextChunk: UInt64 = 0
    private var plaintextByteCount: UInt64 = 0

    /// A reader opening the stream in `source` with `key` (the payload key it was sealed with).
    /// - Parameter hashPlaintext: whether `summary` reports the plaintext's SHA-256.
    public init(source: Source, key: SymmetricKey, hashPlaintext: Bool = false) {
        self.source = source
        self.key = key
        hasher = hashPlaintext ? SHA256() : nil
        sealed = [UInt8](repeating: 0, count: ChunkedStream.sealedChunkByteCount + 1)
        plaintext = [UInt8](repeating: 0, count: ChunkedStream.chunkByteCount)
    }

    deinit {
        SecureBytes.wipe(&plaintext)
    }

    /// Fills `buffer` with plaintext as far as the stream goes; returns 0 only after the
    /// authenticated last chunk has been handed out.
    /// - Throws: `CryptoError.authenticationFailed` for a chunk that does not verify,
    ///   `.streamTruncated` when the input ends before the last chunk, `.streamTrailingData`
    ///   for bytes after it, or whatever the underlying source throws; each only once the
    ///   plaintext before it has been handed out.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            if plaintextStart < plaintextEnd {
                let n = min(buffer.count - filled, plaintextEnd - plaintextStart)
                plaintext.withUnsafeBytes { p in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + n)])
                        .copyMemory(
                            from: UnsafeRawBufferPointer(
                                rebasing: p[plaintextStart..<(plaintextStart + n)]))
                }
                plaintextStart += n
                filled += n
                continue
            }
            switch state {
            case .ended:
                finishIfDrained()
                return filled
            case .failing(let error):
                if filled > 0 { return filled }
                throw error
            case .reading:
                do {
                    try readChunk()
                } catch {
                    state = .failing(error)
                }
            }
        }
        if case .ended = state { finishIfDrained() }
        return filled
    }

    /// Reads, checks and decrypts the next chunk into `plaintext`.
    private func readChunk() throws {
        // Keep the look-ahead byte from the previous chunk: it starts this one.
        let full = ChunkedStream.sealedChunkByteCount
        try sealed.withUnsafeMutableBytes { s in
            sealedCount += try source.readFully(
                into: UnsafeMutableRawBufferPointer(rebasing: s[sealedCount...]))
        }
        let atEnd = sealedCount <= full
        let chunkCount = min(sealedCount, full)
        let outcome = sealed.withUnsafeBytes { s in
            plaintext.withUnsafeMutableBytes { p in
                key.withUnsafeBytes { k in
                    ChunkCipher.open(
                        UnsafeRawBufferPointer(rebasing: s[..<chunkCount]), into: p,
                        counter: nextChunk, atEnd: atEnd, key: k)
                }
            }
        }
        nextChunk += 1
        if !atEnd {
            sealed[0] = sealed[full]
            sealedCount = 1
        }
        if outcome.releasesPlaintext {
            plaintextStart = 0
            plaintextEnd = chunkCount - ChunkedStream.tagByteCount
            plaintextByteCount += UInt64(plaintextEnd)
            plaintext.withUnsafeBytes { p in
                hasher?.update(UnsafeRawBufferPointer(rebasing: p[..<plaintextEnd]))
            }
        }
        if let error = outcome.error {
            state = .failing(error)
        } else if atEnd {
            state = .ended
        }
    }

    /// Records the summary and wipes the buffer once the last plaintext is handed out.
    private func finishIfDrained() {
        guard summary == nil, plaintextStart == plaintextEnd else { return }
        summary = StreamSummary(plaintextByteCount: plaintextByteCount, sha256: hasher?.finalize())
        SecureBytes.wipe(&plaintext)
    }
}
