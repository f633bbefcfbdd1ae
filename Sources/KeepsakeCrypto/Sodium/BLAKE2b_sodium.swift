internal import CSodium

/// BLAKE2b (`crypto_generichash`), one-shot and incremental, 16 to 64 bytes of output,
/// optionally keyed. minisign prehashes with the 64-byte unkeyed form.
public final class BLAKE2b {
    /// Output sizes libsodium accepts.
    public static let outputByteCountRange = 16...64

    private let state: UnsafeMutableRawPointer
    private let outputByteCount: Int
    private var finished = false

    /// Starts an incremental hash.
    /// - Throws: `invalidParameter` for an output size outside 16...64 or a key over 64 bytes.
    public init(outputByteCount: Int = 32, key: SecureBytes? = nil) throws(CryptoError) {
        try Self.check(outputByteCount: outputByteCount, key: key)
        self.outputByteCount = outputByteCount
        state = UnsafeMutableRawPointer.allocate(
            byteCount: crypto_generichash_statebytes(), alignment: 64)
        let s = OpaquePointer(state)
        if let key {
            key.withUnsafeBytes { k in
                _ = crypto_generichash_init(
                    s, ptr(k), k.count, outputByteCount)
            }
        } else {
            _ = crypto_generichash_init(s, nil, 0, outputByteCount)
        }
    }

    /// Initialises libsodium and refuses an output size or key length it does not take.
    private static func check(outputByteCount: Int, key: SecureBytes?) throws(CryptoError) {
        Sodium.ensureInitialised()
        guard outputByteCountRange.contains(outputByteCount) else {
            throw .invalidParameter("BLAKE2b output of \(outputByteCount) bytes")
        }
        if let key, key.count > Int(crypto_generichash_keybytes_max()) {
            throw .invalidParameter("BLAKE2b key of \(key.count) bytes")
        }
    }

    deinit {
        sodium_memzero(state, crypto_generichash_statebytes())
        state.deallocate()
    }

    /// Feeds bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "BLAKE2b updated after finalize")
        _ = crypto_generichash_update(
            OpaquePointer(state),
            ptr(bytes), UInt64(bytes.count))
    }

    /// Feeds bytes.
    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// Returns the digest; the hasher can't be used afterwards.
    public func finalize() -> [UInt8] {
        precondition(!finished, "BLAKE2b finalized twice")
        finished = true
        var out = [UInt8](repeating: 0, count: outputByteCount)
        out.withUnsafeMutableBytes { o in
            _ = crypto_generichash_final(
                OpaquePointer(state),
                ptr(o), outputByteCount)
        }
        return out
    }

    /// One-shot hash (`crypto_generichash`: no state to allocate; opening a vault makes two
    /// keyed hashes per frame).
    /// - Throws: as `init`.
    public static func hash(
        _ bytes: [UInt8], outputByteCount: Int = 32, key: SecureBytes? = nil
    ) throws(CryptoError) -> [UInt8] {
        try check(outputByteCount: outputByteCount, key: key)
        var out = [UInt8](repeating: 0, count: outputByteCount)
        out.withUnsafeMutableBytes { o in bytes.withUnsafeBytes { b in hashChecked(b, key: key, into: o) } }
        return out
    }

    /// One-shot hash of `bytes` into `output`, whose length (16 to 64 bytes) is the digest's:
    /// no allocation at all, for hashes made once per frame of a large log.
    /// - Throws: as `init`.
    public static func hash(
        _ bytes: UnsafeRawBufferPointer, key: SecureBytes? = nil, into output: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) {
        try check(outputByteCount: output.count, key: key)
        hashChecked(bytes, key: key, into: output)
    }

    private static func hashChecked(
        _ bytes: UnsafeRawBufferPointer, key: SecureBytes?, into output: UnsafeMutableRawBufferPointer
    ) {
        if let key {
            key.withUnsafeBytes { k in
                _ = crypto_generichash(ptr(output), output.count, ptr(bytes), UInt64(bytes.count), ptr(k), k.count)
            }
        } else {
            _ = crypto_generichash(ptr(output), output.count, ptr(bytes), UInt64(bytes.count), nil, 0)
        }
    }
}
