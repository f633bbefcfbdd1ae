import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// Every case of Wycheproof's x25519_test.json through `X25519.PrivateKey.sharedSecret(with:)`.
///
/// Decision for `acceptable` cases (either outcome is allowed by Wycheproof):
/// - all-zero shared secret (low-order public keys, 31 cases): we REJECT, with
///   `CryptoError.weakPublicKey`, because age requires refusing them (libsodium does too);
/// - any other acceptable case (twist points, non-canonical public keys with the top bit set,
///   223 cases): we ACCEPT and must compute exactly the expected shared secret (RFC 7748
///   masks the top bit and works on the twist; a wrong result there would leak the key).
@Test func x25519AgreesWithEveryWycheproofCase() throws {
    let file = try Wycheproof.load(
        "x25519_test.json", as: WycheproofGroup<XDHParameters, XDHInput>.self)
    var tally = WycheproofTally("x25519_test.json", file: file)
    for (parameters, test) in file.allTests() {
        guard parameters.curve == "curve25519" else {
            tally.record(test.label, .failed("curve \(parameters.curve)"))
            continue
        }
        tally.record(test.label, try checkX25519Case(test))
    }
    report(tally)
    let acceptable = Dictionary(uniqueKeysWithValues: tally.acceptable.map { ($0.0, $0.1) })
    #expect(acceptable[zeroChoice] == 31)
}

private let zeroChoice = "zero shared secret refused as weakPublicKey"
private let computedChoice = "computed the expected shared secret"

private func checkX25519Case(_ test: WycheproofTest<XDHInput>) throws -> WycheproofTally.Outcome {
    let v = test.input
    let ours = try X25519.PrivateKey(secret: SecureBytes(copying: v.privateKey.bytes))
    let peer = try X25519.PublicKey(bytes: v.publicKey.bytes)
    let computed = attempt { () throws(CryptoError) in bytes(try ours.sharedSecret(with: peer)) }
    let expectsZero = v.shared.bytes.allSatisfy { $0 == 0 }

    switch test.result {
    case .valid:
        guard case .success(v.shared.bytes) = computed else {
            return .failed("expected \(v.shared), got \(computed)")
        }
        return .passed
    case .invalid:
        // The file has none; an invalid case must not produce a secret.
        guard case .failure = computed else { return .failed("invalid case gave \(computed)") }
        return .passed
    case .acceptable where expectsZero:
        guard case .failure(.weakPublicKey) = computed else {
            return .failed("zero shared secret not refused: \(computed)")
        }
        return .acceptable(choice: zeroChoice)
    case .acceptable:
        guard case .success(v.shared.bytes) = computed else {
            return .failed("acceptable case: expected \(v.shared), got \(computed)")
        }
        return .acceptable(choice: computedChoice)
    }
}

@Test func x25519KeyAgreementIsSymmetric() throws {
    let alice = X25519.PrivateKey()
    let bob = X25519.PrivateKey()
    let ab = try alice.sharedSecret(with: bob.publicKey)
    let ba = try bob.sharedSecret(with: alice.publicKey)
    #expect(ab == ba)
}

@Test func x25519RefusesKeysOfTheWrongLength() {
    #expect(
        throws: CryptoError.invalidLength(what: "X25519 public key", expected: 32, actual: 31)
    ) { try X25519.PublicKey(bytes: [UInt8](repeating: 9, count: 31)) }
    #expect(
        throws: CryptoError.invalidLength(what: "X25519 private key", expected: 32, actual: 33)
    ) { try X25519.PrivateKey(secret: SecureBytes.random(count: 33)) }
}
