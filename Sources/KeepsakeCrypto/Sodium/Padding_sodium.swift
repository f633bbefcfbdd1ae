internal import CSodium

/// ISO/IEC 7816-4 padding to a block size (`sodium_pad` / `sodium_unpad`), so that
/// ciphertext sizes reveal only a coarse bucket.
public enum Padding {
    /// Pads `bytes` to the next multiple of `blockSize` (always adds at least one byte).
    /// - Throws: `invalidParameter` for a block size of zero.
    public static func pad(_ bytes: [UInt8], blockSize: Int) throws(CryptoError) -> [UInt8] {
        Sodium.ensureInitialised()
        guard blockSize > 0 else { throw .invalidParameter("padding block size 0") }
        let padded = (bytes.count / blockSize + 1) * blockSize
        var out = bytes + [UInt8](repeating: 0, count: padded - bytes.count)
        var paddedLength = 0
        let status = out.withUnsafeMutableBytes { o in
            sodium_pad(
                &paddedLength, ptr(o), bytes.count, blockSize,
                o.count)
        }
        precondition(status == 0 && paddedLength == padded)
        return out
    }

    /// Removes the padding.
    /// - Throws: `invalidEncoding` if the padding is malformed or the length is not a multiple
    ///   of `blockSize`.
    public static func unpad(_ bytes: [UInt8], blockSize: Int) throws(CryptoError) -> [UInt8] {
        Sodium.ensureInitialised()
        guard blockSize > 0, !bytes.isEmpty, bytes.count % blockSize == 0 else {
            throw .invalidEncoding("padded length \(bytes.count) for block \(blockSize)")
        }
        var length = 0
        let status = bytes.withUnsafeBytes { b in
            sodium_unpad(&length, ptr(b), b.count, blockSize)
        }
        guard status == 0 else { throw .invalidEncoding("malformed padding") }
        return Array(bytes[..<length])
    }
}
