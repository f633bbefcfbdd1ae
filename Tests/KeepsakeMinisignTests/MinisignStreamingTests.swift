import KeepsakeCrypto
import KeepsakeMinisign
import KeepsakeTestSupport
import Testing

/// Content fed in chunks signs and verifies exactly as content held whole.
@Suite struct MinisignStreamingTests {
    static let content = Sample.bytes(6 * 1_048_576 + 1_234_567, seed: 31)

    @Test func aStreamInOddChunksHashesLikeTheWholeContent() throws {
        let whole = MinisignDigest(of: Self.content)
        #expect(whole.bytes == (try BLAKE2b.hash(Self.content, outputByteCount: 64)))
        for sizes in [[1_048_573], [1, 2, 3, 65_521, 7], [999_983, 17, 131_071], [Self.content.count]] {
            #expect(Sample.streamed(Self.content, chunkSizes: sizes).finalize() == whole, "\(sizes)")
        }
        var raw = MinisignHasher()
        Self.content.withUnsafeBytes { buffer in
            raw.update(UnsafeRawBufferPointer(rebasing: buffer[..<5]))
            raw.update(UnsafeRawBufferPointer(rebasing: buffer[5...]))
        }
        #expect(raw.finalize() == whole)
    }

    @Test func aStreamedSignatureEqualsTheOneShotSignatureAndVerifiesEitherWay() throws {
        let signer = Sample.signer(31)
        let streamed = try signer.sign(
            Sample.streamed(Self.content, chunkSizes: [4_093, 65_537, 1]), trustedComment: "big file")
        let whole = try signer.sign(Self.content, trustedComment: "big file")
        let fromDigest = try signer.sign(digest: MinisignDigest(of: Self.content), trustedComment: "big file")
        // Ed25519 is deterministic, so the three are the same file.
        #expect(streamed == whole && whole == fromDigest)
        #expect(try streamed.verify(content: Self.content, publicKey: signer.publicKey) == "big file")
        #expect(try whole.verify(
            Sample.streamed(Self.content, chunkSizes: [77_777, 3]), publicKey: signer.publicKey) == "big file")

        var changed = Self.content
        changed[3_000_000] ^= 0x10
        #expect(throws: MinisignError.invalidSignature) {
            try whole.verify(Sample.streamed(changed, chunkSizes: [65_536]), publicKey: signer.publicKey)
        }
        #expect(throws: MinisignError.invalidSignature) {
            try whole.verify(Sample.streamed(Array(Self.content.dropLast()), chunkSizes: [65_536]), publicKey: signer.publicKey)
        }
    }

    @Test func emptyContentAndEmptyChunksAreFine() throws {
        let signer = Sample.signer(32)
        var hasher = MinisignHasher()
        hasher.update([])
        hasher.update([UInt8]()[...])
        let digest = hasher.finalize()
        #expect(digest == MinisignDigest(of: []))
        #expect(digest.bytes.count == MinisignDigest.byteCount)
        let signature = try signer.sign(digest: digest, trustedComment: "empty")
        #expect(try signature.verify(content: [], publicKey: signer.publicKey) == "empty")
        #expect(throws: MinisignError.invalidSignature) { try signature.verify(content: [0], publicKey: signer.publicKey) }
    }
}
