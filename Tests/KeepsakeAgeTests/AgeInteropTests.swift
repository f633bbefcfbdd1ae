import Foundation
import KeepsakeAge
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// Our files and keys against the stock age 1.1.1 CLI (`age`, `age-keygen`), both ways.
@Suite struct AgeInteropTests {
    static let sizes = [0, 1, 65_536, 65_537, 5 * 1_048_576 + 333]

    /// The identities of a stock key file, checked against its `# public key:` comment.
    static func stockIdentity(_ path: String) throws -> AgeIdentity {
        let text = String(decoding: TestFiles.read(path), as: UTF8.self)
        let identities = try AgeIdentityFile.parse(Array(text.utf8))
        #expect(identities.count == 1)
        let identity = try #require(identities.first)
        #expect(text.contains("# public key: \(identity.recipient)\n"))
        return identity
    }

    @Test func stockAgeOpensOurFilesToAnAgeKeygenRecipient() throws {
        let folder = TemporaryFolder()
        let keyFile = try StockAge.keygen(in: folder, name: "key.txt")
        let recipient = try Self.stockIdentity(keyFile).recipient
        let encryptor = AgeEncryptor(recipient: recipient)
        for (index, size) in Self.sizes.enumerated() {
            let plaintext = Sample.bytes(size, seed: UInt64(100 + index))
            // Small files in memory; the large one file to file on every core.
            let file: [UInt8]
            if size < 1_000_000 {
                file = try encryptor.encrypt(plaintext)
            } else {
                TestFiles.write(plaintext, to: folder.appending("plain"))
                file = try encryptFileToFile(folder.appending("plain"), folder.appending("ours.age"), encryptor)
            }
            #expect(try StockAge.decrypt(file, identityFile: keyFile, in: folder) == plaintext, "size \(size)")
        }
    }

    @Test func stockAgeOpensOurFileForTwoRecipientsWithEitherKey() throws {
        let folder = TemporaryFolder()
        let keys = try ["one.txt", "two.txt"].map { try StockAge.keygen(in: folder, name: $0) }
        let recipients = try keys.map { try Self.stockIdentity($0).recipient }
        let plaintext = Sample.bytes(200_000, seed: 3)
        let file = try AgeEncryptor(recipients: recipients).encrypt(plaintext)
        for key in keys {
            #expect(try StockAge.decrypt(file, identityFile: key, in: folder) == plaintext)
        }
    }

    @Test func stockAgeFilesOpenHere() throws {
        let folder = TemporaryFolder()
        let identity = try Self.stockIdentity(try StockAge.keygen(in: folder, name: "key.txt"))
        let other = AgeIdentity.generate()
        let decryptor = AgeDecryptor(identities: [other, identity])
        for (index, size) in Self.sizes.enumerated() {
            let plaintext = Sample.bytes(size, seed: UInt64(200 + index))
            let file = try StockAge.encrypt(plaintext, to: [other.recipient, identity.recipient], in: folder)
            let byReader = Decrypt.byReader(file, decryptor, readSize: 65_536)
            #expect(byReader.error == nil && byReader.released == plaintext, "size \(size)")
            TestFiles.write(file, to: folder.appending("stock.age"))
            let output = folder.appending("plain-out")
            TestFiles.remove(output)
            let summary = try decryptFileToFile(folder.appending("stock.age"), output, decryptor)
            #expect(summary.sha256 == SHA256.hash(plaintext), "size \(size)")
            #expect(TestFiles.read(output) == plaintext, "size \(size)")
        }
    }

    @Test func stockArmoredFilesOpenHereAndOursOpenThere() throws {
        let folder = TemporaryFolder()
        let keyFile = try StockAge.keygen(in: folder, name: "key.txt")
        let identity = try Self.stockIdentity(keyFile)
        let decryptor = AgeDecryptor(identities: [identity])
        for size in [0, 1, 47, 48, 100_000] {
            let plaintext = Sample.bytes(size, seed: UInt64(300 + size))
            let stock = try StockAge.encrypt(plaintext, to: [identity.recipient], armored: true, in: folder)
            #expect(stock.starts(with: Array("-----BEGIN AGE ENCRYPTED FILE-----\n".utf8)))
            for format in [AgeInputFormat.automatic, .armored] {
                #expect(try decryptor.decrypt(stock, format: format) == plaintext, "size \(size)")
            }
            #expect(throws: AgeError.self) { try decryptor.decrypt(stock, format: .binary) }
            let ours = try AgeEncryptor(recipient: identity.recipient).encrypt(plaintext, armored: true)
            #expect(try StockAge.decrypt(ours, identityFile: keyFile, in: folder) == plaintext, "size \(size)")
        }
    }

    @Test func stockAgeKeygenAgreesWithOurIdentityFiles() throws {
        let folder = TemporaryFolder()
        // Theirs, read here: the recipient we derive is the one age-keygen -y prints.
        let stockKey = try StockAge.keygen(in: folder, name: "stock.txt")
        let derived = try StockAge.run("age-keygen", ["-y", stockKey])
        #expect(derived.output == "\(try Self.stockIdentity(stockKey).recipient)\n")

        // Ours, read by age: same recipient, and it opens a file stock age encrypted to it.
        let identity = AgeIdentity.generate()
        let ourKey = folder.appending("ours.txt")
        try AgeIdentityFile.write(identity, toPath: ourKey)
        let printed = try StockAge.run("age-keygen", ["-y", ourKey])
        #expect(printed.status == 0 && printed.output == "\(identity.recipient)\n", "\(printed)")
        let plaintext = Sample.bytes(10_000, seed: 4)
        let file = try StockAge.encrypt(plaintext, to: [identity.recipient], in: folder)
        #expect(try StockAge.decrypt(file, identityFile: ourKey, in: folder) == plaintext)

        // Same shape as age-keygen's file: three lines, the comments first.
        let stockLines = String(decoding: TestFiles.read(stockKey), as: UTF8.self).split(separator: "\n")
        let ourLines = String(decoding: TestFiles.read(ourKey), as: UTF8.self).split(separator: "\n")
        #expect(ourLines.count == stockLines.count)
        #expect(zip(ourLines, stockLines).allSatisfy { $0.prefix(10) == $1.prefix(10) })
        #expect(ourLines[0].count == stockLines[0].count)  // "# created: YYYY-MM-DDTHH:MM:SSZ"
        #expect(TestFiles.mode(ourKey) == 0o600)
    }

    @Test func stockAgeRefusesOurFileWhenAByteIsChanged() throws {
        let folder = TemporaryFolder()
        let keyFile = try StockAge.keygen(in: folder, name: "key.txt")
        let recipient = try Self.stockIdentity(keyFile).recipient
        let file = try AgeEncryptor(recipient: recipient).encrypt(Sample.bytes(100_000, seed: 5))
        for index in [30, file.count / 2, file.count - 1] {
            var changed = file
            changed[index] ^= 0x04
            TestFiles.write(changed, to: folder.appending("changed.age"))
            let result = try StockAge.run(
                "age", ["-d", "-i", keyFile, "-o", folder.appending("changed.out"), folder.appending("changed.age")])
            #expect(result.status != 0, "\(result)")
        }
    }

    #if os(Linux)
        /// `age -p` reads passphrases from a terminal only; util-linux's `script` lends it one.
        @Test func passphraseFilesOpenBothWays() throws {
            let folder = TemporaryFolder()
            let script = try StockAge.executable("script", package: "bsdutils")
            let age = try StockAge.executable("age")
            let passphrase = "a passphrase for the lawyer"
            let plaintext = Sample.bytes(100_000, seed: 6)

            // Ours, at a low work factor, opened by age -d.
            let ours = try AgeEncryptor(passphrase: Passphrase(copying: passphrase), workFactor: 10).encrypt(plaintext)
            TestFiles.write(ours, to: folder.appending("ours.age"))
            let opened = try ProgramRunner(executable: script).run(
                ["-qec", "\(age) -d -o '\(folder.appending("ours.out"))' '\(folder.appending("ours.age"))'", "/dev/null"],
                input: passphrase + "\n")
            #expect(opened.status == 0, "\(opened)")
            #expect(TestFiles.read(folder.appending("ours.out")) == plaintext)

            // Theirs, at age's default work factor (18), opened here.
            TestFiles.write(plaintext, to: folder.appending("plain"))
            let sealed = try ProgramRunner(executable: script).run(
                ["-qec", "\(age) -p -o '\(folder.appending("stock.age"))' '\(folder.appending("plain"))'", "/dev/null"],
                input: passphrase + "\n" + passphrase + "\n")
            #expect(sealed.status == 0, "\(sealed)")
            let stock = TestFiles.read(folder.appending("stock.age"))
            let stanza = try #require(try AgeHeader.parse(stock).header.stanzas.first)
            #expect(stanza.type == "scrypt" && stanza.arguments.last == "18")
            #expect(try AgeDecryptor(passphrase: Passphrase(copying: passphrase)).decrypt(stock) == plaintext)
        }
    #endif

    /// Encrypts a file into another with `AgeEncryptor.encrypt(from:to:)`; returns the output.
    private func encryptFileToFile(_ input: String, _ output: String, _ encryptor: AgeEncryptor) throws -> [UInt8] {
        try TestFiles.withDescriptors(input, output) { inputFD, outputFD in
            var source = FileDescriptorSource(descriptor: inputFD)
            var sink = FileDescriptorSink(descriptor: outputFD)
            try encryptor.encrypt(from: &source, to: &sink)
        }
        return TestFiles.read(output)
    }

    /// Decrypts a file into another with `AgeDecryptor.decrypt(from:to:)`.
    private func decryptFileToFile(_ input: String, _ output: String, _ decryptor: AgeDecryptor) throws -> StreamSummary {
        try TestFiles.withDescriptors(input, output) { inputFD, outputFD in
            var source = FileDescriptorSource(descriptor: inputFD)
            var sink = FileDescriptorSink(descriptor: outputFD)
            return try decryptor.decrypt(from: &source, to: &sink, hashPlaintext: true)
        }
    }
}
