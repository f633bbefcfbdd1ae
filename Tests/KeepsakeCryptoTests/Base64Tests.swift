import KeepsakeCrypto
import Testing

/// RFC 4648 §10 test vectors.
private let rfc4648: [(text: String, encoded: String)] = [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
    ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
]

@Test func base64MatchesRFC4648VectorsWithPadding() throws {
    for vector in rfc4648 {
        let bytes = Array(vector.text.utf8)
        #expect(Base64.encode(bytes, variant: .original) == vector.encoded)
        #expect(try Base64.decode(vector.encoded, variant: .original) == bytes)
    }
}

@Test func base64MatchesRFC4648VectorsWithoutPadding() throws {
    for vector in rfc4648 {
        let bytes = Array(vector.text.utf8)
        let unpadded = vector.encoded.filter { $0 != "=" }
        #expect(Base64.encode(bytes, variant: .originalNoPadding) == unpadded)
        #expect(try Base64.decode(unpadded, variant: .originalNoPadding) == bytes)
    }
}

@Test func base64UsesTheURLSafeAlphabetOnlyInThatVariant() throws {
    #expect(Base64.encode([0xfb, 0xff], variant: .original) == "+/8=")
    #expect(Base64.encode([0xfb, 0xff], variant: .urlSafeNoPadding) == "-_8")
    #expect(try Base64.decode("-_8", variant: .urlSafeNoPadding) == [0xfb, 0xff])
    #expect(throws: CryptoError.self) { try Base64.decode("-_8=", variant: .original) }
    #expect(throws: CryptoError.self) { try Base64.decode("+/8", variant: .urlSafeNoPadding) }
}

@Test func base64RefusesNonCanonicalInput() {
    let refused: [(String, Base64.Variant, String)] = [
        ("Zh==", .original, "non-zero trailing bits"),
        ("Zm9=", .original, "non-zero trailing bits"),
        ("Zh", .originalNoPadding, "non-zero trailing bits"),
        ("Zm9", .originalNoPadding, "non-zero trailing bits"),
        ("Zg", .original, "missing padding"),
        ("Zg=", .original, "short padding"),
        ("Zg===", .original, "extra padding"),
        ("Zg==", .originalNoPadding, "padding in the unpadded variant"),
        ("Zm8=", .originalNoPadding, "padding in the unpadded variant"),
        ("Zg==x", .original, "trailing garbage"),
        ("Zm9vYg==Zg==", .original, "data after padding"),
        ("Zm9v\n", .original, "trailing newline"),
        ("Zm9v ", .originalNoPadding, "trailing space"),
        (" Zm9v", .original, "leading space"),
        ("Zm 9v", .original, "inner space"),
        ("Z", .originalNoPadding, "a lone character"),
        ("Zm9v!", .originalNoPadding, "a character outside the alphabet"),
    ]
    for (text, variant, why) in refused {
        #expect(throws: CryptoError.invalidEncoding("not canonical base64"), "\(why): \(text)") {
            try Base64.decode(text, variant: variant)
        }
    }
}

@Test func base64RoundTripsEveryLengthUpTo100() throws {
    for count in 0...100 {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for variant in [Base64.Variant.original, .originalNoPadding, .urlSafeNoPadding] {
            let encoded = Base64.encode(bytes, variant: variant)
            #expect(try Base64.decode(encoded, variant: variant) == bytes)
        }
    }
}
