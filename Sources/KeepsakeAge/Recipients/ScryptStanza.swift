import KeepsakeCrypto

/// The scrypt (passphrase) recipient stanza: `-> scrypt <salt> <log2 N>` and the file key
/// sealed under scrypt(passphrase, "age-encryption.org/v1/scrypt" ‖ salt, N, r = 8, p = 1).
/// It must be the only stanza of its header.
enum ScryptStanza {
    /// The stanza type.
    static let type = "scrypt"
    /// The salt's length: 16 bytes.
    static let saltByteCount = 16
    private static let label = Array("age-encryption.org/v1/scrypt".utf8)

    /// Wraps `fileKey` under `passphrase` with a fresh salt and N = 2^`logN`.
    /// - Throws: `AgeError.outOfMemory` when scrypt can't get its memory.
    static func wrap(_ fileKey: FileKey, passphrase: Passphrase, logN: Int) throws(AgeError) -> AgeStanza {
        let salt = SecureRandom.bytes(count: saltByteCount)
        let wrapKey = try wrapKey(passphrase: passphrase, salt: salt, logN: logN)
        return AgeStanza(
            type: type, arguments: [Base64.encode(salt, variant: .originalNoPadding), String(logN)],
            body: fileKey.sealed(under: wrapKey))
    }

    /// Unwraps the file key from `stanza` with `passphrase`: nil when the stanza is not an
    /// scrypt one or the passphrase is wrong.
    /// - Throws: `AgeError.invalidHeader` for a malformed scrypt stanza (not exactly two
    ///   arguments, a salt that is not canonical base64 of 16 bytes, a work factor that is not
    ///   a decimal without leading zeros, a body that is not 32 bytes);
    ///   `AgeError.workFactorTooHigh` above `maximumLogN`.
    static func unwrap(_ stanza: AgeStanza, passphrase: Passphrase, maximumLogN: Int) throws(AgeError)
        -> FileKey?
    {
        guard stanza.type == type else { return nil }
        guard stanza.arguments.count == 2 else {
            throw .invalidHeader(reason: "an scrypt stanza has \(stanza.arguments.count) arguments, not 2")
        }
        let salt = try AgeHeader.decodeBase64(ArraySlice(stanza.arguments[0].utf8), what: "an scrypt salt")
        guard salt.count == saltByteCount else {
            throw .invalidHeader(reason: "an scrypt salt is \(salt.count) bytes, not 16")
        }
        let logN = try workFactor(stanza.arguments[1])
        guard logN <= maximumLogN else { throw .workFactorTooHigh(logN: logN, maximum: maximumLogN) }
        guard stanza.body.count == FileKey.sealedByteCount else {
            throw .invalidHeader(reason: "an scrypt stanza body is \(stanza.body.count) bytes, not 32")
        }
        let wrapKey = try wrapKey(passphrase: passphrase, salt: salt, logN: logN)
        return FileKey.opened(stanza.body, under: wrapKey)
    }

    /// Reads log2 N: `^[1-9][0-9]*$`, refusing more than two digits (far above any maximum)
    /// so that nothing overflows.
    private static func workFactor(_ text: String) throws(AgeError) -> Int {
        let digits = Array(text.utf8)
        guard let first = digits.first, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { throw .invalidHeader(reason: "an scrypt work factor is not a positive decimal number") }
        guard digits.count <= 2 else {
            throw .invalidHeader(reason: "an scrypt work factor is far too large")
        }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func wrapKey(passphrase: Passphrase, salt: [UInt8], logN: Int) throws(AgeError)
        -> SymmetricKey
    {
        do {
            return try SymmetricKey(
                Scrypt.deriveKey(
                    password: passphrase.secret, salt: label + salt, logN: logN, r: 8, p: 1,
                    outputByteCount: SymmetricKey.byteCount))
        } catch {
            // logN is within 1...30 here, so the only failure left is the memory.
            throw .outOfMemory
        }
    }
}
