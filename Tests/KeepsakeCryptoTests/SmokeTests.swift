import Testing
@testable import KeepsakeCrypto

@Test func xchachaRoundTrips() throws {
    let key = SymmetricKey.random()
    let nonce = XChaCha20Poly1305.randomNonce()
    let sealed = try XChaCha20Poly1305.seal(Array("hello".utf8), key: key, nonce: nonce)
    #expect(try XChaCha20Poly1305.open(sealed, key: key, nonce: nonce) == Array("hello".utf8))
}
