import KeepsakeCrypto
import KeepsakeTestSupport

/// What the Wycheproof AEAD checks need of an AEAD; ChaCha20Poly1305 and XChaCha20Poly1305
/// already have these members, so one checker runs both files.
protocol VectorAEAD {
    static var nonceByteCount: Int { get }
    static func seal(
        _ plaintext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8]
    ) throws(CryptoError) -> [UInt8]
    static func open(
        _ ciphertext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8]
    ) throws(CryptoError) -> [UInt8]
    static func sealSecret(
        _ plaintext: SecureBytes, key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8]
    ) throws(CryptoError) -> [UInt8]
    static func openSecret(
        _ ciphertext: [UInt8], key: SymmetricKey, nonce: [UInt8], associatedData: [UInt8]
    ) throws(CryptoError) -> SecureBytes
}

extension ChaCha20Poly1305: VectorAEAD {}
extension XChaCha20Poly1305: VectorAEAD {}

/// Runs every case of an AEAD vector file through `A` and tallies the outcomes.
///
/// - valid: `seal` (and `sealSecret`) give exactly ct ‖ tag; `open` (and `openSecret`) give
///   the message back.
/// - invalid with a nonce of the right size: `open` and `openSecret` throw
///   `authenticationFailed`.
/// - invalid with a nonce size the API can't take: `seal` and `open` must throw
///   `invalidLength` for the nonce; counted as refused (nonce size).
func runAEADVectors<A: VectorAEAD>(_ algorithm: A.Type, file fileName: String) throws
    -> WycheproofTally
{
    let file = try Wycheproof.load(fileName, as: WycheproofGroup<AEADParameters, AEADInput>.self)
    var tally = WycheproofTally(fileName, file: file)
    for (parameters, test) in file.allTests() {
        let outcome: WycheproofTally.Outcome
        if parameters.ivSize != test.input.iv.count * 8 {
            outcome = .failed(
                "group ivSize \(parameters.ivSize) but iv of \(test.input.iv.count) bytes")
        } else {
            outcome = try checkAEADCase(A.self, test)
        }
        tally.record(test.label, outcome)
    }
    return tally
}

private func checkAEADCase<A: VectorAEAD>(_: A.Type, _ test: WycheproofTest<AEADInput>) throws
    -> WycheproofTally.Outcome
{
    let v = test.input
    let k = try key(v.key.bytes)
    let (nonce, aad) = (v.iv.bytes, v.aad.bytes)

    if nonce.count != A.nonceByteCount {
        guard test.result == .invalid else {
            return .failed("\(nonce.count)-byte nonce in a \(test.result) case")
        }
        let expected = CryptoError.invalidLength(
            what: "nonce", expected: A.nonceByteCount, actual: nonce.count)
        let sealError = thrownError(by: { () throws(CryptoError) in
            try A.seal(v.msg.bytes, key: k, nonce: nonce, associatedData: aad)
        })
        let openError = thrownError(by: { () throws(CryptoError) in
            try A.open(v.sealed, key: k, nonce: nonce, associatedData: aad)
        })
        guard sealError == expected, openError == expected else {
            return .failed(
                "nonce not refused: seal \(String(describing: sealError)), "
                    + "open \(String(describing: openError))")
        }
        return .refused(reason: "nonce size")
    }

    let opened = attempt { () throws(CryptoError) in
        try A.open(v.sealed, key: k, nonce: nonce, associatedData: aad)
    }
    let openedSecret = attempt { () throws(CryptoError) in
        bytes(try A.openSecret(v.sealed, key: k, nonce: nonce, associatedData: aad))
    }
    switch test.result {
    case .valid:
        let sealed = try A.seal(v.msg.bytes, key: k, nonce: nonce, associatedData: aad)
        let sealedSecret = try A.sealSecret(
            SecureBytes(copying: v.msg.bytes), key: k, nonce: nonce, associatedData: aad)
        guard sealed == v.sealed, sealedSecret == v.sealed else {
            return .failed("seal gave \(Hex.encode(sealed)), expected \(Hex.encode(v.sealed))")
        }
        guard case .success(v.msg.bytes) = opened, case .success(v.msg.bytes) = openedSecret
        else { return .failed("open gave \(opened) / \(openedSecret)") }
        return .passed
    case .invalid:
        guard case .failure(.authenticationFailed) = opened,
            case .failure(.authenticationFailed) = openedSecret
        else { return .failed("forgery not refused: \(opened) / \(openedSecret)") }
        return .passed
    case .acceptable:
        // No AEAD file has acceptable cases; should one appear, either outcome is allowed.
        if case .success = opened { return .acceptable(choice: "opened") }
        return .acceptable(choice: "refused")
    }
}
