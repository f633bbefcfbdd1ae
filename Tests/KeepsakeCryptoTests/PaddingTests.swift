import KeepsakeCrypto
import Testing

@Test func paddingRoundTripsEverySizeUpTo300() throws {
    for blockSize in [16, 256] {
        for count in 0...300 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let padded = try Padding.pad(bytes, blockSize: blockSize)
            #expect(padded.count % blockSize == 0)
            #expect(padded.count > count && padded.count <= count + blockSize)
            #expect(Array(padded[..<count]) == bytes)
            #expect(padded[count] == 0x80)
            #expect(padded[(count + 1)...].allSatisfy { $0 == 0 })
            #expect(
                try Padding.unpad(padded, blockSize: blockSize) == bytes, "\(count)/\(blockSize)")
        }
    }
}

@Test func contentEndingInZerosOrTheMarkerItselfComesBackWhole() throws {
    // The marker is the last non-zero byte: content that ends like padding must not be cut.
    for tail: [UInt8] in [[0], [0, 0, 0], [0x80], [0x80, 0], [0x80, 0, 0x80, 0, 0], [1, 0x80]] {
        for (count, blockSize) in [(0, 16), (10, 16), (15, 16), (16, 16), (500, 512), (511, 512), (700, 1024)] {
            let bytes = [UInt8](repeating: 0x41, count: count) + tail
            let padded = try Padding.pad(bytes, blockSize: blockSize)
            #expect(try Padding.unpad(padded, blockSize: blockSize) == bytes, "\(tail) after \(count)/\(blockSize)")
        }
    }
    // The marker must lie within the last block: a whole block of zeros after it is malformed.
    let twoBlocks = [UInt8](repeating: 0x41, count: 3) + [0x80] + [UInt8](repeating: 0, count: 28)
    #expect(try Padding.unpad(twoBlocks, blockSize: 32) == [0x41, 0x41, 0x41])
    #expect(throws: CryptoError.self) { try Padding.unpad(twoBlocks, blockSize: 16) }
}

@Test func paddingRefusesMalformedPadding() throws {
    let valid = try Padding.pad([1, 2, 3], blockSize: 16)
    var noMarker = valid
    noMarker[3] = 0
    var wrongMarker = valid
    wrongMarker[3] = 0x81
    var garbageAfterMarker = valid
    garbageAfterMarker[15] = 1
    let cases: [([UInt8], Int, String)] = [
        ([UInt8](repeating: 0, count: 16), 16, "all zeros"),
        (noMarker, 16, "no 0x80 marker"),
        (wrongMarker, 16, "wrong marker"),
        (garbageAfterMarker, 16, "non-zero byte after the marker"),
        (Array(valid.dropLast()), 16, "length not a multiple of the block"),
        ([], 16, "empty"),
        (valid, 0, "block size 0"),
        ([UInt8](repeating: 0x41, count: 16), 16, "no padding at all"),
    ]
    for (bytes, blockSize, why) in cases {
        #expect(throws: CryptoError.self, "\(why)") {
            try Padding.unpad(bytes, blockSize: blockSize)
        }
    }
    #expect(throws: CryptoError.invalidParameter("padding block size 0")) {
        try Padding.pad([1], blockSize: 0)
    }
}
