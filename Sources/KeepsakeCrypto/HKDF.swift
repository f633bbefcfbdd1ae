/// HKDF-SHA-256 (RFC 5869), built on `HMACSHA256` because libsodium 1.0.18 has none.
/// Extract takes a salt of any length (age uses 64, 16 and 0 bytes).
public enum HKDF {
    /// The most HKDF-SHA-256 can produce: 255 × 32 bytes.
    public static let maximumOutputByteCount = 255 * HMACSHA256.byteCount

    /// HKDF-Extract: PRK = HMAC(salt, IKM). An empty salt means 32 zero bytes (RFC 5869 §2.2),
    /// which HMAC treats identically to an empty key.
    public static func extract(salt: [UInt8], inputKeyMaterial: SecureBytes) -> SecureBytes {
        let mac = HMACSHA256(key: SecureBytes(copying: salt))
        inputKeyMaterial.withUnsafeBytes { mac.update($0) }
        return mac.finalizeSecret()
    }

    /// HKDF-Expand: T(1) ‖ T(2) ‖ … truncated to `outputByteCount`.
    /// - Throws: `invalidParameter` for more than 8160 bytes or a PRK shorter than 32 bytes.
    public static func expand(
        pseudoRandomKey: SecureBytes, info: [UInt8], outputByteCount: Int
    ) throws(CryptoError) -> SecureBytes {
        guard outputByteCount >= 0, outputByteCount <= maximumOutputByteCount else {
            throw .invalidParameter("HKDF output of \(outputByteCount) bytes")
        }
        guard pseudoRandomKey.count >= HMACSHA256.byteCount else {
            throw .invalidParameter("HKDF pseudo-random key shorter than 32 bytes")
        }
        var previous: SecureBytes? = nil
        return SecureBytes(count: outputByteCount) { out in
            var filled = 0
            var counter: UInt8 = 1
            while filled < outputByteCount {
                let mac = HMACSHA256(key: pseudoRandomKey)
                previous?.withUnsafeBytes { mac.update($0) }
                mac.update(info)
                mac.update([counter])
                let block = mac.finalizeSecret()
                let take = min(block.count, outputByteCount - filled)
                block.withUnsafeBytes { b in
                    UnsafeMutableRawBufferPointer(rebasing: out[filled..<filled + take])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: b[..<take]))
                }
                filled += take
                previous = block
                counter &+= 1
            }
        }
    }

    /// Extract then expand.
    /// - Throws: as `expand`.
    public static func deriveKey(
        inputKeyMaterial: SecureBytes, salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) throws(CryptoError) -> SecureBytes {
        try expand(
            pseudoRandomKey: extract(salt: salt, inputKeyMaterial: inputKeyMaterial),
            info: info, outputByteCount: outputByteCount)
    }
}
