import KeepsakeCrypto

/// The last acknowledged state of the log, kept in a second small file so that a clean cut
/// (whole frames removed from the end) is caught: frame count, log length and the last
/// frame's hash, sealed with the head key.
///
///     nonce (24) ‖ XChaCha20-Poly1305(count u64 ‖ log length u64 ‖ last hash 32 ‖ 0 × 16)
///
/// with associated data "keepsake/v1/head" ‖ vault id: 104 bytes whatever the vault holds.
/// Replaced atomically after every append.
struct HeadFile: Equatable {
    static let byteCount = 24 + 64 + 16

    /// Frames acknowledged.
    var frameCount: UInt64
    /// Bytes of log they occupy.
    var logLength: UInt64
    /// Hash of the last acknowledged frame (the genesis value when there is none).
    var lastHash: [UInt8]

    func sealed(keys: VaultKeys) -> [UInt8] {
        let plaintext =
            frameCount.bigEndianBytes + logLength.bigEndianBytes + lastHash
            + [UInt8](repeating: 0, count: 16)
        let nonce = XChaCha20Poly1305.randomNonce()
        let sealed = try! XChaCha20Poly1305.seal(  // nonce length right by construction
            plaintext, key: keys.headKey, nonce: nonce,
            associatedData: Self.associatedData(keys: keys))
        return nonce + sealed
    }

    /// Opens the file's bytes; nil when damaged, of the wrong size or from another vault.
    init?(bytes: [UInt8], keys: VaultKeys) {
        guard bytes.count == Self.byteCount,
            let plaintext = try? XChaCha20Poly1305.open(
                Array(bytes[24...]), key: keys.headKey, nonce: Array(bytes[..<24]),
                associatedData: Self.associatedData(keys: keys))
        else { return nil }
        frameCount = UInt64(bigEndianBytes: plaintext[0..<8])
        logLength = UInt64(bigEndianBytes: plaintext[8..<16])
        lastHash = Array(plaintext[16..<48])
    }

    init(frameCount: UInt64, logLength: UInt64, lastHash: [UInt8]) {
        self.frameCount = frameCount
        self.logLength = logLength
        self.lastHash = lastHash
    }

    static func associatedData(keys: VaultKeys) -> [UInt8] {
        Array("keepsake/v1/head".utf8) + keys.vaultId
    }
}
