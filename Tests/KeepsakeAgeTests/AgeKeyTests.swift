import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@testable import KeepsakeAge

/// Bech32, recipients, identities and identity files.
@Suite struct AgeKeyTests {
    // MARK: Bech32 (BIP 173's own examples)

    @Test func bip173ValidStringsDecodeAndReencode() throws {
        let valid = [
            "A12UEL5L", "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "11" + String(repeating: "q", count: 82) + "c8247j",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl",
        ]
        for text in valid {
            let decoded = try Bech32.decode(Array(text.utf8))
            #expect(String(decoding: Bech32.encode(hrp: decoded.hrp, data: decoded.data), as: UTF8.self) == text)
        }
    }

    @Test func bip173InvalidStringsAreRefused() {
        let invalid = [
            " 1nwldj5", "\u{7f}1axkwrx", "\u{80}1eym55h", "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v",
            "li1dgmt3", "de1lg7wt\u{ff}", "A1G7SGD8", "10a06t8", "1qzzfhee", "a12UEL5L",
        ]
        for text in invalid {
            #expect(throws: Bech32.Failure.self, "\(text)") { try Bech32.decode(Array(text.utf8)) }
        }
    }

    @Test func bech32HasNoNinetyCharacterLimit() throws {
        // BIP 173 refuses this for its length alone; age drops the limit.
        let long = "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx"
        #expect(try Bech32.decode(Array(long.utf8)).hrp.count == 84)
        let data = Sample.bytes(200, seed: 9)
        let encoded = Bech32.encode(hrp: "age", data: data)
        #expect(encoded.count > 300)
        #expect(try Bech32.decode(encoded).data == data)
    }

    // MARK: Recipients and identities

    @Test func theSpecificationsExampleKeyGivesItsRecipient() throws {
        let identity = try AgeIdentity(parsing: Sample.specIdentity)
        #expect("\(identity.recipient)" == Sample.specRecipient)
        #expect(try AgeRecipient(parsing: Sample.specRecipient) == identity.recipient)
        let text = identity.encodedSecretKey().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        #expect(text == Sample.specIdentity)
    }

    @Test func generatedIdentitiesRoundTripThroughTheirText() throws {
        for _ in 0..<20 {
            let identity = AgeIdentity.generate()
            let text = identity.encodedSecretKey().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
            #expect(text.hasPrefix("AGE-SECRET-KEY-1") && text.count == 74 && text == text.uppercased())
            let parsed = try AgeIdentity(parsing: text)
            #expect(parsed.recipient == identity.recipient)
            #expect(parsed.privateKey.secret == identity.privateKey.secret)
            let recipient = "\(identity.recipient)"
            #expect(recipient.hasPrefix("age1") && recipient.count == 62)
            #expect(try AgeRecipient(parsing: recipient) == identity.recipient)
        }
    }

    @Test func descriptionsNeverShowTheSecret() {
        let identity = Sample.identity(7)
        let secret = identity.encodedSecretKey().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        #expect(!"\(identity)".contains(secret.dropFirst(16).prefix(20)))
        #expect("\(identity)".contains("\(identity.recipient)"))
    }

    @Test func malformedRecipientsAreRefusedWithAReason() {
        let cases = [
            "", "age1", Sample.specRecipient.uppercased(), String(Sample.specRecipient.dropLast()) + "x",
            " " + Sample.specRecipient, Sample.specRecipient + " ",
            "\(Sample.identity(1).recipient)".replacingOccurrences(of: "age1", with: "agf1"),
            // A post-quantum recipient: another prefix.
            "age1pq1" + String(Sample.specRecipient.dropFirst(4)),
            // 31 bytes of key.
            String(decoding: Bech32.encode(hrp: "age", data: [UInt8](repeating: 1, count: 31)), as: UTF8.self),
        ]
        for text in cases {
            #expect(throws: AgeError.self, "\(text)") { try AgeRecipient(parsing: text) }
        }
    }

    @Test func malformedIdentitiesAreRefusedWithoutRepeatingThem() {
        let good = Sample.specIdentity
        let cases = [
            good.lowercased(), String(good.dropLast()) + "Q", " " + good, good + " ", good + "\n",
            "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG",
            Sample.specRecipient, "",
        ]
        for text in cases {
            do {
                _ = try AgeIdentity(parsing: text)
                Issue.record("accepted \(text)")
            } catch {
                guard case let .invalidIdentity(reason) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(!text.isEmpty || !reason.isEmpty)
                #expect(!"\(error)".contains("GFPYYSJZ"))
            }
        }
    }

    // MARK: Identity files

    @Test func identityFilesReadAsAgeReadsThem() throws {
        let one = Sample.identity(1), two = Sample.identity(2)
        let key = { (identity: AgeIdentity) in
            identity.encodedSecretKey().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
        let text = "# created: 2024-01-01T00:00:00Z\r\n# public key: \(one.recipient)\r\n\(key(one))\r\n\n#\n\(key(two))"
        let identities = try AgeIdentityFile.parse(Array(text.utf8))
        #expect(identities.map(\.recipient) == [one.recipient, two.recipient])
    }

    @Test func badIdentityFilesNameTheLineButNotTheKey() {
        let key = Sample.identity(3).encodedSecretKey().withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        let damaged = String(key.dropLast()) + (key.last == "Q" ? "P" : "Q")
        let cases: [(String, String)] = [
            ("# only a comment\n\n", "no secret key"),
            ("# comment\n\(damaged)\n", "line 2"),
            ("\(key)\n \(key)\n", "line 2"),
            ("AGE-PLUGIN-YUBIKEY-1QQQQ\n", "plugin"),
            ("AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG\n", "post-quantum"),
        ]
        for (text, expected) in cases {
            do {
                _ = try AgeIdentityFile.parse(Array(text.utf8))
                Issue.record("accepted: \(expected)")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
                #expect(!"\(error)".contains(key.dropFirst(20).prefix(20)))
            }
        }
    }

    @Test func absurdlyLargeIdentityFilesAreRefused() throws {
        let folder = TemporaryFolder()
        let path = folder.appending("huge.txt")
        let key = Sample.identity(4).encodedSecretKey().withUnsafeBytes { Array($0) }
        var bytes = [UInt8](repeating: UInt8(ascii: "#"), count: AgeIdentityFile.maximumByteCount)
        bytes += [UInt8(ascii: "\n")] + key + [UInt8(ascii: "\n")]
        TestFiles.write(bytes, to: path)
        #expect(throws: AgeError.self) { try AgeIdentityFile.read(path: path) }
        #expect(throws: AgeError.self) { try AgeIdentityFile.parse(bytes) }
        TestFiles.write(Array(bytes.suffix(key.count + 1)), to: path)
        #expect(try AgeIdentityFile.read(path: path).count == 1)
        #expect(throws: AgeError.self) { try AgeIdentityFile.read(path: folder.appending("missing")) }
    }

    @Test func identityFilesAreWrittenAsAgeKeygenWritesThem() throws {
        let identity = try AgeIdentity(parsing: Sample.specIdentity)
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        let text = AgeIdentityFile.text(for: identity, created: created)
            .withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        #expect(text == "# created: 2023-11-14T22:13:20Z\n# public key: \(Sample.specRecipient)\n\(Sample.specIdentity)\n")

        let folder = TemporaryFolder()
        let path = folder.appending("key.txt")
        try AgeIdentityFile.write(identity, toPath: path, created: created)
        #expect(TestFiles.mode(path) == 0o600)
        #expect(String(decoding: TestFiles.read(path), as: UTF8.self) == text)
        #expect(try AgeIdentityFile.read(path: path).map(\.recipient) == [identity.recipient])
        // An existing file is never replaced.
        #expect(throws: AgeError.self) { try AgeIdentityFile.write(Sample.identity(5), toPath: path) }
        #expect(String(decoding: TestFiles.read(path), as: UTF8.self) == text)
    }
}
