import KeepsakeCrypto

/// Filler: random bytes, which look like the ciphertext around them to anyone without the
/// keys (the padding of the log and of attachment blobs).
enum Filler {
    /// Writes random bytes over `range` of `file`, a mebibyte at a time (not synced).
    /// - Throws: `StoreError.io`.
    static func write(_ file: PosixFile, _ range: Range<Int>) throws(StoreError) {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let count = min(1 << 20, range.upperBound - offset)
            try file.write(SecureRandom.bytes(count: count), at: offset)
            offset += count
        }
    }
}
