import KeepsakeCrypto
import Testing

extension StreamTests {
    /// Every kind of damage to a sealed stream is refused with its exact error, by the
    /// parallel call (with batches of 1, 2 and 32 chunks, so the damage falls inside and
    /// across batches) and by the reader, and only the plaintext of the chunks before the
    /// damage is handed out (as age does).
    @Suite struct Tamper {
        typealias F = StreamFixture
        static let chunk = ChunkedStream.chunkByteCount
        static let sealed = ChunkedStream.sealedChunkByteCount

        let key = SymmetricKey.random()
        /// Three full chunks and a short last one.
        let plaintext = SecureRandom.bytes(count: 3 * chunk + 1000)
        /// `plaintext` sealed by hand under `key`.
        let ciphertext: [UInt8]

        init() throws {
            ciphertext = try F.sealByHand(plaintext, key: key)
        }

        /// Expects every way of decrypting `damaged` to fail with `error` after handing out
        /// exactly the first `releasedChunks` chunks of `plaintext`.
        func expectRefused(
            _ damaged: [UInt8], with error: CryptoError, releasedChunks: Int,
            plaintext: [UInt8]? = nil, key: SymmetricKey? = nil,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            let plaintext = plaintext ?? self.plaintext
            let released = Array(plaintext.prefix(releasedChunks * Self.chunk))
            for (name, run) in F.allRuns(damaged, key: key ?? self.key) {
                #expect(
                    run.error as? CryptoError == error, "\(name): \(String(describing: run.error))",
                    sourceLocation: sourceLocation)
                #expect(
                    run.released == released,
                    "\(name) released \(run.released.count) bytes, not \(released.count)",
                    sourceLocation: sourceLocation)
                #expect(run.summary == nil, "\(name)", sourceLocation: sourceLocation)
            }
        }

        @Test func theUndamagedStreamOpensEveryWay() {
            for (name, run) in F.allRuns(ciphertext, key: key) {
                #expect(run.error == nil, "\(name)")
                #expect(run.released == plaintext, "\(name)")
                #expect(run.summary?.sha256 == SHA256.hash(plaintext), "\(name)")
            }
        }

        @Test func aChangedByteIsRefusedInEveryChunkAndTag() {
            let s = Self.sealed
            // (offset, chunk it is in): first byte, a middle chunk's body, a middle chunk's
            // tag, the short last chunk's body and the very last byte (its tag).
            let places = [
                (0, 0), (s + 4000, 1), (3 * s - 1, 2), (3 * s + 10, 3), (3 * s + 1015, 3),
            ]
            for (offset, chunk) in places {
                var damaged = ciphertext
                damaged[offset] ^= 0x01
                expectRefused(damaged, with: .authenticationFailed, releasedChunks: chunk)
            }
        }

        @Test func aDroppedChunkIsRefused() {
            var damaged = ciphertext
            damaged.removeSubrange(Self.sealed..<(2 * Self.sealed))
            expectRefused(damaged, with: .authenticationFailed, releasedChunks: 1)
        }

        @Test func reorderedChunksAreRefused() {
            var chunks = F.sealedChunks(ciphertext)
            chunks.swapAt(1, 2)
            expectRefused(Array(chunks.joined()), with: .authenticationFailed, releasedChunks: 1)
            chunks = F.sealedChunks(ciphertext)
            chunks.swapAt(0, 1)
            expectRefused(Array(chunks.joined()), with: .authenticationFailed, releasedChunks: 0)
        }

        @Test func aChunkFromAnotherStreamIsRefused() throws {
            var chunks = F.sealedChunks(ciphertext)
            chunks[2] = F.sealedChunks(try F.sealByHand(plaintext, key: .random()))[2]
            expectRefused(Array(chunks.joined()), with: .authenticationFailed, releasedChunks: 2)
        }

        @Test func aWrongKeyIsRefused() {
            expectRefused(
                ciphertext, with: .authenticationFailed, releasedChunks: 0, key: .random())
        }

        @Test func aStreamCutAtAChunkBoundaryIsTruncated() {
            for kept in 1...3 {
                expectRefused(
                    Array(ciphertext.prefix(kept * Self.sealed)), with: .streamTruncated,
                    releasedChunks: kept)
            }
        }

        @Test func aStreamCutInsideAChunkIsRefused() {
            // The cut chunk reads as a short last chunk whose tag is gone: indistinguishable
            // from a forged one. Cuts leaving more than and less than a tag's worth.
            for (kept, chunks) in [(2 * Self.sealed + 1000, 2), (2 * Self.sealed + 5, 2), (100, 0)]
            {
                expectRefused(
                    Array(ciphertext.prefix(kept)), with: .authenticationFailed,
                    releasedChunks: chunks)
            }
            expectRefused(
                Array(ciphertext.dropLast()), with: .authenticationFailed, releasedChunks: 3)
        }

        @Test func anEmptyInputIsTruncated() {
            expectRefused([], with: .streamTruncated, releasedChunks: 0)
        }

        @Test func inputsShorterThanATagAreRefused() {
            for count in [1, 15] {
                expectRefused(
                    [UInt8](repeating: 0, count: count), with: .authenticationFailed,
                    releasedChunks: 0)
            }
        }

        @Test func aLastChunkFlagOnAMiddleChunkIsTrailingData() throws {
            let pieces = F.pieces(plaintext)
            // Chunk 1 of 4 sealed as last: the stream "ends" there and has data after it.
            let damaged = try F.sealByHand(pieces, lastFlags: [false, true, false, true], key: key)
            expectRefused(damaged, with: .streamTrailingData, releasedChunks: 2)
            let first = try F.sealByHand(pieces, lastFlags: [true, false, false, true], key: key)
            expectRefused(first, with: .streamTrailingData, releasedChunks: 1)
        }

        @Test func aFullLastChunkWithoutItsFlagIsTruncated() throws {
            let pieces = Array(F.pieces(plaintext).prefix(3))
            let damaged = try F.sealByHand(pieces, lastFlags: [false, false, false], key: key)
            expectRefused(damaged, with: .streamTruncated, releasedChunks: 3)
        }

        @Test func aShortLastChunkWithoutItsFlagIsRefused() throws {
            let damaged = try F.sealByHand(
                F.pieces(plaintext), lastFlags: [false, false, false, false], key: key)
            expectRefused(damaged, with: .authenticationFailed, releasedChunks: 3)
        }

        @Test func anEmptyLastChunkAfterFullChunksIsRefused() throws {
            // age refuses it ("last chunk is empty"); no honest writer produces one.
            let pieces = Array(F.pieces(plaintext).prefix(2)) + [[]]
            let damaged = try F.sealByHand(pieces, lastFlags: [false, false, true], key: key)
            expectRefused(damaged, with: .authenticationFailed, releasedChunks: 2)
        }

        @Test func dataAfterAFullLastChunkIsTrailingData() throws {
            let twoChunks = Array(plaintext.prefix(2 * Self.chunk))
            let stream = try F.sealByHand(twoChunks, key: key)
            for extra in [[0], [UInt8](repeating: 7, count: 16), stream] {
                expectRefused(
                    stream + extra, with: .streamTrailingData, releasedChunks: 2,
                    plaintext: twoChunks)
            }
        }

        @Test func dataAfterAShortLastChunkIsRefused() throws {
            // The extra bytes join the short last chunk, whose tag then fails (as in age).
            expectRefused(ciphertext + [0], with: .authenticationFailed, releasedChunks: 3)
            let empty = try F.sealByHand([], key: key)
            expectRefused(
                empty + [0], with: .authenticationFailed, releasedChunks: 0, plaintext: [])
        }

        @Test func anotherStreamAppendedIsRefused() {
            // The second stream's first chunk continues the short last chunk: refused there.
            expectRefused(ciphertext + ciphertext, with: .authenticationFailed, releasedChunks: 3)
        }
    }
}
