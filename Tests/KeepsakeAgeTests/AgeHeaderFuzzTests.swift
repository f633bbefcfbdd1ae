import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@testable import KeepsakeAge

/// Untrusted input: thousands of mutated headers, random bytes and damaged armor must each
/// end in a typed `AgeError` (never a crash, never a success), and oversized headers are
/// refused without being read to their end.
@Suite struct AgeHeaderFuzzTests {
    /// The kinds of error a damaged file may give.
    static func isFileError(_ error: AgeError) -> Bool {
        switch error {
        case .invalidHeader, .noIdentityMatched, .headerMACMismatch, .payloadFailed, .invalidArmor,
            .workFactorTooHigh:
            return true
        default:
            return false
        }
    }

    /// One random change to `bytes` within `range` (never none: a change that gives the same
    /// bytes back is drawn again).
    static func mutate(_ bytes: [UInt8], within range: Range<Int>, _ random: inout SeededGenerator) -> [UInt8] {
        while true {
            let out = change(bytes, within: range, &random)
            if out != bytes { return out }
        }
    }

    private static func change(_ bytes: [UInt8], within range: Range<Int>, _ random: inout SeededGenerator) -> [UInt8] {
        var out = bytes
        let index = Int.random(in: range, using: &random)
        let interesting: [UInt8] = Array(" \n\r-=>+/A0a\u{7f}".utf8) + [0, 0xff]
        switch Int.random(in: 0..<7, using: &random) {
        case 0: out[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
        case 1: out[index] = interesting.randomElement(using: &random)!
        case 2: out.insert(interesting.randomElement(using: &random)!, at: index)
        case 3: out.remove(at: index)
        case 4: out.removeSubrange(index..<min(out.count, index + Int.random(in: 1...80, using: &random)))
        case 5: out = Array(out[..<index])
        default:
            // Repeat a stretch of the header in place.
            let end = min(range.upperBound, index + Int.random(in: 1...70, using: &random))
            out.insert(contentsOf: out[index..<end], at: index)
        }
        return out
    }

    @Test func mutatedHeadersGiveTypedErrors() throws {
        let identity = Sample.identity(1)
        let file = try AgeEncryptor(recipients: [identity.recipient, Sample.identity(2).recipient])
            .encrypt(Sample.bytes(1_000, seed: 1))
        let headerLength = try AgeHeader.parse(file).byteCount
        let decryptor = AgeDecryptor(identities: [identity])
        var random = SeededGenerator(seed: 42)
        var tally: [String: Int] = [:]
        for _ in 0..<2_000 {
            let mutated = Self.mutate(file, within: 0..<headerLength, &random)
            do {
                _ = try decryptor.decrypt(mutated, format: .binary)
                Issue.record("a mutated header decrypted: \(String(decoding: mutated.prefix(headerLength + 3), as: UTF8.self).debugDescription)")
            } catch {
                #expect(Self.isFileError(error), "\(error)")
                tally["\(error)".prefix(40).description, default: 0] += 1
            }
        }
        print("mutated headers: \(tally.values.reduce(0, +)) refused, \(tally.count) kinds of message")
    }

    @Test func mutatedPassphraseHeadersGiveTypedErrors() throws {
        let file = try AgeEncryptor(passphrase: Sample.passphrase, workFactor: 4).encrypt([1, 2, 3])
        let headerLength = try AgeHeader.parse(file).byteCount
        let decryptor = try AgeDecryptor(passphrase: Sample.passphrase, maximumWorkFactor: 12)
        var random = SeededGenerator(seed: 43)
        for _ in 0..<1_000 {
            let mutated = Self.mutate(file, within: 0..<headerLength, &random)
            do {
                _ = try decryptor.decrypt(mutated)
                Issue.record("a mutated header decrypted: \(String(decoding: mutated.prefix(headerLength + 3), as: UTF8.self).debugDescription)")
            } catch {
                #expect(Self.isFileError(error), "\(error)")
            }
        }
    }

    @Test func randomBytesGiveTypedErrors() throws {
        var random = SeededGenerator(seed: 7)
        let decryptor = try AgeDecryptor(
            identities: [Sample.identity(1)], passphrases: [Sample.passphrase], maximumWorkFactor: 8)
        let prefixes = [
            "", "age-encryption.org/v1\n", "age-encryption.org/v1\n-> X25519 ", "age-encryption.org/v1\n-> scrypt ",
            "-----BEGIN AGE ENCRYPTED FILE-----\n", "  \n-----BEGIN AGE ENCRYPTED FILE-----\r\nYWdl",
        ].map { Array($0.utf8) }
        for round in 0..<1_500 {
            let body = random.bytes(Int.random(in: 0..<600, using: &random))
            let input = prefixes[round % prefixes.count] + body
            for format in [AgeInputFormat.automatic, .binary, .armored] {
                do {
                    _ = try decryptor.decrypt(input, format: format)
                    Issue.record("random bytes decrypted")
                } catch {
                    #expect(Self.isFileError(error), "\(error)")
                }
            }
            do {
                _ = try AgeHeader.parse(input)
                Issue.record("random bytes parsed as a header")
            } catch {
                #expect(Self.isFileError(error), "\(error)")
            }
        }
    }

    @Test func damagedArmorGivesTypedErrors() throws {
        let identity = Sample.identity(3)
        let file = try AgeEncryptor(recipient: identity.recipient).encrypt(Sample.bytes(500, seed: 2), armored: true)
        let decryptor = AgeDecryptor(identities: [identity])
        var random = SeededGenerator(seed: 44)
        for _ in 0..<1_000 {
            let mutated = Self.mutate(file, within: 0..<file.count, &random)
            do {
                _ = try decryptor.decrypt(mutated, format: .armored)
                // Only CRs before LFs and whitespace around the block may leave it valid.
                #expect(Self.normalized(mutated) == Self.normalized(file))
            } catch {
                #expect(Self.isFileError(error), "\(error)")
            }
        }
    }

    /// Armored text without CRs and without whitespace around the block.
    static func normalized(_ text: [UInt8]) -> ArraySlice<UInt8> {
        let noCR = text.filter { $0 != 0x0d }
        let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0d).contains(byte) }
        guard let first = noCR.firstIndex(where: { !isSpace($0) }),
            let last = noCR.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return noCR[first...last]
    }

    @Test func anOversizedHeaderIsRefusedWithoutReadingItAll() throws {
        // A stanza whose body never ends: full 64-column lines well past 64 KiB.
        let line = Array(String(repeating: "A", count: 64).utf8) + [0x0a]
        var huge = Array("age-encryption.org/v1\n-> X25519 AAAA\n".utf8)
        for _ in 0..<4_000 { huge += line }
        var source = BytesSource(huge)
        var sink = BytesSink()
        let decryptor = AgeDecryptor(identities: [Sample.identity(1)])
        #expect(throws: AgeError.invalidHeader(reason: "the header is longer than 64 KiB")) {
            try decryptor.decrypt(from: &source, to: &sink, format: .binary)
        }
        #expect(source.offset <= AgeHeader.maximumByteCount + 1)
        #expect(sink.bytes.isEmpty)

        // A stream of bytes that is not an age file stops at once.
        var garbage = BytesSource(Sample.bytes(1 << 20, seed: 5))
        #expect(throws: AgeError.self) { try decryptor.decrypt(from: &garbage, to: &sink, format: .binary) }
        #expect(garbage.offset <= 4_096)
    }

    @Test func tooManyStanzasAreRefused() throws {
        let identity = Sample.identity(1)
        let stanza = AgeStanza(type: "unknown", arguments: ["x"], body: [1, 2, 3])
        for count in [20, 21] {
            let stanzas = Array(repeating: stanza, count: count - 1)
                + [try X25519Stanza.wrap(FileKey.random(), for: identity.recipient)]
            let header = AgeHeader.serialized(stanzas: stanzas, fileKey: FileKey.random())
            if count <= AgeHeader.maximumStanzaCount {
                #expect(try AgeHeader.parse(header).header.stanzas.count == count)
            } else {
                #expect(throws: AgeError.invalidHeader(reason: "more than 20 recipient stanzas")) {
                    try AgeHeader.parse(header)
                }
            }
        }
    }

    @Test func serializedHeadersParseBackStanzaForStanza() throws {
        var random = SeededGenerator(seed: 9)
        for bodyLength in [0, 1, 47, 48, 49, 96, 200] {
            let stanzas = [
                AgeStanza(type: "grease-\(bodyLength)", arguments: ["a", "!~", "x/y"], body: random.bytes(bodyLength)),
                AgeStanza(type: "empty", arguments: [], body: []),
            ]
            let fileKey = FileKey.random()
            let bytes = AgeHeader.serialized(stanzas: stanzas, fileKey: fileKey)
            let parsed = try AgeHeader.parse(bytes + [9, 9, 9])
            #expect(parsed.byteCount == bytes.count)
            #expect(parsed.header.stanzas == stanzas)
            #expect(parsed.header.hasValidMAC(for: fileKey))
            #expect(!parsed.header.hasValidMAC(for: FileKey.random()))
        }
    }
}
