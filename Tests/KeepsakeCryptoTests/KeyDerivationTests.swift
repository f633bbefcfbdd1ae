import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

// Known answers from libsodium's test/default/kdf.c and kdf.exp: master key 00 01 … 1f,
// context "KDF test"; first 64-byte subkeys for ids 0 and 1, then a subkey of n bytes for id n.
private let master: SymmetricKey = try! SymmetricKey(
    SecureBytes(copying: (0..<32).map { UInt8($0) }))
private let context = "KDF test"
private let knownAnswers: [(id: UInt64, byteCount: Int, subkey: String)] = [
    (0, 64, "a0c724404728c8bb95e5433eb6a9716171144d61efb23e74b873fcbeda51d807"
        + "1b5d70aae12066dfc94ce943f145aa176c055040c3dd73b0a15e36254d450614"),
    (1, 64, "02507f144fa9bf19010bf7c70b235b4c2663cc00e074f929602a5e2c10a78075"
        + "7d2a3993d06debc378a90efdac196dd841817b977d67b786804f6d3cd585bab5"),
    (16, 16, "a529216624ef9161e4cf117272aafff2"),
    (32, 32, "154b291f11196737f8b7f491e4ca11764e0227d34f94295408a869f007aa8618"),
    (64, 64, "06ae14308eeeda62a00cb6d5edf18d1707029515db98f472bbf0617419301b1d"
        + "4f4f2ab65849446be46f87e1d31c6c74283897b9976f70d8a16253ac927e0d9f"),
]

@Test func keyDerivationMatchesLibsodiumKnownAnswers() throws {
    for answer in knownAnswers {
        let subkey = try KeyDerivation.deriveSubkey(
            from: master, id: answer.id, context: context, byteCount: answer.byteCount)
        #expect(bytes(subkey) == Hex.decode(answer.subkey), "id \(answer.id)")
    }
    // The 32-byte form returns the same bytes as a SymmetricKey.
    let key = try KeyDerivation.deriveSubkey(from: master, id: 32, context: context)
    #expect(bytes(key.secret) == Hex.decode(knownAnswers[3].subkey))
}

@Test func keyDerivationSeparatesIdsAndContexts() throws {
    let a = try KeyDerivation.deriveSubkey(from: master, id: 7, context: "vault-v1")
    #expect(a == (try KeyDerivation.deriveSubkey(from: master, id: 7, context: "vault-v1")))
    #expect(a != (try KeyDerivation.deriveSubkey(from: master, id: 8, context: "vault-v1")))
    #expect(a != (try KeyDerivation.deriveSubkey(from: master, id: 7, context: "vault-v2")))
    #expect(a != (try KeyDerivation.deriveSubkey(from: .random(), id: 7, context: "vault-v1")))
}

@Test func keyDerivationRefusesBadContextsAndSizes() {
    for bad in ["", "7 bytes", "nine byte", "KDF tést"] {
        #expect(throws: CryptoError.invalidParameter("KDF context must be 8 bytes: \(bad)")) {
            try KeyDerivation.deriveSubkey(from: master, id: 1, context: bad)
        }
    }
    for size in [0, 15, 65] {
        #expect(throws: CryptoError.invalidParameter("KDF subkey of \(size) bytes")) {
            try KeyDerivation.deriveSubkey(from: master, id: 1, context: context, byteCount: size)
        }
    }
}
