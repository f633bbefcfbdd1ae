import KeepsakeCrypto

/// The Merkle leaf of one log record: a salted commitment, so that the leaf of an entry that
/// is not disclosed reveals nothing about it (its salt stays in the vault), while a disclosed
/// entry, given with its salt, can be checked against a signed tree head.
///
/// Leaf input = `"keepsake/v1/leaf"` ‖ salt (32) ‖ seq (u64 BE) ‖ record plaintext
/// (kind ‖ writtenAt ‖ payload); leaf hash = SHA-256(0x00 ‖ leaf input) as RFC 9162 says.
/// The salt is BLAKE2b-256 keyed with the vault's salt key over the sequence number.
public enum EntryCommitment {
    static let domain = Array("keepsake/v1/leaf".utf8)

    /// The leaf input for a record whose plaintext is `plaintext`.
    public static func leafInput(salt: [UInt8], seq: UInt64, plaintext: [UInt8]) -> [UInt8] {
        domain + salt + seq.bigEndianBytes + plaintext
    }

    /// The RFC 9162 leaf hash of that input.
    public static func leafHash(salt: [UInt8], seq: UInt64, plaintext: [UInt8]) -> [UInt8] {
        salt.withUnsafeBytes { salt in
            plaintext.withUnsafeBytes { plaintext in leafDigest(salt: salt, seq: seq, plaintext: plaintext).bytes }
        }
    }

    /// The same leaf hash, from buffers and by value (opening a vault makes one per frame).
    static func leafDigest(salt: UnsafeRawBufferPointer, seq: UInt64, plaintext: UnsafeRawBufferPointer)
        -> SHA256.Digest
    {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update($0) }
        hasher.update(domain)
        hasher.update(salt)
        withUnsafeBytes(of: seq.bigEndian) { hasher.update($0) }
        hasher.update(plaintext)
        return hasher.finalizeDigest()
    }
}
