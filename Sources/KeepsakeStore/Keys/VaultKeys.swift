import KeepsakeCrypto

/// The keys of one key epoch: what a passphrase change replaces. Frames from `firstSeq` on
/// (until the next epoch) are sealed, masked and salted with these; the head file with the
/// newest epoch's head key.
struct EpochKeys: Sendable {
    /// The first frame sealed with these keys.
    let firstSeq: UInt64
    /// The epoch's master key (the key ring keeps every epoch's).
    let master: SymmetricKey
    /// XChaCha20-Poly1305 key of the epoch's log frames (subkey 1).
    let frameKey: SymmetricKey
    /// BLAKE2b key that masks the epoch's frame headers (subkey 2).
    let headerMaskKey: SecureBytes
    /// XChaCha20-Poly1305 key of the head file while this epoch is the newest (subkey 3).
    let headKey: SymmetricKey
    /// BLAKE2b key that makes the epoch's commitment salts (subkey 5).
    let saltKey: SecureBytes

    /// Derives the epoch's keys from its master key.
    init(master: SymmetricKey, firstSeq: UInt64) {
        self.firstSeq = firstSeq
        self.master = master
        frameKey = try! SymmetricKey(VaultKeys.subkey(master, 1))
        headerMaskKey = VaultKeys.subkey(master, 2)
        headKey = try! SymmetricKey(VaultKeys.subkey(master, 3))
        saltKey = VaultKeys.subkey(master, 5)
    }
}

/// The purpose keys derived with `crypto_kdf` (context "keepsake") from the master key of
/// every key epoch, and the vault id. The first epoch's master key also gives the vault id
/// and the signing key, which never change; each later epoch (a passphrase change, a new
/// recovery code) has its own frame, mask, head and salt keys, so a key file or a passphrase
/// from before the change reaches nothing written after it (docs/FORMAT.md, "Key epochs").
struct VaultKeys: Sendable {
    /// Each epoch's keys, oldest first (a vault made before version 3 starts with one).
    let epochs: [EpochKeys]
    /// Ed25519 signing key for tree heads (seed = subkey 4 of the first epoch).
    let signingKey: Ed25519.PrivateKey
    /// 16 bytes naming the vault in associated data and tree heads (subkey 6 of the first
    /// epoch, not secret).
    let vaultId: [UInt8]
    /// The seed of `signingKey` (a re-key keeps it).
    let signingSeed: SecureBytes
    /// What a re-key kept: the identity above and the salt keys of the frames before it.
    let kept: KeptKeys?
    /// The newest epoch's key generation.
    let generation: UInt64
    /// Frames below this have a kept salt key (0 for a vault never re-keyed): one comparison
    /// per frame on the hot path, the optional `kept` read only past it.
    private let keptSaltsEnd: UInt64

    static let context = "keepsake"

    /// Derives every key from one master key (a vault with one epoch).
    init(master: SymmetricKey) {
        self.init(masters: [(0, master)])
    }

    /// Derives every epoch's keys: `masters` holds each epoch's first frame and master key,
    /// oldest first (never empty; the first starts at frame 0).
    init(masters: [(firstSeq: UInt64, key: SymmetricKey)], kept: KeptKeys? = nil) {
        precondition(!masters.isEmpty && masters[0].firstSeq == 0, "the first epoch starts at frame 0")
        epochs = masters.map { EpochKeys(master: $0.key, firstSeq: $0.firstSeq) }
        signingSeed = kept?.signingSeed ?? Self.subkey(masters[0].key, 4)
        signingKey = try! Ed25519.PrivateKey(seed: signingSeed)
        vaultId = kept?.vaultId ?? Self.subkey(masters[0].key, 6, 16).withUnsafeBytes { Array($0) }
        self.kept = kept
        keptSaltsEnd = kept?.saltsEnd ?? 0
        generation = (kept?.generationBase ?? 0) + UInt64(masters.count - 1)
    }

    /// Every key the ring holds.
    init(ring: KeyRing) {
        self.init(masters: ring.epochs.map { ($0.firstSeq, $0.master) }, kept: ring.kept)
    }

    /// The salt key of frame `seq`: a kept one for a frame from before a re-key, else its
    /// epoch's.
    @inline(__always)
    private func saltKey(seq: UInt64) -> SecureBytes {
        if seq < keptSaltsEnd, let kept { return kept.saltKey(seq: seq) }
        return epochs[epochIndex(of: seq)].saltKey
    }

    /// Each range of frames' salt key up to `end` (the frames written so far): what a re-key
    /// keeps.
    func saltKeys(upTo end: UInt64) -> [(firstSeq: UInt64, key: SecureBytes)] {
        var salts = kept?.salts ?? []
        let keptEnd = kept?.saltsEnd ?? 0
        for epoch in epochs {
            let first = max(epoch.firstSeq, keptEnd)
            guard first < end || salts.isEmpty else { continue }
            if let last = salts.last, last.firstSeq == first { salts.removeLast() }
            salts.append((first, epoch.saltKey))
        }
        return salts
    }

    /// Subkey `id` of `master` (context and sizes are constants within libsodium's bounds).
    static func subkey(_ master: SymmetricKey, _ id: UInt64, _ bytes: Int = 32) -> SecureBytes {
        try! KeyDerivation.deriveSubkey(from: master, id: id, context: context, byteCount: bytes)
    }

    /// The newest epoch: new frames and the head file use its keys.
    var current: EpochKeys { epochs[epochs.count - 1] }

    /// XChaCha20-Poly1305 key of the head file (the newest epoch's).
    var headKey: SymmetricKey { current.headKey }

    /// The epoch frame `seq` belongs to.
    func epoch(of seq: UInt64) -> EpochKeys { epochs[epochIndex(of: seq)] }

    /// The position in `epochs` of frame `seq`'s epoch (the per-frame accessors below read
    /// one key through it, without copying the epoch's other keys).
    @inline(__always)
    private func epochIndex(of seq: UInt64) -> Int {
        var index = epochs.count - 1
        while index > 0 && epochs[index].firstSeq > seq { index -= 1 }
        return index
    }

    /// The XChaCha20-Poly1305 key of frame `seq`.
    func frameKey(seq: UInt64) -> SymmetricKey { epochs[epochIndex(of: seq)].frameKey }

    /// The mask XORed over frame `seq`'s 36-byte header.
    func headerMask(seq: UInt64) -> [UInt8] {
        Self.keyedHash(seq: seq, key: epochs[epochIndex(of: seq)].headerMaskKey, byteCount: LogFrame.headerByteCount)
    }

    /// Writes that mask into `output` (36 bytes), allocating nothing.
    func headerMask(seq: UInt64, into output: UnsafeMutableRawBufferPointer) {
        Self.keyedHash(seq: seq, key: epochs[epochIndex(of: seq)].headerMaskKey, into: output)
    }

    /// The 32-byte salt of frame `seq`'s Merkle commitment (disclosed only with that entry).
    func commitmentSalt(seq: UInt64) -> [UInt8] {
        Self.keyedHash(seq: seq, key: saltKey(seq: seq), byteCount: 32)
    }

    /// Writes that salt into `output` (32 bytes), allocating nothing.
    func commitmentSalt(seq: UInt64, into output: UnsafeMutableRawBufferPointer) {
        Self.keyedHash(seq: seq, key: saltKey(seq: seq), into: output)
    }

    /// The same keys with `head` as the head file's key: to read a head file written before
    /// the newest epoch began (a crash during a key change).
    func withHeadKey(of head: EpochKeys) -> VaultKeys {
        VaultKeys(copying: self, epochs: epochs.dropLast() + [head])
    }

    private init(copying other: VaultKeys, epochs: [EpochKeys]) {
        self.epochs = epochs
        signingKey = other.signingKey
        signingSeed = other.signingSeed
        vaultId = other.vaultId
        kept = other.kept
        keptSaltsEnd = other.keptSaltsEnd
        generation = other.generation
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
