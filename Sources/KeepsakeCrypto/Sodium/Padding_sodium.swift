internal import CSodium

/// ISO/IEC 7816-4 padding to a block size (`sodium_pad`; removed by a plain scan, see
/// `unpad`), so that ciphertext sizes reveal only a coarse bucket.
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

    /// Removes the padding: the last non-zero byte within the final block must be the 0x80
    /// marker, and the bytes before it are the content.
    ///
    /// Not constant-time, unlike `sodium_unpad`: its time reveals where the marker is, that
    /// is the content's length. Unpad only what has been authenticated first (the log does),
    /// so that nobody but the key's holder can ask. (`sodium_unpad` goes through the whole
    /// block a byte at a time through a `volatile`: about 3 µs for a 1 KiB block, more than
    /// decrypting the frame; opening a large vault spent 3 % of its time there.)
    /// - Throws: `invalidEncoding` if the padding is malformed or the length is not a multiple
    ///   of `blockSize`.
    public static func unpad(_ bytes: [UInt8], blockSize: Int) throws(CryptoError) -> [UInt8] {
        guard blockSize > 0, !bytes.isEmpty, bytes.count % blockSize == 0 else {
            throw .invalidEncoding("padded length \(bytes.count) for block \(blockSize)")
        }
        guard let count = bytes.withUnsafeBytes({ unpaddedCount($0, blockSize: blockSize) }) else {
            throw .invalidEncoding("malformed padding")
        }
        return Array(bytes[..<count])
    }

    /// The length of the content before the padding, as `unpad` finds it, without a copy; nil
    /// when the padding is malformed or the length is not a non-zero multiple of `blockSize`.
    /// The same caveat as `unpad`: use it on authenticated bytes only.
    public static func unpaddedCount(_ bytes: UnsafeRawBufferPointer, blockSize: Int) -> Int? {
        guard blockSize > 0, bytes.count > 0, bytes.count % blockSize == 0 else { return nil }
        var index = bytes.count - 1
        let stop = bytes.count - blockSize
        // Eight zero bytes at a time, then byte by byte.
        while index - 7 >= stop && bytes.loadUnaligned(fromByteOffset: index - 7, as: UInt64.self) == 0 {
            index -= 8
        }
        while index >= stop && bytes[index] == 0 { index -= 1 }
        return index >= stop && bytes[index] == 0x80 ? index : nil
    }
}
