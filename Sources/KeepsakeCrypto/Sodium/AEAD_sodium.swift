internal import CSodium

/// XChaCha20-Poly1305 (IETF construction, 192-bit nonce): the vault's record cipher.
/// Random nonces are safe at this size.
public enum XChaCha20Poly1305 {
    /// Nonce length: 24 bytes.
    public static let nonceByteCount = 24
    /// Authentication tag length: 16 bytes.
    public static let tagByteCount = 16

    /// A fresh random nonce.
    public static func randomNonce() -> [UInt8] { SecureRandom.bytes(count: nonceByteCount) }

    /// Encrypts and authenticates; returns ciphertext ‖ tag
    /// (`crypto_aead_xchacha20poly1305_ietf_encrypt`).
    /// - Throws: `CryptoError.invalidLength` for a nonce that is not 24 bytes.
    public static func seal(
        _ plaintext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try AEADCore.xchacha.seal(plaintext, key: key, nonce: nonce, associatedData: associatedData)
    }

    /// Checks and decrypts ciphertext ‖ tag
    /// (`crypto_aead_xchacha20poly1305_ietf_decrypt`).
    /// - Throws: `CryptoError.authenticationFailed` if anything was altered or the key is wrong;
    ///   `invalidLength` for a bad nonce or a ciphertext shorter than a tag.
    public static func open(
        _ ciphertext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try AEADCore.xchacha.open(ciphertext, key: key, nonce: nonce, associatedData: associatedData)
    }

    /// Checks and decrypts ciphertext ‖ tag straight into `output` (exactly 16 bytes
    /// shorter), with no copy in or out: for reading many records out of one buffer. Returns
    /// false when anything was altered or the key is wrong (`output` then holds nothing of use).
    /// - Throws: `CryptoError.invalidLength` for a nonce that is not 24 bytes, a ciphertext
    ///   shorter than a tag, or an output of the wrong size.
    public static func open(
        _ ciphertext: UnsafeRawBufferPointer, key: SymmetricKey, nonce: UnsafeRawBufferPointer,
        associatedData: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) -> Bool {
        try AEADCore.xchacha.open(
            ciphertext, key: key, nonce: nonce, associatedData: associatedData, into: output)
    }

    /// Like `open`, but the plaintext (a wrapped key) goes straight into secure memory.
    /// - Throws: as `open`.
    public static func openSecret(
        _ ciphertext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> SecureBytes {
        try AEADCore.xchacha.openSecret(
            ciphertext, key: key, nonce: nonce, associatedData: associatedData)
    }

    /// Encrypts a secret (a key to be wrapped) without copying it out of secure memory.
    /// - Throws: `CryptoError.invalidLength` for a nonce that is not 24 bytes.
    public static func sealSecret(
        _ plaintext: SecureBytes, key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try plaintext.withUnsafeBytes { (p) throws(CryptoError) in
            try AEADCore.xchacha.seal(p, key: key, nonce: nonce, associatedData: associatedData)
        }
    }
}

/// ChaCha20-Poly1305 (IETF, RFC 8439, 96-bit nonce): age's cipher and the chunked stream's.
/// Never use a random nonce with it; nonces here are counters or single-use keys.
public enum ChaCha20Poly1305 {
    /// Nonce length: 12 bytes.
    public static let nonceByteCount = 12
    /// Authentication tag length: 16 bytes.
    public static let tagByteCount = 16

    /// Encrypts and authenticates; returns ciphertext ‖ tag
    /// (`crypto_aead_chacha20poly1305_ietf_encrypt`).
    /// - Throws: `CryptoError.invalidLength` for a nonce that is not 12 bytes.
    public static func seal(
        _ plaintext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try AEADCore.ietf.seal(plaintext, key: key, nonce: nonce, associatedData: associatedData)
    }

    /// Checks and decrypts ciphertext ‖ tag (`crypto_aead_chacha20poly1305_ietf_decrypt`).
    /// - Throws: `CryptoError.authenticationFailed`, or `invalidLength` as for XChaCha20Poly1305.
    public static func open(
        _ ciphertext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try AEADCore.ietf.open(ciphertext, key: key, nonce: nonce, associatedData: associatedData)
    }

    /// Like `open`, but the plaintext (a wrapped key) goes straight into secure memory.
    /// - Throws: as `open`.
    public static func openSecret(
        _ ciphertext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> SecureBytes {
        try AEADCore.ietf.openSecret(
            ciphertext, key: key, nonce: nonce, associatedData: associatedData)
    }

    /// Encrypts a secret held in secure memory.
    /// - Throws: `CryptoError.invalidLength` for a nonce that is not 12 bytes.
    public static func sealSecret(
        _ plaintext: SecureBytes, key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> [UInt8] {
        try plaintext.withUnsafeBytes { (p) throws(CryptoError) in
            try AEADCore.ietf.seal(p, key: key, nonce: nonce, associatedData: associatedData)
        }
    }
}

/// The two IETF AEADs share one C signature; this holds the functions and does the work once.
struct AEADCore: Sendable {
    typealias Encrypt = @convention(c) (
        UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt64>?, UnsafePointer<UInt8>?, UInt64,
        UnsafePointer<UInt8>?, UInt64, UnsafePointer<UInt8>?, UnsafePointer<UInt8>,
        UnsafePointer<UInt8>
    ) -> Int32
    typealias Decrypt = @convention(c) (
        UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt64>?, UnsafeMutablePointer<UInt8>?,
        UnsafePointer<UInt8>, UInt64, UnsafePointer<UInt8>?, UInt64, UnsafePointer<UInt8>,
        UnsafePointer<UInt8>
    ) -> Int32

    let nonceByteCount: Int
    let encrypt: Encrypt
    let decrypt: Decrypt
    static let tagByteCount = 16

    static let xchacha = AEADCore(
        nonceByteCount: 24, encrypt: crypto_aead_xchacha20poly1305_ietf_encrypt,
        decrypt: crypto_aead_xchacha20poly1305_ietf_decrypt)
    static let ietf = AEADCore(
        nonceByteCount: 12, encrypt: crypto_aead_chacha20poly1305_ietf_encrypt,
        decrypt: crypto_aead_chacha20poly1305_ietf_decrypt)

    func seal(_ plaintext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8])
        throws(CryptoError) -> [UInt8]
    {
        try CryptoError.checkLength("nonce", expected: nonceByteCount, actual: nonce.count)
        return plaintext.withUnsafeBytes { p in
            sealChecked(p, key: key, nonce: nonce, associatedData: associatedData)
        }
    }

    func seal(
        _ plaintext: UnsafeRawBufferPointer, key: SymmetricKey, nonce: [UInt8],
        associatedData: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        try CryptoError.checkLength("nonce", expected: nonceByteCount, actual: nonce.count)
        return sealChecked(plaintext, key: key, nonce: nonce, associatedData: associatedData)
    }

    private func sealChecked(
        _ plaintext: UnsafeRawBufferPointer, key: SymmetricKey, nonce: [UInt8],
        associatedData: [UInt8]
    ) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: plaintext.count + Self.tagByteCount)
        out.withUnsafeMutableBytes { o in
            nonce.withUnsafeBytes { n in
                associatedData.withUnsafeBytes { a in
                    key.withUnsafeBytes { k in
                        sealRaw(into: o, plaintext, nonce: n, associatedData: a, key: k)
                    }
                }
            }
        }
        return out
    }

    /// Encrypts `plaintext` into `output` (exactly plaintext.count + 16 bytes). No checks.
    func sealRaw(
        into output: UnsafeMutableRawBufferPointer, _ plaintext: UnsafeRawBufferPointer,
        nonce: UnsafeRawBufferPointer, associatedData: UnsafeRawBufferPointer,
        key: UnsafeRawBufferPointer
    ) {
        Sodium.ensureInitialised()
        precondition(output.count == plaintext.count + Self.tagByteCount)
        _ = encrypt(
            ptr(output), nil,
            ptr(plaintext), UInt64(plaintext.count),
            ptr(associatedData), UInt64(associatedData.count),
            nil, ptr(nonce),
            ptr(key))
    }

    /// Decrypts `ciphertext` into `output` (exactly ciphertext.count − 16 bytes). Returns false
    /// when the tag does not verify.
    func openRaw(
        into output: UnsafeMutableRawBufferPointer, _ ciphertext: UnsafeRawBufferPointer,
        nonce: UnsafeRawBufferPointer, associatedData: UnsafeRawBufferPointer,
        key: UnsafeRawBufferPointer
    ) -> Bool {
        Sodium.ensureInitialised()
        precondition(ciphertext.count >= Self.tagByteCount)
        precondition(output.count == ciphertext.count - Self.tagByteCount)
        return decrypt(
            ptr(output), nil, nil, ptr(ciphertext), UInt64(ciphertext.count),
            ptr(associatedData), UInt64(associatedData.count), ptr(nonce), ptr(key)) == 0
    }

    func open(_ ciphertext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8])
        throws(CryptoError) -> [UInt8]
    {
        try checkOpenInputs(ciphertext.count, nonce: nonce)
        var out = [UInt8](repeating: 0, count: ciphertext.count - Self.tagByteCount)
        let ok = out.withUnsafeMutableBytes { o in
            openInto(o, ciphertext, key: key, nonce: nonce, associatedData: associatedData)
        }
        guard ok else { throw .authenticationFailed }
        return out
    }

    /// `open` from and into caller's buffers, lengths checked.
    func open(
        _ ciphertext: UnsafeRawBufferPointer, key: SymmetricKey, nonce: UnsafeRawBufferPointer,
        associatedData: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) -> Bool {
        try CryptoError.checkLength("nonce", expected: nonceByteCount, actual: nonce.count)
        guard ciphertext.count >= Self.tagByteCount else {
            throw .invalidLength(
                what: "ciphertext (at least a tag)", expected: Self.tagByteCount,
                actual: ciphertext.count)
        }
        try CryptoError.checkLength(
            "plaintext buffer", expected: ciphertext.count - Self.tagByteCount, actual: output.count)
        return key.withUnsafeBytes { k in
            openRaw(into: output, ciphertext, nonce: nonce, associatedData: associatedData, key: k)
        }
    }

    func openSecret(
        _ ciphertext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8]
    ) throws(CryptoError) -> SecureBytes {
        try checkOpenInputs(ciphertext.count, nonce: nonce)
        var ok = false
        let out = SecureBytes(count: ciphertext.count - Self.tagByteCount) { o in
            ok = openInto(o, ciphertext, key: key, nonce: nonce, associatedData: associatedData)
        }
        guard ok else { throw .authenticationFailed }
        return out
    }

    private func checkOpenInputs(_ ciphertextCount: Int, nonce: [UInt8]) throws(CryptoError) {
        try CryptoError.checkLength("nonce", expected: nonceByteCount, actual: nonce.count)
        guard ciphertextCount >= Self.tagByteCount else {
            throw .invalidLength(
                what: "ciphertext (at least a tag)", expected: Self.tagByteCount,
                actual: ciphertextCount)
        }
    }

    private func openInto(
        _ output: UnsafeMutableRawBufferPointer, _ ciphertext: [UInt8], key: SymmetricKey,
        nonce: [UInt8], associatedData: [UInt8]
    ) -> Bool {
        ciphertext.withUnsafeBytes { c in
            nonce.withUnsafeBytes { n in
                associatedData.withUnsafeBytes { a in
                    key.withUnsafeBytes { k in
                        openRaw(into: output, c, nonce: n, associatedData: a, key: k)
                    }
                }
            }
        }
    }
}
