import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@testable import KeepsakeAge

/// Our files read back by our decryption: every path, passphrases, armor, and what happens
/// to plaintext when the payload fails part-way.
@Suite struct AgeRoundTripTests {
    static let sizes = [0, 1, 47, 48, 65_535, 65_536, 65_537, 3 * 65_536 + 5]

    @Test func everyWritingPathOpensOnEveryReadingPath() throws {
        let identity = Sample.identity(1)
        let encryptor = AgeEncryptor(recipient: identity.recipient)
        let decryptor = AgeDecryptor(identities: [Sample.identity(2), identity])
        for (index, size) in Self.sizes.enumerated() {
            let plaintext = Sample.bytes(size, seed: UInt64(index))
            for armored in [false, true] {
                // In one piece, through the writer in odd pieces, and in parallel.
                let whole = try encryptor.encrypt(plaintext, armored: armored)
                let writer = try encryptor.writer(to: BytesSink(), armored: armored, hashPlaintext: true)
                var offset = 0
                while offset < plaintext.count {
                    let end = min(plaintext.count, offset + 1 + offset % 70_001)
                    try Array(plaintext[offset..<end]).withUnsafeBytes { try writer.write($0) }
                    offset = end
                }
                #expect(try writer.finish().sha256 == SHA256.hash(plaintext))
                var source = BytesSource(plaintext, maximumReadCount: 5_000)
                var sink = BytesSink()
                let summary = try encryptor.encrypt(from: &source, to: &sink, armored: armored)
                #expect(summary.plaintextByteCount == UInt64(size))
                #expect(source.offset == size)

                for file in [whole, writer.sink.bytes, sink.bytes] {
                    #expect(armored == file.starts(with: Array("-----BEGIN AGE ENCRYPTED FILE-----\n".utf8)))
                    let byReader = Decrypt.byReader(file, decryptor)
                    #expect(byReader.error == nil && byReader.released == plaintext, "size \(size)")
                    let inParallel = Decrypt.inParallel(file, decryptor)
                    #expect(inParallel.error == nil && inParallel.released == plaintext, "size \(size)")
                    #expect(try decryptor.decrypt(file) == plaintext)
                }
                if !armored {
                    let prelude = try encryptor.encrypt([], armored: false).count - 16
                    #expect(whole.count == prelude + Int(ChunkedStream.ciphertextByteCount(forPlaintext: UInt64(size))))
                }
            }
        }
    }

    @Test func aFileForTwoRecipientsOpensWithEitherAndNotWithAThird() throws {
        let first = Sample.identity(3), second = Sample.identity(4)
        let file = try AgeEncryptor(recipients: [first.recipient, second.recipient]).encrypt(Array("for both".utf8))
        let header = try AgeHeader.parse(file).header
        #expect(header.stanzas.map(\.type) == ["X25519", "X25519"])
        for identity in [first, second] {
            #expect(try AgeDecryptor(identities: [identity]).decrypt(file) == Array("for both".utf8))
        }
        #expect(throws: AgeError.noIdentityMatched) { try AgeDecryptor(identities: [Sample.identity(5)]).decrypt(file) }
        #expect(throws: AgeError.noIdentityMatched) { try AgeDecryptor(identities: []).decrypt(file) }
        #expect(throws: AgeError.invalidRecipientCount(0)) { try AgeEncryptor(recipients: []) }
        #expect(throws: AgeError.invalidRecipientCount(21)) {
            try AgeEncryptor(recipients: Array(repeating: first.recipient, count: 21))
        }
    }

    @Test func aPassphraseFileOpensWithItsPassphraseOnly() throws {
        let plaintext = Sample.bytes(70_000, seed: 7)
        let encryptor = try AgeEncryptor(passphrase: Sample.passphrase, workFactor: 10)
        for armored in [false, true] {
            let file = try encryptor.encrypt(plaintext, armored: armored)
            let decoded = armored ? try AgeArmor.dearmor(file) : file
            let stanza = try #require(try AgeHeader.parse(decoded).header.stanzas.first)
            #expect(stanza.type == "scrypt" && stanza.arguments.last == "10")
            #expect(try AgeDecryptor(passphrase: Sample.passphrase).decrypt(file) == plaintext)
            #expect(throws: AgeError.noIdentityMatched) {
                try AgeDecryptor(passphrase: Passphrase(copying: "correct horse battery stapler")).decrypt(file)
            }
            #expect(throws: AgeError.workFactorTooHigh(logN: 10, maximum: 9)) {
                try AgeDecryptor(passphrase: Sample.passphrase, maximumWorkFactor: 9).decrypt(file)
            }
            // An identity finds no stanza of its kind.
            #expect(throws: AgeError.noIdentityMatched) { try AgeDecryptor(identities: [Sample.identity(1)]).decrypt(file) }
        }
        #expect(throws: AgeError.emptyPassphrase) { try AgeEncryptor(passphrase: Passphrase(copying: "")) }
        #expect(throws: AgeError.invalidWorkFactor(31)) { try AgeEncryptor(passphrase: Sample.passphrase, workFactor: 31) }
        #expect(throws: AgeError.invalidWorkFactor(0)) { try AgeDecryptor(passphrase: Sample.passphrase, maximumWorkFactor: 0) }
    }

    @Test func aDamagedChunkReleasesOnlyTheChunksBeforeItAndSaysSo() throws {
        let identity = Sample.identity(6)
        let plaintext = Sample.bytes(3 * 65_536 + 100, seed: 8)
        let file = try AgeEncryptor(recipient: identity.recipient).encrypt(plaintext)
        let payloadStart = try AgeHeader.parse(file).byteCount + 16
        let decryptor = AgeDecryptor(identities: [identity])

        var damaged = file
        damaged[payloadStart + 65_552 + 10] ^= 0x01  // inside the second chunk
        for run in [Decrypt.byReader(damaged, decryptor), Decrypt.inParallel(damaged, decryptor)] {
            #expect(run.error == .payloadFailed(.chunkAltered, releasedByteCount: 65_536))
            #expect(run.released == Array(plaintext.prefix(65_536)))
        }
        let truncated = Array(file.dropLast(116))  // the whole last chunk
        for run in [Decrypt.byReader(truncated, decryptor), Decrypt.inParallel(truncated, decryptor)] {
            guard case let .payloadFailed(.truncated, released) = run.error else {
                Issue.record("\(String(describing: run.error))")
                continue
            }
            #expect(run.released == Array(plaintext.prefix(Int(released))) && released >= 65_536)
        }
        // A byte after a short last chunk makes it a damaged chunk; after a full one, extra data.
        for run in [Decrypt.byReader(file + [0], decryptor), Decrypt.inParallel(file + [0], decryptor)] {
            #expect(run.error == .payloadFailed(.chunkAltered, releasedByteCount: 3 * 65_536))
            #expect(run.released == Array(plaintext.prefix(3 * 65_536)))
        }
        let full = Array(plaintext.prefix(2 * 65_536))
        let fullFile = try AgeEncryptor(recipient: identity.recipient).encrypt(full) + [0]
        for run in [Decrypt.byReader(fullFile, decryptor), Decrypt.inParallel(fullFile, decryptor)] {
            #expect(run.error == .payloadFailed(.trailingData, releasedByteCount: 2 * 65_536))
            #expect(run.released == full)
        }
        // The message says the output is incomplete, and how much of it there is.
        #expect("\(AgeError.payloadFailed(.chunkAltered, releasedByteCount: 65_536))".contains("65536 bytes"))
    }

    @Test func aChangedHeaderFailsItsMACAndAMissingNonceIsAHeaderFailure() throws {
        let identity = Sample.identity(9)
        let file = try AgeEncryptor(recipients: [identity.recipient, Sample.identity(10).recipient]).encrypt([1, 2, 3])
        let parsed = try AgeHeader.parse(file)
        // Swap the two stanzas: each still opens, but the MAC covers their order.
        let text = String(decoding: file[..<parsed.byteCount], as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.swapAt(1, 3)
        lines.swapAt(2, 4)
        let swapped = Array(lines.joined(separator: "\n").utf8) + file[parsed.byteCount...]
        #expect(throws: AgeError.headerMACMismatch) { try AgeDecryptor(identities: [identity]).decrypt(swapped) }
        for cut in [0, 8, 15] {
            #expect(throws: AgeError.invalidHeader(reason: "the file ends before the payload's 16-byte nonce")) {
                try AgeDecryptor(identities: [identity]).decrypt(Array(file[..<(parsed.byteCount + cut)]))
            }
        }
    }

    @Test func aFullDiskOrAFailingReadIsAnIOErrorNotADamagedFile() throws {
        let identity = Sample.identity(11)
        let encryptor = AgeEncryptor(recipient: identity.recipient)
        let plaintext = Sample.bytes(300_000, seed: 11)
        let full = AgeError.io(StreamIOError(operation: "write", code: ENOSPC))
        #expect(throws: full) { try encryptor.writer(to: FullDiskSink(limit: 10)) }
        let writer = try encryptor.writer(to: FullDiskSink(limit: 100_000))
        #expect(throws: full) { try plaintext.withUnsafeBytes { try writer.write($0) } }
        #expect(throws: full) { try writer.finish() }
        var source = BytesSource(plaintext)
        var sink = FullDiskSink(limit: 100_000)
        #expect(throws: full) { try encryptor.encrypt(from: &source, to: &sink) }

        let file = try encryptor.encrypt(plaintext)
        let decryptor = AgeDecryptor(identities: [identity])
        let broken = AgeError.io(StreamIOError(operation: "read", code: EIO))
        for failAfter in [0, 100, 150_000] {
            var failing = FailingSource(bytes: file, failAfter: failAfter)
            var out = BytesSink()
            #expect(throws: broken) { try decryptor.decrypt(from: &failing, to: &out) }
            #expect(throws: broken) {
                let reader = try decryptor.reader(from: FailingSource(bytes: file, failAfter: failAfter))
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while try buffer.withUnsafeMutableBytes({ try reader.read(into: $0) }) > 0 {}
            }
        }
        var sinkFull = FullDiskSink(limit: 1_000)
        var fileSource = BytesSource(file)
        #expect(throws: full) { try decryptor.decrypt(from: &fileSource, to: &sinkFull) }
    }

    @Test func armorIsWrittenAsAgeWritesItAndReadStrictly() throws {
        for size in [0, 1, 47, 48, 49, 96, 1_000] {
            let bytes = Sample.bytes(size, seed: UInt64(size))
            let armored = AgeArmor.armor(bytes)
            let text = String(decoding: armored, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first == "-----BEGIN AGE ENCRYPTED FILE-----" && lines.last == "")
            #expect(lines[lines.count - 2] == "-----END AGE ENCRYPTED FILE-----")
            #expect(lines.dropFirst().dropLast(2).allSatisfy { $0.count <= 64 })
            #expect(lines.dropFirst().dropLast(3).allSatisfy { $0.count == 64 })
            #expect(try AgeArmor.dearmor(armored) == bytes)
            let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            #expect(try AgeArmor.dearmor(crlf) == bytes)
            #expect(try AgeArmor.dearmor(Array("\n \t\n".utf8) + armored + Array(" \n\n".utf8)) == bytes)
            #expect(throws: AgeError.self) { try AgeArmor.dearmor(armored + Array("x".utf8)) }
            #expect(throws: AgeError.self) { try AgeArmor.dearmor(Array(armored.dropLast(10))) }
        }
    }
}

/// A sink that takes `limit` bytes, then fails as a full disk does.
struct FullDiskSink: ByteSink {
    let limit: Int
    private(set) var taken = 0

    init(limit: Int) { self.limit = limit }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard taken + bytes.count <= limit else { throw StreamIOError(operation: "write", code: ENOSPC) }
        taken += bytes.count
    }
}

/// A source that hands out `failAfter` bytes of `bytes`, then fails as a bad disk does.
struct FailingSource: ByteSource {
    let bytes: [UInt8]
    let failAfter: Int
    private var offset = 0

    init(bytes: [UInt8], failAfter: Int) {
        self.bytes = bytes
        self.failAfter = failAfter
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard offset < failAfter else { throw StreamIOError(operation: "read", code: EIO) }
        let n = min(buffer.count, failAfter - offset, bytes.count - offset)
        bytes.withUnsafeBytes { b in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[offset..<(offset + n)]))
        }
        offset += n
        return n
    }
}
