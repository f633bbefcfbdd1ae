import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@Test func secureBytesNeverShowsItsBytes() {
    let secret = Array("hunter2-correct-horse".utf8)
    let held = SecureBytes(copying: secret)
    for text in [held.description, held.debugDescription, "\(held)", String(reflecting: held)] {
        #expect(!text.contains("hunter2"))
        #expect(!text.contains(Hex.encode(secret.prefix(4))))
        #expect(text.contains("redacted"))
    }
    let key = SymmetricKey.random()
    #expect(!"\(key)".contains(Hex.encode(bytes(key.secret).prefix(4))))
    #expect("\(X25519.PrivateKey())".contains("redacted"))
    #expect("\(Ed25519.PrivateKey())".contains("redacted"))
}

@Test func secureBytesCompareByContent() {
    let a = SecureBytes(copying: [1, 2, 3])
    #expect(a == SecureBytes(copying: [1, 2, 3]))
    #expect(a != SecureBytes(copying: [1, 2, 4]))
    #expect(a != SecureBytes(copying: [1, 2]))
    #expect(a != SecureBytes(copying: [1, 2, 3, 0]))
    #expect(SecureBytes(copying: []) == SecureBytes(copying: []))
    #expect(SecureBytes(copying: []).count == 0)
    #expect(bytes(a) == [1, 2, 3])
}

@Test func secureBytesRandomAreFreshEachTime() {
    let a = SecureBytes.random(count: 32)
    #expect(a.count == 32)
    #expect(a != SecureBytes.random(count: 32))
}

@Test func secureBytesWipeZeroesAPlainArray() {
    var temporary: [UInt8] = [9, 9, 9]
    SecureBytes.wipe(&temporary)
    #expect(temporary == [0, 0, 0])
}

@Test func symmetricKeyRefusesAnythingButThirtyTwoBytes() throws {
    #expect(throws: CryptoError.invalidLength(what: "key", expected: 32, actual: 31)) {
        try SymmetricKey(SecureBytes.random(count: 31))
    }
    #expect(throws: CryptoError.invalidLength(what: "key", expected: 32, actual: 33)) {
        try SymmetricKey(SecureBytes.random(count: 33))
    }
    #expect(try SymmetricKey(SecureBytes.random(count: 32)).secret.count == 32)
}

@Test func constantTimeEqualComparesContentAndLength() {
    #expect(constantTimeEqual([1, 2], [1, 2]))
    #expect(!constantTimeEqual([1, 2], [1, 3]))
    #expect(!constantTimeEqual([1, 2], [1, 2, 3]))
    #expect(constantTimeEqual([], []))
}
