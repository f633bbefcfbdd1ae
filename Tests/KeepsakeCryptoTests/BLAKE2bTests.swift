import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@Test func blake2bMatchesRFC7693AppendixA() throws {
    #expect(
        try BLAKE2b.hash(Array("abc".utf8), outputByteCount: 64)
            == Hex.decode(
                "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                    + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"))
}

/// Keyed known answers from the BLAKE2 reference (BLAKE2/BLAKE2, testvectors/blake2b-test.txt,
/// the same data as blake2b-kat.txt): key 00 01 … 3f, input 00 01 … (n − 1), 64-byte output.
private let keyedKnownAnswers: [(inputLength: Int, hash: String)] = [
    (0, "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
        + "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"),
    (1, "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4"
        + "187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd"),
    (16, "a0c65bddde8adef57282b04b11e7bc8aab105b99231b750c021f4a735cb1bcfa"
        + "b87553bba3abb0c3e64a0b6955285185a0bd35fb8cfde557329bebb1f629ee93"),
    (255, "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e9248"
        + "4be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461"),
]

@Test func blake2bKeyedMatchesReferenceKnownAnswers() throws {
    let key = SecureBytes(copying: (0..<64).map { UInt8($0) })
    for answer in keyedKnownAnswers {
        let input = (0..<answer.inputLength).map { UInt8($0) }
        #expect(
            try BLAKE2b.hash(input, outputByteCount: 64, key: key) == Hex.decode(answer.hash),
            "input of \(answer.inputLength) bytes")
    }
}

@Test func blake2bIncrementalInPiecesEqualsOneShot() throws {
    let key = SecureBytes(copying: (0..<64).map { UInt8($0) })
    let input = (0..<255).map { UInt8($0) }
    for pieceSize in [1, 7, 64, 127, 128, 129, 254] {
        for key in [nil, key] {
            let hasher = try BLAKE2b(outputByteCount: 64, key: key)
            for start in stride(from: 0, to: input.count, by: pieceSize) {
                hasher.update(Array(input[start..<min(start + pieceSize, input.count)]))
            }
            #expect(
                hasher.finalize() == (try BLAKE2b.hash(input, outputByteCount: 64, key: key)),
                "pieces of \(pieceSize), keyed: \(key != nil)")
        }
    }
    // The last keyed case is the reference known answer for 255 bytes.
    let hasher = try BLAKE2b(outputByteCount: 64, key: key)
    hasher.update(Array(input[..<100]))
    hasher.update(Array(input[100...]))
    #expect(hasher.finalize() == Hex.decode(keyedKnownAnswers[3].hash))
}

@Test func blake2bRefusesOutputSizesAndKeysOutOfRange() {
    #expect(throws: CryptoError.invalidParameter("BLAKE2b output of 15 bytes")) {
        try BLAKE2b(outputByteCount: 15)
    }
    #expect(throws: CryptoError.invalidParameter("BLAKE2b output of 65 bytes")) {
        try BLAKE2b(outputByteCount: 65)
    }
    #expect(throws: CryptoError.invalidParameter("BLAKE2b key of 65 bytes")) {
        try BLAKE2b(key: SecureBytes.random(count: 65))
    }
}
