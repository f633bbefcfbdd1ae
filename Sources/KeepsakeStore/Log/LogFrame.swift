import KeepsakeCrypto

/// One frame of the append-only log: one record, sealed.
///
///     masked header (36) ‖ nonce (24) ‖ sealed (sealedLength)
///
/// header = sealedLength (u32 BE) ‖ previous frame's hash (32), XORed with
/// BLAKE2b-288(key: header-mask key, seq u64 BE): without the key, frame boundaries and so the
/// number of entries can't be seen. sealed = XChaCha20-Poly1305 of the padded plaintext with
/// associated data "keepsake/v1/frame" ‖ vault id ‖ seq (u64 BE) ‖ previous hash, so a
/// removed, reordered, duplicated or spliced frame fails.
struct LogFrame {
    static let headerByteCount = 36
    static let overheadByteCount = headerByteCount + XChaCha20Poly1305.nonceByteCount
    /// Padded plaintexts are powers of two from 512 bytes to 4 MiB.
    static let smallestBucket = 512
    static let largestBucket = 4 << 20
    /// The largest record plaintext (kind, time, payload) a frame holds: one byte of padding
    /// is always added.
    static let maximumPlaintextByteCount = largestBucket - 1

    /// The sealed lengths a valid frame can have (bucket + 16-byte tag).
    static func isValidSealedLength(_ length: Int) -> Bool {
        let bucket = length - XChaCha20Poly1305.tagByteCount
        return bucket >= smallestBucket && bucket <= largestBucket && bucket & (bucket - 1) == 0
    }

    /// The bucket a plaintext of `count` bytes is padded to.
    static func bucket(forPlaintextCount count: Int) -> Int {
        var bucket = smallestBucket
        while bucket <= count { bucket <<= 1 }
        return bucket
    }

    /// The hash that the next frame chains to: SHA-256 of the frame's bytes as stored.
    static func hash(_ frame: some Collection<UInt8>) -> [UInt8] {
        Array(frame).withUnsafeBytes { SHA256.hash($0) }
    }

    /// The previous-hash value of frame 0.
    static func genesisHash(vaultId: [UInt8]) -> [UInt8] {
        SHA256.hash(Array("keepsake/v1/genesis".utf8) + vaultId)
    }

    static func associatedData(vaultId: [UInt8], seq: UInt64, previousHash: [UInt8]) -> [UInt8] {
        Array("keepsake/v1/frame".utf8) + vaultId + seq.bigEndianBytes + previousHash
    }

    /// Seals `plaintext` as frame `seq`.
    /// - Throws: `StoreError.entryTooLarge`.
    static func seal(
        _ plaintext: [UInt8], seq: UInt64, previousHash: [UInt8], keys: VaultKeys
    ) throws(StoreError) -> [UInt8] {
        guard plaintext.count <= maximumPlaintextByteCount else {
            throw .entryTooLarge(size: plaintext.count, limit: maximumPlaintextByteCount)
        }
        let bucket = bucket(forPlaintextCount: plaintext.count)
        let padded = try! Padding.pad(plaintext, blockSize: bucket)  // bucket > 0
        let nonce = XChaCha20Poly1305.randomNonce()
        let sealed = try! XChaCha20Poly1305.seal(  // nonce length is right by construction
            padded, key: keys.frameKey, nonce: nonce,
            associatedData: associatedData(vaultId: keys.vaultId, seq: seq, previousHash: previousHash))
        let header = UInt32(sealed.count).bigEndianBytes + previousHash
        let masked = zip(header, keys.headerMask(seq: seq)).map { $0 ^ $1 }
        return masked + nonce + sealed
    }

    /// What a masked header says when unmasked for `seq`, or nil if the length is not one a
    /// frame can have (the header is damaged, or belongs to another sequence number).
    static func readHeader(_ masked: ArraySlice<UInt8>, seq: UInt64, keys: VaultKeys)
        -> (sealedLength: Int, previousHash: [UInt8])?
    {
        guard masked.count == headerByteCount else { return nil }
        var header = keys.headerMask(seq: seq)
        for (index, byte) in zip(header.indices, masked) { header[index] ^= byte }
        let length = Int(header[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard isValidSealedLength(length) else { return nil }
        return (length, Array(header[4..<36]))
    }

    /// Where the frame at `offset` ends and the hash it chains to, read as frame `seq`: nil
    /// when its header is not valid for `seq` or the frame runs past the end of the log.
    static func locate(in log: [UInt8], at offset: Int, seq: UInt64, keys: VaultKeys)
        -> (end: Int, previousHash: [UInt8])?
    {
        let sealedStart = offset + overheadByteCount
        guard sealedStart <= log.count,
            let header = readHeader(log[offset..<offset + headerByteCount], seq: seq, keys: keys)
        else { return nil }
        let end = sealedStart + header.sealedLength
        guard end <= log.count else { return nil }
        return (end, header.previousHash)
    }

    /// Opens the located frame `offset..<end` of `log` as frame `seq`; nil when it does not
    /// authenticate.
    static func open(
        in log: [UInt8], at offset: Int, end: Int, seq: UInt64, previousHash: [UInt8], keys: VaultKeys
    ) -> [UInt8]? {
        let sealedStart = offset + overheadByteCount
        return open(
            nonce: log[offset + headerByteCount..<sealedStart], sealed: log[sealedStart..<end],
            seq: seq, previousHash: previousHash, keys: keys)
    }

    /// Opens the sealed part of a frame; nil when it does not authenticate.
    static func open(
        nonce: ArraySlice<UInt8>, sealed: ArraySlice<UInt8>, seq: UInt64, previousHash: [UInt8],
        keys: VaultKeys
    ) -> [UInt8]? {
        guard
            let padded = try? XChaCha20Poly1305.open(
                Array(sealed), key: keys.frameKey, nonce: Array(nonce),
                associatedData: associatedData(vaultId: keys.vaultId, seq: seq, previousHash: previousHash))
        else { return nil }
        return try? Padding.unpad(padded, blockSize: sealed.count - XChaCha20Poly1305.tagByteCount)
    }
}

extension UInt32 {
    /// Four bytes, most significant first.
    var bigEndianBytes: [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) } }
}
