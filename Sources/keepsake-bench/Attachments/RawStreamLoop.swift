import KeepsakeCrypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The baseline for attachments: one thread, one chunk at a time, no hash. Read 64 KiB, seal
/// it with ChaCha20-Poly1305 (IETF) under a counter nonce, write the 65,552 sealed bytes;
/// and the reverse. The bytes are those of the chunked stream (age's STREAM), so the same
/// file could be checked by either side.
enum RawStreamLoop {
    static let chunk = ChunkedStream.chunkByteCount
    static let sealedChunk = ChunkedStream.sealedChunkByteCount

    /// Encrypts `input` (a file of `byteCount` bytes) into `output`, using the public
    /// `ChaCha20Poly1305.seal` on each chunk.
    static func encrypt(input: Int32, output: Int32, byteCount: UInt64, key: SymmetricKey) throws {
        let chunks = max(1, (byteCount + UInt64(chunk) - 1) / UInt64(chunk))
        var source = FileDescriptorSource(descriptor: input)
        var sink = FileDescriptorSink(descriptor: output)
        var plain = [UInt8](repeating: 0, count: chunk)
        var nonce = [UInt8](repeating: 0, count: ChaCha20Poly1305.nonceByteCount)
        for counter in 0..<chunks {
            let isLast = counter == chunks - 1
            let n = try plain.withUnsafeMutableBytes { try source.read(into: $0) }
            setNonce(&nonce, counter: counter, isLast: isLast)
            let sealed: [UInt8]
            if n == chunk {
                sealed = try ChaCha20Poly1305.seal(plain, key: key, nonce: nonce)
            } else {
                guard isLast else { throw BenchError("the input ended early") }
                sealed = try ChaCha20Poly1305.seal(Array(plain[..<n]), key: key, nonce: nonce)
            }
            try sink.write(sealed)
        }
    }

    /// Checks and decrypts `input` (a stream of `byteCount` sealed bytes) into `output`.
    static func decrypt(input: Int32, output: Int32, byteCount: UInt64, key: SymmetricKey) throws {
        let chunks = max(1, (byteCount + UInt64(sealedChunk) - 1) / UInt64(sealedChunk))
        var source = FileDescriptorSource(descriptor: input)
        var sink = FileDescriptorSink(descriptor: output)
        var sealed = [UInt8](repeating: 0, count: sealedChunk)
        var nonce = [UInt8](repeating: 0, count: ChaCha20Poly1305.nonceByteCount)
        for counter in 0..<chunks {
            let isLast = counter == chunks - 1
            let n = try sealed.withUnsafeMutableBytes { try source.read(into: $0) }
            setNonce(&nonce, counter: counter, isLast: isLast)
            let plain: [UInt8]
            if n == sealedChunk {
                plain = try ChaCha20Poly1305.open(sealed, key: key, nonce: nonce)
            } else {
                guard isLast else { throw BenchError("the input ended early") }
                plain = try ChaCha20Poly1305.open(Array(sealed[..<n]), key: key, nonce: nonce)
            }
            try sink.write(plain)
        }
    }

    /// Nonce of chunk `counter`: 11-byte big-endian counter ‖ last-chunk flag.
    private static func setNonce(_ nonce: inout [UInt8], counter: UInt64, isLast: Bool) {
        for i in 0..<8 { nonce[3 + i] = UInt8(truncatingIfNeeded: counter >> (56 - 8 * UInt64(i))) }
        nonce[11] = isLast ? 1 : 0
    }
}
