/// A sink that encrypts what is written to it as a chunked stream (`ChunkedStream`) into an
/// underlying sink, one chunk at a time on the calling thread: for producers that push bytes,
/// such as a ZIP writer building an age bundle.
///
/// Its output is byte for byte what `ChunkedStream.encrypt` gives for the same plaintext and
/// key. `finish()` must be called to write the last chunk; without it the stream is
/// truncated and will not decrypt. Writing after `finish()` is a programmer error (it traps).
/// After the underlying sink throws, the writer keeps failing with that error.
public final class ChunkedStreamWriter<Sink: ByteSink>: ByteSink {
    /// The sink the sealed chunks go to (for example a `BytesSink` to read back afterwards).
    public private(set) var sink: Sink

    private enum State {
        case open
        case finished
        case failed(any Error)
    }

    private let key: SymmetricKey
    private var hasher: SHA256?
    private var state = State.open
    /// Plaintext waiting to become a chunk; wiped when finished and on deinit.
    private var pending: [UInt8]
    private var pendingCount = 0
    private var sealed: [UInt8]
    private var nextChunk: UInt64 = 0
    private var plaintextByteCount: UInt64 = 0

    /// A writer sealing into `sink` under `key` (the payload key; one stream per key).
    /// - Parameter hashPlaintext: whether `finish()` reports the plaintext's SHA-256.
    public init(sink: Sink, key: SymmetricKey, hashPlaintext: Bool = false) {
        self.sink = sink
        self.key = key
        hasher = hashPlaintext ? SHA256() : nil
        pending = [UInt8](repeating: 0, count: ChunkedStream.chunkByteCount)
        sealed = [UInt8](repeating: 0, count: ChunkedStream.sealedChunkByteCount)
    }

    deinit {
        SecureBytes.wipe(&pending)
    }

    /// Encrypts `bytes`, writing every chunk that is known not to be the last. A full chunk
    /// is held back until more bytes arrive or `finish()` says it is the last.
    /// - Throws: whatever the underlying sink throws, then the same error on every call.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try checkOpen()
        guard !bytes.isEmpty else { return }
        hasher?.update(bytes)
        plaintextByteCount += UInt64(bytes.count)
        let chunk = ChunkedStream.chunkByteCount
        var rest = bytes
        do {
            while !rest.isEmpty {
                if pendingCount == chunk {
                    // More bytes follow, so the held chunk is not the last.
                    try sealPending(isLast: false)
                }
                if pendingCount == 0 && rest.count > chunk {
                    // A whole chunk with more after it: seal it straight from the caller's bytes.
                    try sealAndWrite(
                        UnsafeRawBufferPointer(rebasing: rest[..<(rest.startIndex + chunk)]),
                        isLast: false)
                    rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + chunk)...])
                    continue
                }
                let n = min(chunk - pendingCount, rest.count)
                pending.withUnsafeMutableBytes { p in
                    UnsafeMutableRawBufferPointer(rebasing: p[pendingCount..<(pendingCount + n)])
                        .copyMemory(
                            from: UnsafeRawBufferPointer(rebasing: rest[..<(rest.startIndex + n)]))
                }
                pendingCount += n
                rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + n)...])
            }
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// Seals what is left as the last chunk (an empty one if nothing was written) and writes it.
    /// Call it exactly once, after the last `write`.
    /// - Returns: the plaintext's size and, if asked, its SHA-256.
    /// - Throws: whatever the underlying sink throws.
    @discardableResult
    public func finish() throws -> StreamSummary {
        try checkOpen()
        do {
            try sealPending(isLast: true)
        } catch {
            state = .failed(error)
            throw error
        }
        state = .finished
        SecureBytes.wipe(&pending)
        return StreamSummary(plaintextByteCount: plaintextByteCount, sha256: hasher?.finalize())
    }

    private func checkOpen() throws {
        switch state {
        case .open: return
        case .finished: preconditionFailure("ChunkedStreamWriter used after finish()")
        case .failed(let error): throw error
        }
    }

    private func sealPending(isLast: Bool) throws {
        // Only the very first chunk can be empty: later ones are sealed when bytes follow.
        precondition(pendingCount > 0 || nextChunk == 0)
        let count = pendingCount
        pendingCount = 0
        try pending.withUnsafeBytes { p in
            try sealAndWrite(UnsafeRawBufferPointer(rebasing: p[..<count]), isLast: isLast)
        }
    }

    private func sealAndWrite(_ plaintext: UnsafeRawBufferPointer, isLast: Bool) throws {
        let size = plaintext.count + ChunkedStream.tagByteCount
        try sealed.withUnsafeMutableBytes { out in
            let chunk = UnsafeMutableRawBufferPointer(rebasing: out[..<size])
            key.withUnsafeBytes { k in
                ChunkCipher.seal(plaintext, into: chunk, counter: nextChunk, isLast: isLast, key: k)
            }
            nextChunk += 1
            try sink.write(UnsafeRawBufferPointer(chunk))
        }
    }
}
