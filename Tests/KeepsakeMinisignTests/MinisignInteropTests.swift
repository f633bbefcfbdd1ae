import KeepsakeCrypto
import KeepsakeMinisign
import KeepsakeTestSupport
import Testing

/// Our signatures and keys against the stock minisign 0.11 CLI, in both directions.
@Suite struct MinisignInteropTests {
    static let content = Sample.bytes(100_003, seed: 1)

    // MARK: Ours, checked by minisign -V

    @Test func stockMinisignVerifiesOurSignatureAndPrintsTheTrustedComment() throws {
        let folder = TemporaryFolder()
        let signer = Sample.signer(1)
        let comments = [
            "timestamp:1700000000\tfile:bundle.zip\thashed", "", "x",
            "Übergabe an die Anwältin, 3 Dateien ✓", " leading and trailing spaces ",
            String(repeating: "a", count: MinisignSigner.maximumTrustedCommentByteCount),
        ]
        for comment in comments {
            let signature = try signer.sign(Self.content, trustedComment: comment)
            let result = try StockMinisign.verify(
                Self.content, signature: signature.fileText, publicKey: try signer.publicKey.fileText(),
                in: folder)
            #expect(result.status == 0, "\(result)")
            #expect(result.output == "Signature and comment signature verified\nTrusted comment: \(comment)\n")
        }
    }

    @Test func stockMinisignTakesOurBareKeyLineAndQuietMode() throws {
        let folder = TemporaryFolder()
        let signer = Sample.signer(2)
        let signature = try signer.sign(Self.content, trustedComment: "bare key line")
        TestFiles.write(Self.content, to: folder.appending("content"))
        TestFiles.write(Array(signature.fileText.utf8), to: folder.appending("content.minisig"))
        let result = try StockMinisign.run([
            "-V", "-Q", "-P", signer.publicKey.base64Line, "-m", folder.appending("content"),
            "-x", folder.appending("content.minisig"),
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.output == "bare key line\n")
    }

    @Test func stockMinisignVerifiesAStreamedSignatureOfSeveralMebibytes() throws {
        let folder = TemporaryFolder()
        let signer = Sample.signer(3)
        let content = Sample.bytes(5 * 1_048_576 + 77, seed: 3)
        let hasher = Sample.streamed(content, chunkSizes: [1, 65_537, 999_983, 13, 4_093])
        let signature = try signer.sign(hasher, trustedComment: "streamed")
        let result = try StockMinisign.verify(
            content, signature: signature.fileText, publicKey: try signer.publicKey.fileText(), in: folder)
        #expect(result.status == 0, "\(result)")
    }

    @Test func stockMinisignRefusesAChangedFileByte() throws {
        let folder = TemporaryFolder()
        let signer = Sample.signer(4)
        let signature = try signer.sign(Self.content, trustedComment: "original")
        for index in [0, 50_000, Self.content.count - 1] {
            var changed = Self.content
            changed[index] ^= 0x01
            let result = try StockMinisign.verify(
                changed, signature: signature.fileText, publicKey: try signer.publicKey.fileText(), in: folder)
            #expect(result.status != 0, "\(result)")
            #expect(result.errors.contains("Signature verification failed"), "\(result)")
        }
    }

    @Test func stockMinisignRefusesAChangedTrustedComment() throws {
        let folder = TemporaryFolder()
        let signer = Sample.signer(5)
        let text = try signer.sign(Self.content, trustedComment: "sent to counsel on 3 May").fileText
        for forged in ["sent to counsel on 4 May", "sent to counsel on 3 May ", ""] {
            let changed = text.replacingLine(2, with: "trusted comment: \(forged)")
            let result = try StockMinisign.verify(
                Self.content, signature: changed, publicKey: try signer.publicKey.fileText(), in: folder)
            #expect(result.status != 0, "\(result)")
            #expect(result.errors.contains("Comment signature verification failed"), "\(result)")
        }
    }

    @Test func stockMinisignRefusesASignatureByAnotherKey() throws {
        let folder = TemporaryFolder()
        let expected = Sample.signer(6)
        // Another key, another key id: minisign stops at the key id.
        let other = try Sample.signer(7).sign(Self.content, trustedComment: "other")
        var result = try StockMinisign.verify(
            Self.content, signature: other.fileText, publicKey: try expected.publicKey.fileText(), in: folder)
        #expect(result.status != 0, "\(result)")
        #expect(result.errors.contains(expected.publicKey.keyIdText), "\(result)")
        // Another key claiming the expected key id: the signature itself fails.
        let impostor = try MinisignSigner(
            signingKey: try Ed25519.PrivateKey(seed: SecureBytes(copying: [UInt8](repeating: 7, count: 32))),
            keyId: expected.publicKey.keyId)
        let forged = try impostor.sign(Self.content, trustedComment: "forged")
        result = try StockMinisign.verify(
            Self.content, signature: forged.fileText, publicKey: try expected.publicKey.fileText(), in: folder)
        #expect(result.status != 0, "\(result)")
        #expect(result.errors.contains("Signature verification failed"), "\(result)")
    }

    // MARK: minisign's, checked by us

    /// Makes a key pair with `minisign -G -W` (no password) in `folder`.
    static func stockKey(in folder: TemporaryFolder, name: String = "stock") throws -> (pub: String, sec: String) {
        let pub = folder.appending("\(name).pub"), sec = folder.appending("\(name).key")
        let result = try StockMinisign.run(["-G", "-W", "-p", pub, "-s", sec])
        try #require(result.status == 0, "\(result)")
        return (pub, sec)
    }

    /// Signs `content` with `minisign -S` and returns the signature file's text.
    static func stockSign(
        _ content: [UInt8], key: String, in folder: TemporaryFolder, arguments: [String]
    ) throws -> String {
        let file = folder.appending("signed"), signature = folder.appending("signed.minisig")
        TestFiles.write(content, to: file)
        let result = try StockMinisign.run(["-S", "-s", key, "-m", file, "-x", signature] + arguments)
        try #require(result.status == 0, "\(result)")
        return String(decoding: TestFiles.read(signature), as: UTF8.self)
    }

    @Test func aStockKeyAndPrehashedSignatureVerifyHere() throws {
        let folder = TemporaryFolder()
        let key = try Self.stockKey(in: folder)
        let pubText = String(decoding: TestFiles.read(key.pub), as: UTF8.self)
        let publicKey = try MinisignPublicKey(parsing: pubText)
        // Our writer reproduces the stock .pub file byte for byte.
        #expect(try publicKey.fileText() == pubText)
        #expect(pubText.hasPrefix("untrusted comment: minisign public key \(publicKey.keyIdText)\n"))

        let text = try Self.stockSign(Self.content, key: key.sec, in: folder, arguments: ["-t", "stock comment\twith a tab"])
        let signature = try MinisignSignature(parsing: text)
        #expect(signature.algorithm == .prehashed)
        #expect(signature.untrustedComment == "signature from minisign secret key")
        #expect(signature.fileText == text)
        #expect(try signature.verify(content: Self.content, publicKey: publicKey) == "stock comment\twith a tab")
        var hasher = MinisignHasher()
        hasher.update(Array(Self.content.prefix(3)))
        hasher.update(Array(Self.content.dropFirst(3)))
        #expect(try signature.verify(hasher, publicKey: publicKey) == "stock comment\twith a tab")

        // Without -t, minisign writes its default trusted comment, marked as hashed.
        let defaulted = try MinisignSignature(parsing: try Self.stockSign(Self.content, key: key.sec, in: folder, arguments: []))
        let comment = try defaulted.verify(content: Self.content, publicKey: publicKey)
        #expect(comment.hasPrefix("timestamp:") && comment.hasSuffix("\tfile:signed\thashed"))
    }

    @Test func aStockLegacySignatureVerifiesAgainstTheWholeContent() throws {
        let folder = TemporaryFolder()
        let key = try Self.stockKey(in: folder)
        let publicKey = try MinisignPublicKey(parsing: TestFiles.read(key.pub))
        let text = try Self.stockSign(Self.content, key: key.sec, in: folder, arguments: ["-l", "-t", "legacy"])
        let signature = try MinisignSignature(parsing: text)
        #expect(signature.algorithm == .legacy)
        #expect(signature.fileText == text)
        #expect(try signature.verify(content: Self.content, publicKey: publicKey) == "legacy")
        #expect(throws: MinisignError.legacySignatureNeedsContent) {
            try signature.verify(digest: MinisignDigest(of: Self.content), publicKey: publicKey)
        }
        var changed = Self.content
        changed[1_000] ^= 0x80
        #expect(throws: MinisignError.invalidSignature) {
            try signature.verify(content: changed, publicKey: publicKey)
        }
    }

    @Test func alteredStockSignaturesFailWithTheRightError() throws {
        let folder = TemporaryFolder()
        let key = try Self.stockKey(in: folder)
        let otherKey = try Self.stockKey(in: folder, name: "other")
        let publicKey = try MinisignPublicKey(parsing: TestFiles.read(key.pub))
        let otherPublicKey = try MinisignPublicKey(parsing: TestFiles.read(otherKey.pub))
        let text = try Self.stockSign(Self.content, key: key.sec, in: folder, arguments: ["-t", "as signed"])
        let signature = try MinisignSignature(parsing: text)

        var changed = Self.content
        changed[changed.count - 1] ^= 0x01
        #expect(throws: MinisignError.invalidSignature) {
            try signature.verify(content: changed, publicKey: publicKey)
        }
        #expect(throws: MinisignError.invalidSignature) {
            try signature.verify(content: Self.content + [0], publicKey: publicKey)
        }
        let forged = try MinisignSignature(parsing: text.replacingLine(2, with: "trusted comment: as signed, and more"))
        #expect(throws: MinisignError.trustedCommentAltered) {
            try forged.verify(content: Self.content, publicKey: publicKey)
        }
        #expect(throws: MinisignError.keyMismatch(
            signatureKeyId: publicKey.keyIdText, publicKeyId: otherPublicKey.keyIdText)
        ) {
            try signature.verify(content: Self.content, publicKey: otherPublicKey)
        }
        // Stock minisign agrees on each.
        for (content, sig, pub) in [
            (changed, text, key.pub), (Self.content, forged.fileText, key.pub), (Self.content, text, otherKey.pub),
        ] {
            TestFiles.write(content, to: folder.appending("check"))
            TestFiles.write(Array(sig.utf8), to: folder.appending("check.minisig"))
            let result = try StockMinisign.run(["-V", "-p", pub, "-m", folder.appending("check")])
            #expect(result.status != 0, "\(result)")
        }
    }
}
