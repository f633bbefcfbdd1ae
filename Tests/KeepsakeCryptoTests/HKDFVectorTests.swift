import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// Every case of Wycheproof's hkdf_sha256_test.json through `HKDF.deriveKey`: valid cases give
/// the expected output key material; the invalid ones ask for more than 255 × 32 bytes and
/// must throw `invalidParameter`.
@Test func hkdfSHA256AgreesWithEveryWycheproofCase() throws {
    let file = try Wycheproof.load(
        "hkdf_sha256_test.json", as: WycheproofGroup<NoParameters, HKDFInput>.self)
    var tally = WycheproofTally("hkdf_sha256_test.json", file: file)
    for (_, test) in file.allTests() {
        let v = test.input
        let derived = attempt { () throws(CryptoError) in
            bytes(
                try HKDF.deriveKey(
                    inputKeyMaterial: SecureBytes(copying: v.ikm.bytes), salt: v.salt.bytes,
                    info: v.info.bytes, outputByteCount: v.size))
        }
        let outcome: WycheproofTally.Outcome
        switch (test.result, derived) {
        case (.valid, .success(v.okm.bytes)):
            outcome = .passed
        case (.invalid, .failure(.invalidParameter)):
            outcome = .passed
        case (.acceptable, _):
            outcome = .acceptable(choice: "\(derived)")  // none in the file
        default:
            outcome = .failed("expected \(test.result) \(v.okm), got \(derived)")
        }
        tally.record(test.label, outcome)
    }
    report(tally)
}

@Test func hkdfExpandRefusesAShortPseudoRandomKey() {
    #expect(throws: CryptoError.self) {
        try HKDF.expand(
            pseudoRandomKey: SecureBytes.random(count: 31), info: [], outputByteCount: 32)
    }
}
