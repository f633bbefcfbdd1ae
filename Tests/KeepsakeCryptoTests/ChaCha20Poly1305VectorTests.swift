import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@Test func chacha20Poly1305AgreesWithEveryWycheproofCase() throws {
    let tally = try runAEADVectors(ChaCha20Poly1305.self, file: "chacha20_poly1305_test.json")
    report(tally)
    // The file has 9 invalid cases with nonce sizes a 12-byte API can't take.
    #expect(tally.refused.map(\.1) == [9])
}

@Test func chacha20Poly1305SealsAnEmptyMessageToATagAlone() throws {
    let k = SymmetricKey.random()
    let nonce = [UInt8](repeating: 0, count: ChaCha20Poly1305.nonceByteCount)
    let sealed = try ChaCha20Poly1305.seal([], key: k, nonce: nonce)
    #expect(sealed.count == ChaCha20Poly1305.tagByteCount)
    #expect(try ChaCha20Poly1305.open(sealed, key: k, nonce: nonce).isEmpty)
}

@Test func chacha20Poly1305RefusesCiphertextShorterThanATag() throws {
    let nonce = [UInt8](repeating: 0, count: ChaCha20Poly1305.nonceByteCount)
    #expect(
        throws: CryptoError.invalidLength(
            what: "ciphertext (at least a tag)", expected: 16, actual: 15)
    ) {
        try ChaCha20Poly1305.open([UInt8](repeating: 0, count: 15), key: .random(), nonce: nonce)
    }
}
