import KeepsakeCrypto

/// What one core does in memory, measured in the run itself: ChaCha20-Poly1305 (IETF) on
/// 64 KiB chunks, both ways, and SHA-256. The attachment rows' ratios are bounded by these:
/// the pipeline does the raw loop's work plus a SHA-256 of every byte, on two cores, so at
/// best it finishes in (raw time + hashing time) / 2, whatever the code.
struct CryptoFloors {
    /// Bytes per second on one core.
    var seal: Double
    var open: Double
    var sha256: Double

    /// Measures each `rounds` times over `mebibytes` MiB and keeps the fastest (the least
    /// disturbed by other work on the machine).
    static func measure(mebibytes: Int = 128, rounds: Int = 3) throws -> CryptoFloors {
        let key = SymmetricKey.random()
        let nonce = [UInt8](repeating: 0, count: ChaCha20Poly1305.nonceByteCount)
        let chunk = SecureRandom.bytes(count: ChunkedStream.chunkByteCount)
        let sealed = try ChaCha20Poly1305.seal(chunk, key: key, nonce: nonce)
        let block = SecureRandom.bytes(count: 1 << 20)
        let bytes = Double(mebibytes << 20)
        var best = CryptoFloors(seal: 0, open: 0, sha256: 0)
        for _ in 0..<rounds {
            var start = now()
            for _ in 0..<(mebibytes * 16) { _ = try ChaCha20Poly1305.seal(chunk, key: key, nonce: nonce) }
            best.seal = max(best.seal, bytes / (now() - start))
            start = now()
            for _ in 0..<(mebibytes * 16) { _ = try ChaCha20Poly1305.open(sealed, key: key, nonce: nonce) }
            best.open = max(best.open, bytes / (now() - start))
            start = now()
            var hash = SHA256()
            for _ in 0..<mebibytes { hash.update(block) }
            _ = hash.finalize()
            best.sha256 = max(best.sha256, bytes / (now() - start))
        }
        return best
    }

    /// The most the pipeline can gain over a raw loop that took `rawSeconds` for
    /// `byteCount` bytes: 2 × raw / (raw + hashing), with both cores busy on nothing else.
    func bestRatio(rawSeconds: Double, byteCount: UInt64) -> Double {
        2 * rawSeconds / (rawSeconds + Double(byteCount) / sha256)
    }
}
