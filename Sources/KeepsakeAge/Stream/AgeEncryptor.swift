import KeepsakeCrypto

/// Makes age v1 files that the stock `age -d` opens: for one or more X25519 recipients
/// (`age -r`), or for a passphrase (`age -p`, scrypt). Every file gets a fresh file key,
/// fresh ephemeral keys or salt, and a fresh payload nonce.
///
/// `writer(to:)` encrypts what is pushed into it; `encrypt(from:to:)` runs a whole file on
/// every core.
public struct AgeEncryptor: Sendable {
    /// The most recipients one file may have, as age accepts: 20.
    public static let maximumRecipientCount = AgeHeader.maximumStanzaCount
    /// The default scrypt work factor (log2 N) for passphrase files, as age's: 18.
    public static let defaultWorkFactor = 18

    private enum Keys: Sendable {
        case recipients([AgeRecipient])
        case passphrase(Passphrase, logN: Int)
    }

    private let keys: Keys

    /// An encryptor for `recipient`.
    public init(recipient: AgeRecipient) {
        keys = .recipients([recipient])
    }

    /// An encryptor for every one of `recipients`: each of their identities opens the files.
    /// - Throws: `invalidRecipientCount` for none or more than 20.
    public init(recipients: [AgeRecipient]) throws(AgeError) {
        guard (1...Self.maximumRecipientCount).contains(recipients.count) else {
            throw .invalidRecipientCount(recipients.count)
        }
        keys = .recipients(recipients)
    }

    /// An encryptor for a passphrase: the file key is wrapped under scrypt with N =
    /// 2^`workFactor`, r = 8, p = 1 (18 takes about a second and 256 MiB). The stanza is
    /// the file's only one, as age requires.
    /// - Throws: `emptyPassphrase`; `invalidWorkFactor` unless 1...30.
    public init(passphrase: Passphrase, workFactor: Int = defaultWorkFactor) throws(AgeError) {
        guard passphrase.byteCount > 0 else { throw .emptyPassphrase }
        guard (1...Scrypt.maximumLogN).contains(workFactor) else { throw .invalidWorkFactor(workFactor) }
        keys = .passphrase(passphrase, logN: workFactor)
    }

    /// A writer encrypting what is written to it into `sink`; the header and the payload
    /// nonce are written now. Call `finish()` after the last write.
    /// - Parameters:
    ///   - armored: whether to write ASCII armor (`age -a`) instead of binary.
    ///   - hashPlaintext: whether `finish()` reports the plaintext's SHA-256.
    /// - Throws: `invalidRecipient` for a low-order recipient key; `outOfMemory` when scrypt
    ///   can't get its memory; `io` when the sink fails.
    public func writer<Sink: ByteSink>(to sink: Sink, armored: Bool = false, hashPlaintext: Bool = false)
        throws(AgeError) -> AgeWriter<Sink>
    {
        let prelude = try begin()
        return try AgeWriter(
            sink: sink, prelude: prelude.bytes, payloadKey: prelude.payloadKey, armored: armored,
            hashPlaintext: hashPlaintext)
    }

    /// Encrypts everything `source` holds into `sink` on every core (`ChunkedStream.encrypt`),
    /// for large files.
    /// - Returns: the plaintext's size and, when asked, its SHA-256.
    /// - Throws: as `writer(to:)`; `io` when the source or the sink fails (the sink then
    ///   holds part of a file that will not decrypt).
    @discardableResult
    public func encrypt<Source: ByteSource, Sink: ByteSink>(
        from source: inout Source, to sink: inout Sink, armored: Bool = false, hashPlaintext: Bool = false
    ) throws(AgeError) -> StreamSummary {
        let prelude = try begin()
        return try withUnsafeMutablePointer(to: &source) { (sourcePointer) throws(AgeError) in
            try withUnsafeMutablePointer(to: &sink) { (sinkPointer) throws(AgeError) in
                var input = BorrowedSource(pointer: sourcePointer)
                var output = AgeOutput(sink: BorrowedSink(pointer: sinkPointer), armored: armored)
                do {
                    try prelude.bytes.withUnsafeBytes { try output.write($0) }
                    let summary = try ChunkedStream.encrypt(
                        from: &input, to: &output, key: prelude.payloadKey, hashPlaintext: hashPlaintext)
                    try output.finish()
                    return summary
                } catch {
                    throw .classify(error, releasedByteCount: 0)
                }
            }
        }
    }

    /// The age file of `plaintext`, in memory.
    /// - Throws: as `writer(to:)`.
    public func encrypt(_ plaintext: [UInt8], armored: Bool = false) throws(AgeError) -> [UInt8] {
        let writer = try writer(to: BytesSink(), armored: armored)
        do {
            try plaintext.withUnsafeBytes { try writer.write($0) }
        } catch {
            throw .classify(error, releasedByteCount: 0)
        }
        try writer.finish()
        return writer.sink.bytes
    }

    /// The header and payload nonce of a new file, and its payload key.
    private func begin() throws(AgeError) -> (bytes: [UInt8], payloadKey: SymmetricKey) {
        let fileKey = FileKey.random()
        let stanzas: [AgeStanza]
        switch keys {
        case let .recipients(recipients):
            stanzas = try recipients.map { (recipient) throws(AgeError) in
                try X25519Stanza.wrap(fileKey, for: recipient)
            }
        case let .passphrase(passphrase, logN):
            stanzas = [try ScryptStanza.wrap(fileKey, passphrase: passphrase, logN: logN)]
        }
        let nonce = SecureRandom.bytes(count: FileKey.payloadNonceByteCount)
        let header = AgeHeader.serialized(stanzas: stanzas, fileKey: fileKey)
        return (header + nonce, fileKey.payloadKey(nonce: nonce))
    }
}
