/// One chunk of the STREAM construction: ChaCha20-Poly1305 (IETF) under the payload key with
/// nonce = 11-byte big-endian chunk counter ‖ last-chunk flag, and empty associated data.
/// Shared by the parallel pipeline and the single-threaded writer and reader, so that the
/// rules about last chunks live in one place.
enum ChunkCipher {
    /// What opening one sealed chunk found. The `released…` outcomes decrypted an authentic
    /// chunk whose plaintext is delivered before the stream's error (as age does).
    enum Outcome: UInt8, Sendable {
        /// Authentic, with the flag its position calls for.
        case opened
        /// A full chunk with more data after it that is authentic only as a last chunk: the
        /// stream's end was followed by extra bytes.
        case releasedBeforeTrailingData
        /// A full chunk at the end of the input that is authentic only as a middle chunk: the
        /// stream was cut at a chunk boundary.
        case releasedBeforeTruncation
        /// No bytes at all where the first (last) chunk should be.
        case missing
        /// Not authentic under either flag, too short to hold a tag, or an empty last chunk
        /// after data (which no honest writer produces and age refuses).
        case forged

        /// The error the stream fails with at this chunk, or nil when it is fine.
        var error: CryptoError? {
            switch self {
            case .opened: return nil
            case .releasedBeforeTrailingData: return .streamTrailingData
            case .releasedBeforeTruncation, .missing: return .streamTruncated
            case .forged: return .authenticationFailed
            }
        }

        /// Whether the chunk's plaintext is authentic and delivered.
        var releasesPlaintext: Bool {
            switch self {
            case .opened, .releasedBeforeTrailingData, .releasedBeforeTruncation: return true
            case .missing, .forged: return false
            }
        }
    }

    /// Builds the 12-byte nonce for chunk `counter` in stack memory and lends it to `body`.
    @inline(__always)
    static func withNonce<R>(
        counter: UInt64, isLast: Bool, _ body: (UnsafeRawBufferPointer) -> R
    ) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ChaCha20Poly1305.nonceByteCount) {
            nonce in
            // Counter bytes 0...2 are the top of an 88-bit counter: always zero here.
            nonce[0] = 0
            nonce[1] = 0
            nonce[2] = 0
            for i in 0..<8 {
                nonce[3 + i] = UInt8(truncatingIfNeeded: counter >> (56 - 8 * UInt64(i)))
            }
            nonce[11] = isLast ? 1 : 0
            return body(UnsafeRawBufferPointer(nonce))
        }
    }

    /// Seals one plaintext chunk (at most 64 KiB) into `output` (exactly 16 bytes longer).
    @inline(__always)
    static func seal(
        _ plaintext: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
        counter: UInt64, isLast: Bool, key: UnsafeRawBufferPointer
    ) {
        withNonce(counter: counter, isLast: isLast) { nonce in
            AEADCore.ietf.sealRaw(
                into: output, plaintext, nonce: nonce,
                associatedData: UnsafeRawBufferPointer(start: nil, count: 0), key: key)
        }
    }

    /// Tries to open one sealed chunk with one flag; writes `output` only when it verifies.
    @inline(__always)
    private static func open(
        _ sealed: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
        counter: UInt64, isLast: Bool, key: UnsafeRawBufferPointer
    ) -> Bool {
        withNonce(counter: counter, isLast: isLast) { nonce in
            AEADCore.ietf.openRaw(
                into: output, sealed, nonce: nonce,
                associatedData: UnsafeRawBufferPointer(start: nil, count: 0), key: key)
        }
    }

    /// Opens sealed chunk number `counter`, deciding its flag from its place in the input.
    ///
    /// - Parameters:
    ///   - sealed: the chunk as read: 65552 bytes unless it is the input's end.
    ///   - output: room for `sealed.count − 16` bytes (at least 64 KiB is fine: only the
    ///     front is written).
    ///   - atEnd: whether nothing follows the chunk in the input.
    /// - Returns: the outcome; on a releasing outcome, `output` starts with the plaintext.
    static func open(
        _ sealed: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
        counter: UInt64, atEnd: Bool, key: UnsafeRawBufferPointer
    ) -> Outcome {
        let tag = ChaCha20Poly1305.tagByteCount
        if sealed.count == 0 && counter == 0 { return .missing }
        // Too short for a tag, or an empty last chunk after data.
        if sealed.count < tag || (sealed.count == tag && counter > 0) { return .forged }
        let plaintext = UnsafeMutableRawBufferPointer(rebasing: output[..<(sealed.count - tag)])
        let full = sealed.count == ChunkedStream.sealedChunkByteCount
        if !atEnd {
            // Only full chunks are read with data after them.
            precondition(full, "a short chunk with data after it")
            if open(sealed, into: plaintext, counter: counter, isLast: false, key: key) {
                return .opened
            }
            if open(sealed, into: plaintext, counter: counter, isLast: true, key: key) {
                return .releasedBeforeTrailingData
            }
            return .forged
        }
        if open(sealed, into: plaintext, counter: counter, isLast: true, key: key) {
            return .opened
        }
        if full && open(sealed, into: plaintext, counter: counter, isLast: false, key: key) {
            return .releasedBeforeTruncation
        }
        return .forged
    }
}
