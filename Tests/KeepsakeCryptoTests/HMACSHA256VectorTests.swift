import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// Every case of Wycheproof's hmac_sha256_test.json. Groups give `tagSize` in bits; 128-bit
/// groups check truncated tags (the first 16 bytes of the full tag).
@Test func hmacSHA256AgreesWithEveryWycheproofCase() throws {
    let file = try Wycheproof.load(
        "hmac_sha256_test.json", as: WycheproofGroup<MACParameters, MACInput>.self)
    var tally = WycheproofTally("hmac_sha256_test.json", file: file)
    for (parameters, test) in file.allTests() {
        let v = test.input
        let tagByteCount = parameters.tagSize / 8
        let key = SecureBytes(copying: v.key.bytes)
        let full = HMACSHA256.authenticationCode(for: v.msg.bytes, key: key)
        let valid = HMACSHA256.isValid(
            v.tag.bytes, for: v.msg.bytes, key: key, tagByteCount: tagByteCount)
        let outcome: WycheproofTally.Outcome
        switch test.result {
        case .valid:
            outcome = Array(full.prefix(tagByteCount)) == v.tag.bytes && valid
                ? .passed : .failed("tag \(Hex.encode(full)), isValid \(valid)")
        case .invalid:
            outcome = valid ? .failed("forged tag accepted") : .passed
        case .acceptable:
            outcome = .acceptable(choice: valid ? "accepted" : "refused")  // none in the file
        }
        tally.record(test.label, outcome)
    }
    report(tally)
}

@Test func hmacSHA256IncrementalEqualsOneShot() {
    let key = SecureBytes.random(count: 64)
    let message = SecureRandom.bytes(count: 1000)
    let mac = HMACSHA256(key: key)
    for piece in stride(from: 0, to: message.count, by: 77) {
        mac.update(Array(message[piece..<min(piece + 77, message.count)]))
    }
    #expect(mac.finalize() == HMACSHA256.authenticationCode(for: message, key: key))
}

@Test func hmacSHA256RefusesTagsOfTheWrongSize() {
    let key = SecureBytes.random(count: 32)
    let tag = HMACSHA256.authenticationCode(for: [1, 2, 3], key: key)
    #expect(HMACSHA256.isValid(tag, for: [1, 2, 3], key: key))
    #expect(!HMACSHA256.isValid(Array(tag.prefix(16)), for: [1, 2, 3], key: key))
    #expect(
        !HMACSHA256.isValid(Array(tag.prefix(15)), for: [1, 2, 3], key: key, tagByteCount: 15))
}
