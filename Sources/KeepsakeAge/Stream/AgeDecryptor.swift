import KeepsakeCrypto

/// Opens age files with X25519 identities and/or passphrases, as `age -d` does: the header
/// is parsed strictly, each stanza in turn is tried with each identity (unknown stanza types
/// are skipped), the header MAC is checked, then the payload is decrypted.
///
/// `reader(from:)` hands out plaintext as it is pulled; `decrypt(from:to:)` runs the whole
/// file on every core. Either way, plaintext of chunks that verified is handed out before a
/// later payload error, which then says how many bytes were released: treat them as an
/// incomplete file.
public struct AgeDecryptor: Sendable {
    /// The default cap on a passphrase file's scrypt work factor (log2 N), as age's: 22.
    public static let defaultMaximumWorkFactor = 22

    let identities: [AgeIdentity]
    let passphrases: [Passphrase]
    let maximumWorkFactor: Int

    /// A decryptor trying each of `identities` (an empty list matches nothing).
    public init(identities: [AgeIdentity]) {
        self.identities = identities
        passphrases = []
        maximumWorkFactor = Self.defaultMaximumWorkFactor
    }

    /// A decryptor for passphrase-protected files (scrypt stanzas).
    /// - Parameter maximumWorkFactor: the highest log2 N accepted; files asking for more fail
    ///   with `workFactorTooHigh` before any work is done.
    /// - Throws: `emptyPassphrase`; `invalidWorkFactor` unless the maximum is 1...30.
    public init(passphrase: Passphrase, maximumWorkFactor: Int = defaultMaximumWorkFactor) throws(AgeError) {
        try self.init(identities: [], passphrases: [passphrase], maximumWorkFactor: maximumWorkFactor)
    }

    /// A decryptor trying identities and passphrases alike, as `age -d` with several `-i`.
    /// - Throws: `emptyPassphrase`; `invalidWorkFactor` unless the maximum is 1...30.
    public init(identities: [AgeIdentity], passphrases: [Passphrase], maximumWorkFactor: Int = defaultMaximumWorkFactor)
        throws(AgeError)
    {
        guard passphrases.allSatisfy({ $0.byteCount > 0 }) else { throw .emptyPassphrase }
        guard (1...Scrypt.maximumLogN).contains(maximumWorkFactor) else {
            throw .invalidWorkFactor(maximumWorkFactor)
        }
        self.identities = identities
        self.passphrases = passphrases
        self.maximumWorkFactor = maximumWorkFactor
    }

    /// A reader handing out the plaintext of the age file in `source`; the header is read
    /// and checked now.
    /// - Parameter hashPlaintext: whether the reader's `summary` gives the plaintext's SHA-256.
    /// - Throws: `AgeError`: `invalidArmor`, `invalidHeader`, `workFactorTooHigh`,
    ///   `noIdentityMatched`, `headerMACMismatch`, or `io` when `source` fails.
    public func reader<Source: ByteSource>(
        from source: Source, format: AgeInputFormat = .automatic, hashPlaintext: Bool = false
    ) throws(AgeError) -> AgeReader<Source> {
        try AgeReader(source: source, decryptor: self, format: format, hashPlaintext: hashPlaintext)
    }

    /// Decrypts the whole age file in `source` into `sink` on every core
    /// (`ChunkedStream.decrypt`), for large files.
    /// - Returns: the plaintext's size and, when asked, its SHA-256.
    /// - Throws: as `reader(from:)`, and `payloadFailed` (the sink then holds the authentic
    ///   plaintext before the failure, as many bytes as the error says) or `io` when the
    ///   sink fails.
    @discardableResult
    public func decrypt<Source: ByteSource, Sink: ByteSink>(
        from source: inout Source, to sink: inout Sink, format: AgeInputFormat = .automatic,
        hashPlaintext: Bool = false
    ) throws(AgeError) -> StreamSummary {
        try withUnsafeMutablePointer(to: &source) { (sourcePointer) throws(AgeError) in
            try withUnsafeMutablePointer(to: &sink) { (sinkPointer) throws(AgeError) in
                var opened = try open(BorrowedSource(pointer: sourcePointer), format: format)
                var output = CountingSink(base: BorrowedSink(pointer: sinkPointer))
                do {
                    return try ChunkedStream.decrypt(
                        from: &opened.payload, to: &output, key: opened.payloadKey,
                        hashPlaintext: hashPlaintext)
                } catch {
                    throw .classify(error, releasedByteCount: output.count)
                }
            }
        }
    }

    /// The plaintext of a whole age file held in memory (binary or armored).
    /// - Throws: as `reader(from:)`; `payloadFailed` for a damaged payload (nothing is returned).
    public func decrypt(_ file: [UInt8], format: AgeInputFormat = .automatic) throws(AgeError) -> [UInt8] {
        let reader = try reader(from: BytesSource(file), format: format)
        var out: [UInt8] = []
        var block = [UInt8](repeating: 0, count: ChunkedStream.chunkByteCount)
        defer { SecureBytes.wipe(&block) }
        while true {
            let count: Int
            do {
                count = try block.withUnsafeMutableBytes { try reader.read(into: $0) }
            } catch {
                throw .classify(error, releasedByteCount: reader.releasedByteCount)
            }
            if count == 0 { return out }
            out += block[..<count]
        }
    }

    /// An opened file: its header and the payload after the nonce, with its key.
    struct Opened<Source: ByteSource> {
        let header: AgeHeader
        let input: AgeInput<Source>
        var payload: PrefixedSource<AgeInput<Source>>
        let payloadKey: SymmetricKey
    }

    /// Reads and checks the header, finds the file key, checks the MAC, reads the nonce.
    func open<Source: ByteSource>(_ source: Source, format: AgeInputFormat) throws(AgeError)
        -> Opened<Source>
    {
        let input: AgeInput<Source>
        let read: HeaderReader.Result
        do {
            input = try AgeInput(source: source, format: format)
            var reading = input
            read = try HeaderReader.read(from: &reading)
        } catch {
            throw .classify(error, releasedByteCount: 0)
        }
        let fileKey = try unwrapFileKey(from: read.header)
        guard read.header.hasValidMAC(for: fileKey) else { throw .headerMACMismatch }
        var payload = PrefixedSource(prefix: read.leftover, base: input)
        var nonce = [UInt8](repeating: 0, count: FileKey.payloadNonceByteCount)
        let count: Int
        do {
            count = try nonce.withUnsafeMutableBytes { try payload.readFully(into: $0) }
        } catch {
            throw .classify(error, releasedByteCount: 0)
        }
        guard count == nonce.count else {
            throw .invalidHeader(reason: "the file ends before the payload's 16-byte nonce")
        }
        return Opened(
            header: read.header, input: input, payload: payload,
            payloadKey: fileKey.payloadKey(nonce: nonce))
    }

    /// The file key from the first stanza that one of the identities or passphrases opens.
    /// - Throws: `invalidHeader` when an scrypt stanza is not alone or a stanza for one of
    ///   the given keys is malformed; `workFactorTooHigh`; `noIdentityMatched`.
    func unwrapFileKey(from header: AgeHeader) throws(AgeError) -> FileKey {
        if header.stanzas.contains(where: { $0.type == ScryptStanza.type }), header.stanzas.count != 1 {
            throw .invalidHeader(reason: "a passphrase (scrypt) stanza is not the only stanza")
        }
        for stanza in header.stanzas {
            for identity in identities {
                if let key = try X25519Stanza.unwrap(stanza, with: identity) { return key }
            }
            for passphrase in passphrases {
                if let key = try ScryptStanza.unwrap(stanza, passphrase: passphrase, maximumLogN: maximumWorkFactor) {
                    return key
                }
            }
        }
        throw .noIdentityMatched
    }
}
