import KeepsakeCrypto

/// The purpose keys derived from the master key with `crypto_kdf` (context "keepsake"), and
/// the vault id. One master key, many keys that can't be confused with one another.
struct VaultKeys: Sendable {
    /// XChaCha20-Poly1305 key of the log frames (subkey 1).
    let frameKey: SymmetricKey
    /// BLAKE2b key that masks frame headers (subkey 2).
    let headerMaskKey: SecureBytes
    /// XChaCha20-Poly1305 key of the head file (subkey 3).
    let headKey: SymmetricKey
    /// Ed25519 signing key for tree heads (seed = subkey 4).
    let signingKey: Ed25519.PrivateKey
    /// BLAKE2b key that makes each entry's commitment salt (subkey 5).
    let saltKey: SecureBytes
    /// 16 bytes naming the vault in associated data and tree heads (subkey 6, not secret).
    let vaultId: [UInt8]

    static let context = "keepsake"

    /// Derives every key from the master key.
    init(master: SymmetricKey) {
        // Context and sizes are constants within libsodium's bounds: these cannot throw.
        func sub(_ id: UInt64, _ bytes: Int = 32) -> SecureBytes {
            try! KeyDerivation.deriveSubkey(from: master, id: id, context: Self.context, byteCount: bytes)
        }
        frameKey = try! SymmetricKey(sub(1))
        headerMaskKey = sub(2)
        headKey = try! SymmetricKey(sub(3))
        signingKey = try! Ed25519.PrivateKey(seed: sub(4))
        saltKey = sub(5)
        vaultId = sub(6, 16).withUnsafeBytes { Array($0) }
    }

    /// The mask XORed over frame `seq`'s 36-byte header.
    func headerMask(seq: UInt64) -> [UInt8] {
        Self.keyedHash(seq: seq, key: headerMaskKey, byteCount: LogFrame.headerByteCount)
    }

    /// Writes that mask into `output` (36 bytes), allocating nothing.
    func headerMask(seq: UInt64, into output: UnsafeMutableRawBufferPointer) {
        Self.keyedHash(seq: seq, key: headerMaskKey, into: output)
    }

    /// The 32-byte salt of frame `seq`'s Merkle commitment (disclosed only with that entry).
    func commitmentSalt(seq: UInt64) -> [UInt8] {
        Self.keyedHash(seq: seq, key: saltKey, byteCount: 32)
    }

    /// Writes that salt into `output` (32 bytes), allocating nothing.
    func commitmentSalt(seq: UInt64, into output: UnsafeMutableRawBufferPointer) {
        Self.keyedHash(seq: seq, key: saltKey, into: output)
    }

    /// BLAKE2b keyed with `key` over `seq` (u64 BE): `byteCount` bytes, in a new array.
    private static func keyedHash(seq: UInt64, key: SecureBytes, byteCount: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, count in
            keyedHash(seq: seq, key: key, into: UnsafeMutableRawBufferPointer(buffer))
            count = byteCount
        }
    }

    /// BLAKE2b keyed with `key` over `seq` (u64 BE), as long as `output`.
    private static func keyedHash(seq: UInt64, key: SecureBytes, into output: UnsafeMutableRawBufferPointer) {
        withUnsafeBytes(of: seq.bigEndian) { input in
            // Key and output sizes are constants within BLAKE2b's bounds.
            try! BLAKE2b.hash(input, key: key, into: output)
        }
    }
}

extension UInt64 {
    /// Eight bytes, most significant first.
    var bigEndianBytes: [UInt8] { withUnsafeBytes(of: bigEndian) { Array($0) } }

    /// Reads eight big-endian bytes.
    init(bigEndianBytes b: some Collection<UInt8>) {
        self = b.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
