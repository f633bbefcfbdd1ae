import KeepsakeCrypto

/// A source handing out the plaintext of an age file read from an underlying source, one
/// chunk at a time on the calling thread (made by `AgeDecryptor.reader(from:)`).
///
/// The header was checked when the reader was made. It hands out only authenticated
/// plaintext and returns 0 only after the authenticated last chunk. Like age, it hands out
/// the chunks that verified before a payload error, then throws `payloadFailed` with the
/// number of bytes released: a consumer must then treat what it read as incomplete. After
/// an error every further read throws it again.
public final class AgeReader<Source: ByteSource>: ByteSource {
    /// The file's header (its stanzas, for inspection).
    public let header: AgeHeader
    /// Plaintext bytes handed out so far.
    public private(set) var releasedByteCount: UInt64 = 0

    private let input: AgeInput<Source>
    private let stream: ChunkedStreamReader<PrefixedSource<AgeInput<Source>>>

    init(source: Source, decryptor: AgeDecryptor, format: AgeInputFormat, hashPlaintext: Bool)
        throws(AgeError)
    {
        let opened = try decryptor.open(source, format: format)
        header = opened.header
        input = opened.input
        stream = ChunkedStreamReader(
            source: opened.payload, key: opened.payloadKey, hashPlaintext: hashPlaintext)
    }

    /// The underlying source.
    public var source: Source { input.source }

    /// The plaintext's size and, if asked, SHA-256: set once the whole file has been read and
    /// authenticated, nil before.
    public var summary: StreamSummary? { stream.summary }

    /// Fills `buffer` with plaintext as far as the file goes; returns 0 only at its
    /// authenticated end.
    /// - Throws: `AgeError.payloadFailed` (after the authentic plaintext before it has been
    ///   handed out), `invalidArmor` for armor damaged further on, or `io` when the
    ///   underlying source fails.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(AgeError) -> Int {
        do {
            let count = try stream.read(into: buffer)
            releasedByteCount += UInt64(count)
            return count
        } catch {
            throw .classify(error, releasedByteCount: releasedByteCount)
        }
    }
}
