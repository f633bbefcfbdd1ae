import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// Cases where libsodium 1.0.18's `crypto_sign_verify_detached` genuinely differs from the
/// Wycheproof verdict, by tcId, with the reason. A listed case that agrees fails the test, so
/// the list can't go stale.
private let libsodium1018Exceptions: [Int: String] = [:]

/// Every case of Wycheproof's ed25519_test.json through `Ed25519.PublicKey.isValidSignature`:
/// valid ⇒ true, invalid ⇒ false.
@Test func ed25519AgreesWithEveryWycheproofCase() throws {
    let file = try Wycheproof.load(
        "ed25519_test.json", as: WycheproofGroup<EdDSAParameters, EdDSAInput>.self)
    var tally = WycheproofTally("ed25519_test.json", file: file)
    for (parameters, test) in file.allTests() {
        let key = try Ed25519.PublicKey(bytes: parameters.publicKey.pk.bytes)
        let accepted = key.isValidSignature(test.input.sig.bytes, for: test.input.msg.bytes)
        let agrees: Bool
        switch test.result {
        case .valid: agrees = accepted
        case .invalid: agrees = !accepted
        case .acceptable: agrees = true  // none in the file
        }
        let outcome: WycheproofTally.Outcome
        switch (agrees, libsodium1018Exceptions[test.tcId]) {
        case (true, nil):
            outcome = test.result == .acceptable
                ? .acceptable(choice: accepted ? "accepted" : "refused") : .passed
        case (false, nil):
            outcome = .failed("expected \(test.result), libsodium said \(accepted)")
        case (false, let reason?):
            outcome = .exception(reason: reason)
        case (true, _?):
            outcome = .failed("listed as an exception but agrees with Wycheproof")
        }
        tally.record(test.label, outcome)
    }
    report(tally)
}

@Test func ed25519SignaturesVerifyOnlyForTheirMessage() throws {
    let key = Ed25519.PrivateKey()
    let message = Array("signed tree head".utf8)
    let signature = key.signature(for: message)
    #expect(key.publicKey.isValidSignature(signature, for: message))
    #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
    #expect(!Ed25519.PrivateKey().publicKey.isValidSignature(signature, for: message))
}

@Test func ed25519SeedGivesRFC8032KeyAndSignature() throws {
    // RFC 8032 §7.1, TEST 1 (empty message).
    let seed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    let key = try Ed25519.PrivateKey(seed: SecureBytes(copying: seed))
    #expect(
        key.publicKey.bytes
            == Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
    #expect(
        key.signature(for: [])
            == Hex.decode(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                    + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"))
}
