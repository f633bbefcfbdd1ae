import KeepsakeCrypto
import KeepsakeMinisign
import KeepsakeTestSupport
import Testing

/// Damaged, truncated and foreign input: always a typed error, never a crash, never a pass.
@Suite struct MinisignDamageTests {
    static let signer = Sample.signer(21)
    static let content = Sample.bytes(10_000, seed: 21)
    static let signature = try! signer.sign(content, trustedComment: "evidence bundle, 12 files")

    /// The signature file with its `line`-th line's payload re-encoded after `change`.
    static func text(changingPayloadOfLine line: Int, _ change: (inout [UInt8]) -> Void) -> String {
        let text = signature.fileText
        var payload = try! Base64.decode(text.line(line), variant: .original)
        change(&payload)
        return text.replacingLine(line, with: Base64.encode(payload, variant: .original))
    }

    /// Parses and verifies; returns the error, or nil if the damaged file was accepted.
    static func outcome(_ text: String) -> MinisignError? {
        do {
            try MinisignSignature(parsing: text).verify(content: content, publicKey: signer.publicKey)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Every byte

    @Test func everyByteOfTheSignatureLinePayloadAlteredIsCaught() {
        for index in 0..<74 {
            for mask: UInt8 in [0x01, 0x20, 0x80] {
                let error = Self.outcome(Self.text(changingPayloadOfLine: 1) { $0[index] ^= mask })
                switch index {
                case 0..<2:
                    // "ED" → "Ed" (0x20 on the second byte) is legacy, which then fails to verify.
                    if index == 1 && mask == 0x20 {
                        #expect(error == .invalidSignature)
                    } else {
                        #expect(error.map { if case .unsupportedAlgorithm = $0 { true } else { false } } == true,
                                "byte \(index) mask \(mask): \(String(describing: error))")
                    }
                case 2..<10:
                    #expect(error.map { if case .keyMismatch = $0 { true } else { false } } == true,
                            "byte \(index): \(String(describing: error))")
                default:
                    #expect(error == .invalidSignature, "byte \(index) mask \(mask)")
                }
            }
        }
    }

    @Test func everyByteOfTheGlobalSignatureAlteredIsCaught() {
        for index in 0..<64 {
            for mask: UInt8 in [0x01, 0x80] {
                let error = Self.outcome(Self.text(changingPayloadOfLine: 3) { $0[index] ^= mask })
                #expect(error == .trustedCommentAltered, "byte \(index) mask \(mask)")
            }
        }
    }

    @Test func everyCharacterOfTheBase64LinesReplacedIsCaught() {
        let text = Self.signature.fileText
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        for lineIndex in [1, 3] {
            let line = Array(text.line(lineIndex))
            for position in line.indices {
                let next = alphabet[((alphabet.firstIndex(of: line[position]) ?? 0) + 1) % 64]
                for replacement in [next, "=", "-", " "] {
                    guard replacement != line[position] else { continue }
                    var changed = line
                    changed[position] = replacement
                    let error = Self.outcome(text.replacingLine(lineIndex, with: String(changed)))
                    #expect(error != nil, "line \(lineIndex) position \(position) → \(replacement)")
                }
            }
        }
    }

    @Test func everyByteOfThePublicKeyAlteredIsCaught() throws {
        let keyLine = Self.signer.publicKey.base64Line
        for index in 0..<42 {
            var payload = try Base64.decode(keyLine, variant: .original)
            payload[index] ^= 0x04
            let changed = Base64.encode(payload, variant: .original)
            do {
                let key = try MinisignPublicKey(parsing: changed)
                try Self.signature.verify(content: Self.content, publicKey: key)
                Issue.record("an altered key byte \(index) verified")
            } catch {
                switch index {
                case 0..<2: #expect(error == .unsupportedAlgorithm(index == 0 ? "Ad" : "E`"))
                case 2..<10: #expect(error.description.hasPrefix("this signature was made by another key"))
                default: #expect(error == .invalidSignature, "byte \(index)")
                }
            }
        }
    }

    // MARK: Truncation

    @Test func truncatedSignatureFilesAreRefused() throws {
        let bytes = Array(Self.signature.fileText.utf8)
        for length in 0..<(bytes.count - 1) {
            #expect(throws: MinisignError.self, "length \(length)") {
                try MinisignSignature(parsing: Array(bytes.prefix(length)))
            }
        }
        // Only the final newline may go.
        #expect(try MinisignSignature(parsing: Array(bytes.dropLast())) == Self.signature)
    }

    @Test func truncatedPublicKeyFilesAreRefused() throws {
        let bytes = Array(try Self.signer.publicKey.fileText().utf8)
        for length in 0..<(bytes.count - 1) {
            #expect(throws: MinisignError.self, "length \(length)") {
                try MinisignPublicKey(parsing: Array(bytes.prefix(length)))
            }
        }
        let line = Array(Self.signer.publicKey.base64Line.utf8)
        for length in 0..<line.count {
            #expect(throws: MinisignError.self) { try MinisignPublicKey(parsing: Array(line.prefix(length))) }
        }
    }

    // MARK: Garbage

    @Test func garbageGivesTypedErrors() throws {
        let valid = Self.signature.fileText
        let key = try Self.signer.publicKey.fileText()
        let cases: [(String, [UInt8])] = [
            ("empty", []), ("newline", [0x0a]), ("four empty lines", Array("\n\n\n\n".utf8)),
            ("NUL bytes", [UInt8](repeating: 0, count: 200)),
            ("a public key", Array(key.utf8)),
            ("extra line", Array((valid + "extra\n").utf8)),
            ("extra empty line", Array((valid + "\n").utf8)),
            ("lone CR inside", Array(valid.replacingLine(2, with: "trusted comment: a\rb").utf8)),
            ("capitalised prefix", Array(valid.replacingLine(0, with: "Untrusted comment: x").utf8)),
            ("no space after prefix", Array(valid.replacingLine(2, with: "trusted comment:x").utf8)),
            ("space before base64", Array(valid.replacingLine(1, with: " " + valid.line(1)).utf8)),
            ("unpadded base64", Array(valid.replacingLine(3, with: String(valid.line(3).dropLast(2))).utf8)),
            ("invalid UTF-8 comment", Array("\(valid.line(0))\n\(valid.line(1))\ntrusted comment: ".utf8)
                + [0xff, 0xfe, 0x0a] + Array("\(valid.line(3))\n".utf8)),
            ("over-long trusted comment", Array(valid.replacingLine(2, with: "trusted comment: " + String(repeating: "x", count: 8_174)).utf8)),
            ("over-long untrusted comment", Array(valid.replacingLine(0, with: "untrusted comment: " + String(repeating: "x", count: 1_004)).utf8)),
        ]
        for (name, bytes) in cases {
            #expect(throws: MinisignError.self, "\(name)") { try MinisignSignature(parsing: bytes) }
        }
        #expect(throws: MinisignError.malformedSignature(reason: "it has text after the fourth line")) {
            try MinisignSignature(parsing: valid + "x")
        }
        #expect(throws: MinisignError.malformedSignature(reason: "it has 3 of its 4 lines; it may be truncated")) {
            try MinisignSignature(parsing: String(valid.split(separator: "\n").prefix(3).joined(separator: "\n")))
        }
        // An unknown algorithm in well-formed base64.
        let unknown = Self.text(changingPayloadOfLine: 1) { $0[0] = UInt8(ascii: "X"); $0[1] = 0x01 }
        #expect(throws: MinisignError.unsupportedAlgorithm("X\\x01")) { try MinisignSignature(parsing: unknown) }
        // Non-canonical base64: the same 64 bytes, but the last character before the padding
        // carries a stray bit (the low 4 bits of its value encode nothing).
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var stray = Array(valid.line(3))
        stray[stray.count - 3] = alphabet[alphabet.firstIndex(of: stray[stray.count - 3])! ^ 1]
        #expect(throws: MinisignError.self) {
            try MinisignSignature(parsing: valid.replacingLine(3, with: String(stray)))
        }
    }

    @Test func hugeInputIsRefusedBeforeItIsRead() {
        let limit = MinisignSignature.maximumFileByteCount
        #expect(limit == 9_408)
        #expect(throws: MinisignError.tooLarge(size: limit + 1, limit: limit)) {
            try MinisignSignature(parsing: [UInt8](repeating: 0x41, count: limit + 1))
        }
        #expect(throws: MinisignError.tooLarge(size: 16 << 20, limit: limit)) {
            try MinisignSignature(parsing: [UInt8](repeating: 0x0a, count: 16 << 20))
        }
        let keyLimit = MinisignPublicKey.maximumFileByteCount
        #expect(throws: MinisignError.tooLarge(size: keyLimit + 1, limit: keyLimit)) {
            try MinisignPublicKey(parsing: [UInt8](repeating: 0x41, count: keyLimit + 1))
        }
    }

    @Test func randomBytesAndMutatedFilesNeverCrash() throws {
        var generator = SeededGenerator(seed: 2_024)
        let seeds = [Array(Self.signature.fileText.utf8), Array(try Self.signer.publicKey.fileText().utf8)]
        for round in 0..<3_000 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = generator.bytes(Int.random(in: 0...300, using: &generator))
            } else {
                bytes = seeds[round % 2]
                for _ in 0..<Int.random(in: 1...4, using: &generator) where !bytes.isEmpty {
                    let position = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                    case 1: bytes.remove(at: position)
                    default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                    }
                }
            }
            // Refused or accepted, never a crash; and only the signed comment and signature verify
            // (an edited untrusted comment or line ending may).
            if let signature = try? MinisignSignature(parsing: bytes),
                let verified = try? signature.verify(content: Self.content, publicKey: Self.signer.publicKey)
            {
                #expect(verified == "evidence bundle, 12 files", "round \(round)")
                #expect(signature.signature == Self.signature.signature, "round \(round)")
            }
            _ = try? MinisignPublicKey(parsing: bytes)
        }
    }
}
