import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@testable import KeepsakeAge

/// The seeds of the `age-header` fuzz target in `Fixtures/fuzz/age-header/`, made for the
/// target's fixed identity and passphrase; each still decrypts to what it was made from.
/// `KEEPSAKE_WRITE_FUZZ_SEEDS=1 swift test --filter AgeFuzzSeedTests` writes them afresh (one
/// test at a time: both write `x25519.age`).
@Suite(.serialized) struct AgeFuzzSeedTests {
    /// The same key and passphrase as `Fuzz/Sources/age-header/AgeHeaderTarget.swift`.
    static let identity = AgeIdentity(
        privateKey: try! X25519.PrivateKey(secret: SecureBytes(copying: [UInt8](repeating: 0x41, count: 32))))
    static let passphrase = "keepsake fuzzing"
    static let plaintext = Array("a small sealed file for the fuzzer\n".utf8)

    @Test func seedsDecryptAsMade() throws {
        let other = AgeIdentity(privateKey: X25519.PrivateKey())
        let seeds: [(String, () throws -> [UInt8])] = [
            ("x25519.age", { try AgeEncryptor(recipient: Self.identity.recipient).encrypt(Self.plaintext) }),
            ("x25519-armored.age", { try AgeEncryptor(recipient: Self.identity.recipient).encrypt(Self.plaintext, armored: true) }),
            ("two-recipients.age", {
                try AgeEncryptor(recipients: [other.recipient, Self.identity.recipient]).encrypt(Self.plaintext)
            }),
            ("scrypt-wf2.age", {
                try AgeEncryptor(passphrase: Passphrase(copying: Self.passphrase), workFactor: 2).encrypt(Self.plaintext)
            }),
            ("empty-payload.age", { try AgeEncryptor(recipient: Self.identity.recipient).encrypt([]) }),
        ]
        let decryptor = try AgeDecryptor(
            identities: [Self.identity], passphrases: [Passphrase(copying: Self.passphrase)], maximumWorkFactor: 4)
        for (name, make) in seeds {
            let seed = try FuzzSeeds.seed("age-header", name, make: make)
            let expected = name == "empty-payload.age" ? [] : Self.plaintext
            #expect(try decryptor.decrypt(seed) == expected, "\(name)")
            if !name.contains("armored") {
                let (header, byteCount) = try AgeHeader.parse(seed)
                #expect(byteCount < seed.count && !header.stanzas.isEmpty, "\(name)")
            }
        }
    }

    /// A header on its own (no payload) and a header cut short: the target starts from both
    /// ends of the grammar.
    @Test func headerOnlySeeds() throws {
        let file = try FuzzSeeds.seed("age-header", "x25519.age") {
            try AgeEncryptor(recipient: Self.identity.recipient).encrypt(Self.plaintext)
        }
        let byteCount = try AgeHeader.parse(file).byteCount
        let headerOnly = try FuzzSeeds.seed("age-header", "header-only.bin") { Array(file[..<byteCount]) }
        #expect(try AgeHeader.parse(headerOnly).byteCount == headerOnly.count)
        let cut = try FuzzSeeds.seed("age-header", "header-cut.bin") { Array(file[..<(byteCount - 10)]) }
        #expect(throws: AgeError.self) { try AgeHeader.parse(cut) }
    }
}
