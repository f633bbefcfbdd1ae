import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

// NIST FIPS 180-2 / CSRC examples: "abc" and the 448-bit two-block message.
private let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
private let twoBlockMessage = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
private let twoBlockDigest = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"

@Test func sha256MatchesNISTExamples() {
    #expect(SHA256.hash(Array("abc".utf8)) == Hex.decode(abc))
    #expect(Array(twoBlockMessage.utf8).count * 8 == 448)
    #expect(SHA256.hash(Array(twoBlockMessage.utf8)) == Hex.decode(twoBlockDigest))
    #expect(
        SHA256.hash([])
            == Hex.decode("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
}

@Test func sha256IncrementalEqualsOneShot() {
    let message = Array(twoBlockMessage.utf8)
    for split in 0...message.count {
        var hasher = SHA256()
        hasher.update(Array(message[..<split]))
        hasher.update(Array(message[split...]))
        #expect(hasher.finalize() == Hex.decode(twoBlockDigest), "split at \(split)")
    }
}

@Test func sha256OfOneMebibyteInOddPiecesEqualsOneShot() {
    let buffer = SecureRandom.bytes(count: 1 << 20)
    let pieceSizes = [1, 3, 63, 65, 127, 4093, 65_537, 131_071]
    var hasher = SHA256()
    var offset = 0
    var turn = 0
    buffer.withUnsafeBytes { all in
        while offset < all.count {
            let size = min(pieceSizes[turn % pieceSizes.count], all.count - offset)
            hasher.update(UnsafeRawBufferPointer(rebasing: all[offset..<offset + size]))
            offset += size
            turn += 1
        }
    }
    #expect(turn > pieceSizes.count)
    #expect(hasher.finalize() == SHA256.hash(buffer))
}
