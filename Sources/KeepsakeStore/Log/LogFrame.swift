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

    static let frameLabel = Array("keepsake/v1/frame".utf8)

    /// "keepsake/v1/frame" ‖ vault id ‖ seq (u64 BE) ‖ previous hash.
    static func associatedData(vaultId: [UInt8], seq: UInt64, previousHash: [UInt8]) -> [UInt8] {
        previousHash.withUnsafeBytes { previousHash in
            withAssociatedData(vaultId: vaultId, seq: seq, previousHash: previousHash) { Array($0) }
        }
    }

    /// Lends the associated data to `body` from the stack (opening a frame allocates nothing
    /// for it).
    static func withAssociatedData<R>(
        vaultId: [UInt8], seq: UInt64, previousHash: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R
    ) -> R {
        let count = frameLabel.count + vaultId.count + 8 + previousHash.count
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) { buffer in
            var at = 0
            func put(_ bytes: UnsafeRawBufferPointer) {
                UnsafeMutableRawBufferPointer(rebasing: buffer[at..<at + bytes.count]).copyMemory(from: bytes)
                at += bytes.count
            }
            frameLabel.withUnsafeBytes(put)
            vaultId.withUnsafeBytes(put)
            withUnsafeBytes(of: seq.bigEndian, put)
            put(previousHash)
            return body(UnsafeRawBufferPointer(buffer))
        }
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
            padded, key: keys.frameKey(seq: seq), nonce: nonce,
            associatedData: associatedData(vaultId: keys.vaultId, seq: seq, previousHash: previousHash))
        let header = UInt32(sealed.count).bigEndianBytes + previousHash
        let masked = zip(header, keys.headerMask(seq: seq)).map { $0 ^ $1 }
        return masked + nonce + sealed
    }

    /// Where the frame at `offset` ends and the hash it chains to, read as frame `seq`: nil
    /// when its header is not valid for `seq` (damaged, or another frame's) or the frame runs
    /// past the end of the log.
    static func locate(in log: LogBytes, at offset: Int, seq: UInt64, keys: VaultKeys)
        -> (end: Int, previousHash: SHA256.Digest)?
    {
        withUnsafeTemporaryAllocation(byteCount: headerByteCount, alignment: 8) { mask in
            keys.headerMask(seq: seq, into: mask)
            return locate(in: log, at: offset, mask: UnsafeRawBufferPointer(mask))
        }
    }

    /// The same, given frame `seq`'s header mask (`VaultKeys.headerMask`).
    static func locate(in log: LogBytes, at offset: Int, mask: UnsafeRawBufferPointer)
        -> (end: Int, previousHash: SHA256.Digest)?
    {
        let sealedStart = offset + overheadByteCount
        guard offset >= 0, sealedStart <= log.count, mask.count == headerByteCount else { return nil }
        var length = 0
        for index in 0..<4 { length = length << 8 | Int(log.raw[offset + index] ^ mask[index]) }
        guard isValidSealedLength(length), sealedStart + length <= log.count else { return nil }
        let previousHash = withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { hash in
            for index in 0..<32 { hash[index] = log.raw[offset + 4 + index] ^ mask[4 + index] }
            return SHA256.Digest(UnsafeRawBufferPointer(hash))
        }
        return (sealedStart + length, previousHash)
    }

    /// Opens the located frame `offset..<end` of `log` as frame `seq` and lends its plaintext
    /// (padding removed) to `body`; nil when it does not authenticate. The plaintext is
    /// decrypted into a temporary buffer, so that the caller copies out only what it keeps.
    static func open<R>(
        in log: LogBytes, at offset: Int, end: Int, seq: UInt64, previousHash: SHA256.Digest, keys: VaultKeys,
        _ body: (UnsafeRawBufferPointer) -> R
    ) -> R? {
        let sealedStart = offset + overheadByteCount
        let sealed = log.bytes(sealedStart..<end)
        let nonce = log.bytes(offset + headerByteCount..<sealedStart)
        guard sealed.count > XChaCha20Poly1305.tagByteCount else { return nil }
        let bucket = sealed.count - XChaCha20Poly1305.tagByteCount
        return previousHash.withUnsafeBytes { previousHash in
            withAssociatedData(vaultId: keys.vaultId, seq: seq, previousHash: previousHash) { associatedData in
                withUnsafeTemporaryAllocation(byteCount: bucket, alignment: 16) { padded -> R? in
                    guard
                        (try? XChaCha20Poly1305.open(
                            sealed, key: keys.frameKey(seq: seq), nonce: nonce, associatedData: associatedData, into: padded))
                            == true,
                        let count = Padding.unpaddedCount(UnsafeRawBufferPointer(padded), blockSize: bucket)
                    else { return nil }
                    return body(UnsafeRawBufferPointer(rebasing: padded[..<count]))
                }
            }
        }
    }
}

/// The log's bytes, lent read-only to the threads that read its frames (`LogScanner`,
/// `FramePrefetch`). `@unchecked Sendable`: nothing writes them while they are lent, and the
/// memory they come from (an array, or the mapped log) outlives every reader.
struct LogBytes: @unchecked Sendable {
    let raw: UnsafeRawBufferPointer
    var count: Int { raw.count }

    /// The bytes in `range` (which must lie inside the log).
    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: raw[range]) }

    /// SHA-256 of the bytes in `range`: a frame's hash, as `LogFrame.hash` makes it.
    func hash(_ range: Range<Int>) -> SHA256.Digest { SHA256.digest(bytes(range)) }
}

extension UInt32 {
    /// Four bytes, most significant first.
    var bigEndianBytes: [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) } }
}
