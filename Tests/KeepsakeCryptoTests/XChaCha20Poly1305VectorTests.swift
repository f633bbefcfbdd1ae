import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@Test func xchacha20Poly1305AgreesWithEveryWycheproofCase() throws {
    let tally = try runAEADVectors(XChaCha20Poly1305.self, file: "xchacha20_poly1305_test.json")
    report(tally)
    // The file has 9 invalid cases with nonce sizes a 24-byte API can't take.
    #expect(tally.refused.map(\.1) == [9])
}

@Test func xchacha20Poly1305RefusesChangedAssociatedData() throws {
    let k = SymmetricKey.random()
    let nonce = XChaCha20Poly1305.randomNonce()
    let message = Array("hello".utf8)
    let sealed = try XChaCha20Poly1305.seal(message, key: k, nonce: nonce, associatedData: [1])
    #expect(
        try XChaCha20Poly1305.open(sealed, key: k, nonce: nonce, associatedData: [1]) == message)
    #expect(throws: CryptoError.authenticationFailed) {
        try XChaCha20Poly1305.open(sealed, key: k, nonce: nonce, associatedData: [2])
    }
}
