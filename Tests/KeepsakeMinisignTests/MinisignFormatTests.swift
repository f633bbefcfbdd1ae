import KeepsakeCrypto
import KeepsakeMinisign
import KeepsakeTestSupport
import Testing

/// The key and signature files: known answers, exact layout, round trips, comments.
@Suite struct MinisignFormatTests {
    // MARK: Known answers

    /// Computed independently with Python (`cryptography`'s Ed25519 and `hashlib.blake2b`):
    /// pk = RFC 8032 test 1's public key; key id = blake2b(pk, digest_size=32)[:8];
    /// line = base64("Ed" ‖ key id ‖ pk). Stock `minisign -V` accepted the signature below
    /// with this key file.
    static let knownPublicKeyFile = """
        untrusted comment: minisign public key E10B684930AC4978
        RWR4SawwSWgL4ddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea

        """
    /// Python as above: sig = Ed25519(seed).sign(blake2b(content, digest_size=64)),
    /// global = sign(sig ‖ trusted comment).
    static let knownSignatureFile = """
        untrusted comment: signature from minisign secret key
        RUR4SawwSWgL4fz6jpHp/tyh1dIlpFFdkFqcAkIBubdpuAk799SjnKnJbUR0vbMBZaAL9GoV1jqe9OPJhdqNUp0cn/Veh5teBAQ=
        trusted comment: timestamp:1700000000\tfile:evidence.zip\thashed
        yWYqEh1FXYAsNfM2vUORgn5fxy+MmZt40Vfm2TgVBI/DGboyRBbqTYfoZab8fyYMcb0yFGVSIDA8cO2A9GTZDQ==

        """
    static let knownContent = Array("Keepsake minisign known answer\n".utf8)
    static let knownTrustedComment = "timestamp:1700000000\tfile:evidence.zip\thashed"

    static func knownSigner() throws -> MinisignSigner {
        MinisignSigner(signingKey: try Ed25519.PrivateKey(seed: SecureBytes(copying: Sample.rfc8032Seed)))
    }

    @Test func aFixedSeedGivesThePinnedPublicKeyFile() throws {
        let key = try Self.knownSigner().publicKey
        #expect(key.publicKey.bytes == Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        #expect(key.keyId == Hex.decode("7849ac3049680be1"))
        #expect(key.keyIdText == "E10B684930AC4978")
        #expect(key.base64Line == "RWR4SawwSWgL4ddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea")
        #expect(try key.fileText() == Self.knownPublicKeyFile)
        #expect(try MinisignPublicKey(parsing: Self.knownPublicKeyFile) == key)
    }

    @Test func aFixedSeedSignsThePinnedSignatureFile() throws {
        let signature = try Self.knownSigner().sign(Self.knownContent, trustedComment: Self.knownTrustedComment)
        #expect(signature.fileText == Self.knownSignatureFile)
        let parsed = try MinisignSignature(parsing: Self.knownSignatureFile)
        #expect(parsed == signature)
        #expect(try parsed.verify(content: Self.knownContent, publicKey: try Self.knownSigner().publicKey)
            == Self.knownTrustedComment)
    }

    @Test func theDigestIsUnkeyedBLAKE2b512() throws {
        // RFC 7693 Appendix A: BLAKE2b-512("abc").
        #expect(MinisignDigest(of: Array("abc".utf8)).bytes == Hex.decode(
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"))
    }

    @Test func theDerivedKeyIdIsTheStartOfBLAKE2b256OfThePublicKey() throws {
        for byte: UInt8 in [0, 1, 0xff] {
            let key = Sample.signer(byte).publicKey
            #expect(key.keyId == Array(try BLAKE2b.hash(key.publicKey.bytes, outputByteCount: 32).prefix(8)))
            #expect(MinisignPublicKey.derivedKeyId(for: key.publicKey) == key.keyId)
        }
    }

    @Test func keyIdsPrintAsLittleEndianUpperCaseHex() throws {
        let publicKey = Sample.signer(1).publicKey.publicKey
        let cases: [([UInt8], String)] = [
            // minisign prints "%" PRIX64: no leading zeros (a stock key with id 0x01F7… prints "1F7…").
            ([1, 0, 0, 0, 0, 0, 0, 0], "1"),
            ([0, 0, 0, 0, 0, 0, 0, 0x0a], "A00000000000000"),
            ([0x1b, 0xda, 0xff, 0x77, 0xa2, 0x32, 0x8e, 0x20], "208E32A277FFDA1B"),
        ]
        for (keyId, text) in cases {
            let key = try MinisignPublicKey(publicKey: publicKey, keyId: keyId)
            #expect(key.keyIdText == text)
            #expect(try key.fileText().hasPrefix("untrusted comment: minisign public key \(text)\n"))
        }
    }

    @Test func keyIdsOfAnotherLengthAreRefused() {
        let key = Sample.signer(1).publicKey.publicKey
        for count in [0, 7, 9, 32] {
            #expect(throws: MinisignError.invalidKeyId(byteCount: count)) {
                try MinisignPublicKey(publicKey: key, keyId: [UInt8](repeating: 1, count: count))
            }
        }
    }

    // MARK: Round trips and accepted shapes

    @Test func signaturesRoundTripThroughTheirText() throws {
        let signer = Sample.signer(9)
        for (index, comment) in ["", "one", "tab\tand ünïcödé ✓", String(repeating: "z", count: 8_173)].enumerated() {
            let content = Sample.bytes(index * 1_000, seed: UInt64(index))
            let signature = try signer.sign(content, trustedComment: comment, untrustedComment: "u\(index)")
            let parsed = try MinisignSignature(parsing: signature.fileText)
            #expect(parsed == signature)
            #expect(parsed.untrustedComment == "u\(index)")
            #expect(parsed.keyIdText == signer.publicKey.keyIdText)
            #expect(try parsed.verify(content: content, publicKey: signer.publicKey) == comment)
            #expect(try parsed.verify(digest: MinisignDigest(of: content), publicKey: signer.publicKey) == comment)
        }
    }

    @Test func aSignatureFileHasMinisignsFourLineLayout() throws {
        let signer = Sample.signer(9)
        let text = try signer.sign([1, 2, 3], trustedComment: "tc", untrustedComment: "uc").fileText
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5 && lines[4].isEmpty)
        #expect(lines[0] == "untrusted comment: uc")
        #expect(lines[1].count == 100 && lines[1].hasPrefix("RUQ") && lines[1].hasSuffix("="))
        #expect(Array(try Base64.decode(String(lines[1]), variant: .original)[2..<10]) == signer.publicKey.keyId)
        #expect(lines[2] == "trusted comment: tc")
        #expect(lines[3].count == 88 && lines[3].hasSuffix("=="))
    }

    @Test func publicKeysParseFromAFileOrTheBareLine() throws {
        let key = Sample.signer(10).publicKey
        let file = try key.fileText()
        let shapes = [
            file, String(file.dropLast()), file.replacingOccurrences("\n", with: "\r\n"),
            try key.fileText(untrustedComment: "Keepsake vault key, pinned on 2 May"),
            try key.fileText(untrustedComment: ""),
            key.base64Line, key.base64Line + "\n", key.base64Line + "\r\n",
        ]
        for shape in shapes {
            #expect(try MinisignPublicKey(parsing: shape) == key, "\(shape)")
        }
        #expect(try MinisignPublicKey(parsing: Array(file.utf8)) == key)
        #expect(key.description == "minisign public key \(key.keyIdText)")
    }

    @Test func crlfSignatureFilesAndAMissingFinalNewlineAreRead() throws {
        let signer = Sample.signer(11)
        let signature = try signer.sign([9, 9, 9], trustedComment: "crlf")
        for text in [signature.fileText.replacingOccurrences("\n", with: "\r\n"), String(signature.fileText.dropLast())] {
            let parsed = try MinisignSignature(parsing: text)
            #expect(parsed == signature)
            #expect(try parsed.verify(content: [9, 9, 9], publicKey: signer.publicKey) == "crlf")
        }
    }

    // MARK: Comments

    @Test func lineBreaksInCommentsAreRefused() throws {
        let signer = Sample.signer(12)
        for bad in ["\n", "\r", "\r\n", "first\nsecond", "end\r", "\u{0}", "nul\u{0}inside"] {
            #expect(throws: MinisignError.self) { try signer.sign([1], trustedComment: bad) }
            #expect(throws: MinisignError.self) { try signer.sign([1], trustedComment: "ok", untrustedComment: bad) }
            #expect(throws: MinisignError.self) { try signer.publicKey.fileText(untrustedComment: bad) }
        }
        do {
            _ = try signer.sign([1], trustedComment: "a\nb")
            Issue.record("a trusted comment with LF was signed")
        } catch {
            #expect(error == .invalidComment(reason: "the trusted comment must be a single line, without CR or LF"))
        }
    }

    @Test func commentsLongerThanMinisignReadsAreRefused() throws {
        let signer = Sample.signer(13)
        #expect(MinisignSigner.maximumTrustedCommentByteCount == 8_173)
        #expect(MinisignSigner.maximumUntrustedCommentByteCount == 1_003)
        _ = try signer.sign([1], trustedComment: String(repeating: "t", count: 8_173))
        _ = try signer.sign([1], trustedComment: "t", untrustedComment: String(repeating: "u", count: 1_003))
        #expect(throws: MinisignError.self) { try signer.sign([1], trustedComment: String(repeating: "t", count: 8_174)) }
        // Counted in UTF-8 bytes, not characters: 4,087 two-byte letters are 8,174 bytes.
        #expect(throws: MinisignError.self) { try signer.sign([1], trustedComment: String(repeating: "ü", count: 4_087)) }
        #expect(throws: MinisignError.self) {
            try signer.sign([1], trustedComment: "t", untrustedComment: String(repeating: "u", count: 1_004))
        }
        #expect(throws: MinisignError.self) { try signer.publicKey.fileText(untrustedComment: String(repeating: "u", count: 1_004)) }
    }

    // MARK: Verification failures

    @Test func verificationNamesTheFailure() throws {
        let signer = Sample.signer(14), other = Sample.signer(15)
        let content = Sample.bytes(4_096, seed: 14)
        let signature = try signer.sign(content, trustedComment: "as signed")
        #expect(throws: MinisignError.keyMismatch(
            signatureKeyId: signer.publicKey.keyIdText, publicKeyId: other.publicKey.keyIdText)
        ) { try signature.verify(content: content, publicKey: other.publicKey) }
        let sameIdOtherKey = try MinisignPublicKey(publicKey: other.publicKey.publicKey, keyId: signer.publicKey.keyId)
        #expect(throws: MinisignError.invalidSignature) { try signature.verify(content: content, publicKey: sameIdOtherKey) }
        #expect(throws: MinisignError.invalidSignature) { try signature.verify(content: Array(content.dropLast()), publicKey: signer.publicKey) }
        #expect(throws: MinisignError.invalidSignature) { try signature.verify(content: [], publicKey: signer.publicKey) }
        let forged = try MinisignSignature(parsing: signature.fileText.replacingLine(2, with: "trusted comment: as signed."))
        #expect(throws: MinisignError.trustedCommentAltered) { try forged.verify(content: content, publicKey: signer.publicKey) }
        // The global signature of one signature does not carry over to another.
        let second = try signer.sign(content + [0], trustedComment: "as signed")
        let spliced = try MinisignSignature(parsing: signature.fileText.replacingLine(3, with: second.fileText.line(3)))
        #expect(throws: MinisignError.trustedCommentAltered) { try spliced.verify(content: content, publicKey: signer.publicKey) }
    }

    @Test func errorDescriptionsAreOnePlainLine() {
        let errors: [MinisignError] = [
            .tooLarge(size: 20_000, limit: 9_408), .malformedPublicKey(reason: "it is empty"),
            .malformedSignature(reason: "it has 3 of its 4 lines; it may be truncated"),
            .unsupportedAlgorithm("XX"), .invalidKeyId(byteCount: 7), .invalidComment(reason: "r"),
            .keyMismatch(signatureKeyId: "0000000000000001", publicKeyId: "0000000000000002"),
            .invalidSignature, .trustedCommentAltered, .legacySignatureNeedsContent,
        ]
        for error in errors {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
        #expect(MinisignError.keyMismatch(signatureKeyId: "0000000000000001", publicKeyId: "0000000000000002").description
            == "this signature was made by another key (key id 0000000000000001), not by the key given (key id 0000000000000002)")
    }
}

extension String {
    /// Every `target` replaced (without Foundation's help).
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
