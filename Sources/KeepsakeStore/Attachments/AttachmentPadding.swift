import KeepsakeCrypto

/// Attachment blobs are padded (vault format 3) so that a blob's size gives only a bucket of
/// the file's size: the chunked stream is followed by random filler up to the Padmé length
/// (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with
/// PURBs", PETS 2019) of the stream, at least 4 KiB. Padmé keeps the overhead at most 12 %
/// (under 3 % above a mebibyte) while a length of E significant bits reveals only about
/// log₂ E of them.
///
/// The reader needs no marker: the entry records the plaintext's size, so the stream's own
/// length is known and the filler after it is never read. A blob written before (no filler)
/// reads the same way.
public enum AttachmentPadding {
    /// The smallest blob: every file up to about 4 KiB gives the same size.
    public static let smallestBlob: UInt64 = 4096

    /// The blob size for a stream of `length` bytes: Padmé of max(length, 4 KiB).
    public static func blobByteCount(stream length: UInt64) -> UInt64 {
        let length = max(length, smallestBlob)
        let exponent = UInt64(63 - length.leadingZeroBitCount)  // ⌊log₂ L⌋
        let exponentBits = UInt64(64 - exponent.leadingZeroBitCount)  // ⌊log₂ E⌋ + 1
        let mask = (UInt64(1) << (exponent - exponentBits)) - 1
        return (length + mask) & ~mask
    }

    /// The blob size of a `plaintext`-byte file.
    public static func blobByteCount(plaintext: UInt64) -> UInt64 {
        blobByteCount(stream: ChunkedStream.ciphertextByteCount(forPlaintext: plaintext))
    }
}
