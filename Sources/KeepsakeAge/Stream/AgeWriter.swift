import KeepsakeCrypto

/// A sink that encrypts what is written to it as an age file into an underlying sink, one
/// chunk at a time on the calling thread (made by `AgeEncryptor.writer(to:)`), for producers
/// that push bytes, such as a ZIP writer building a bundle.
///
/// The header and payload nonce are already written when it is made. `finish()` must be
/// called after the last write: it seals the last chunk (and closes the armor); without it
/// the file is truncated and will not decrypt. Writing after `finish()` is a programmer
/// error (it traps). After the underlying sink fails, the writer keeps failing.
public final class AgeWriter<Sink: ByteSink>: ByteSink {
    private let output: AgeOutput<Sink>
    private let stream: ChunkedStreamWriter<AgeOutput<Sink>>

    init(sink: Sink, prelude: [UInt8], payloadKey: SymmetricKey, armored: Bool, hashPlaintext: Bool)
        throws(AgeError)
    {
        output = AgeOutput(sink: sink, armored: armored)
        stream = ChunkedStreamWriter(sink: output, key: payloadKey, hashPlaintext: hashPlaintext)
        do {
            try prelude.withUnsafeBytes { try output.write($0) }
        } catch {
            throw .classify(error, releasedByteCount: 0)
        }
    }

    /// The underlying sink (for example a `BytesSink` to read back after `finish()`).
    public var sink: Sink { output.sink }

    /// Encrypts `bytes`, writing every chunk known not to be the last.
    /// - Throws: `AgeError.io` when the underlying sink fails, then on every call.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(AgeError) {
        do {
            try stream.write(bytes)
        } catch {
            throw .classify(error, releasedByteCount: 0)
        }
    }

    /// Seals the last chunk, writes it and the armor's end. Call it exactly once.
    /// - Returns: the plaintext's size and, if asked, its SHA-256.
    /// - Throws: `AgeError.io` when the underlying sink fails.
    @discardableResult
    public func finish() throws(AgeError) -> StreamSummary {
        do {
            let summary = try stream.finish()
            try output.finish()
            return summary
        } catch {
            throw .classify(error, releasedByteCount: 0)
        }
    }
}
