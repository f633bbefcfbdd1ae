import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// One bit flipped at a time, in every file of a small vault, then the owner's check (`open`
/// as `keepsake check` does, then `Vault.checkIntegrity`): every flip in the log, the head file
/// and an attachment is reported as damage with the other entries intact; a flip in the key
/// file either locks that one secret out (the other still opens) or lands in filler. Each
/// case is timed: none may hang. (A crash would end the test run.) LogDamageTests flips one
/// bit per byte of the log at the store's level; these flip every bit and check as the
/// owner does.
@Suite struct CorruptionTests {
    static let passphrase = Passphrase(copying: "corruption test words")
    static let recovery = Passphrase(copying: "corruption recovery code")
    let folder = ScratchFolder()  // thousands of rewrites: in memory where possible
    var path: String { folder.appending("vault") }

    /// A vault of three records (an incident, then its attachment or a plan step, then the
    /// session's checkpoint) with a passphrase slot (0), and with `recovery` a recovery slot (1)
    /// (setting it starts a new key epoch: a fourth record, before the checkpoint); returns the
    /// attachment's blob path, if any. (Checking an attachment costs a few milliseconds, so
    /// the log, head and key-file flips use a vault without one.)
    @discardableResult
    func makeVault(attachment: [UInt8]? = nil, recovery: Bool = false) throws -> String? {
        let vault = try Vault.create(at: path, passphrase: Self.passphrase, parameters: TestKDF.cheap)
        let item = try vault.add(.incident(Incident(account: "a short account", injuries: "bruise")))
        var blob: String? = nil
        if let attachment {
            var source = BytesSource(attachment)
            blob = try vault.attach(from: &source, fileName: "photo.jpg", mediaType: "image/jpeg", to: item.id).reference.blob
        } else {
            try vault.add(.planItem(PlanItem(category: .documents, title: "copy the passport")))
        }
        if recovery { try vault.store.setRecoveryCode(Self.recovery, parameters: TestKDF.cheap) }
        try vault.close()
        return blob.map { path + "/4/" + $0 }
    }

    /// What the check found after one flip.
    struct Outcome {
        var opened: Bool
        var intact: Bool
        var records: [LogRecord]
        var issues: [StoreIssue] = []
    }

    func check(_ secret: Passphrase = Self.passphrase, kind: KeySlot.Kind = .passphrase) -> Outcome {
        guard let vault = try? Vault.open(at: path, passphrase: secret, kind: kind, mode: .readOnly) else {
            return Outcome(opened: false, intact: false, records: [])
        }
        defer { vault.store.close() }
        let report = vault.checkIntegrity()
        return Outcome(opened: true, intact: report.isIntact, records: vault.store.records, issues: vault.store.issues)
    }

    /// Flips every bit of `file` (or one bit of the bytes where `everyBit` is false), one at a time,
    /// calling `judge` with the byte offset; restores the file at the end. Returns the cases
    /// run and the slowest one's time.
    func flipEach(
        _ file: String, everyBit: (Int) -> Bool = { _ in true }, only: (Int) -> Bool = { _ in true },
        _ judge: (Int) -> Void
    ) -> (cases: Int, slowest: Double) {
        let original = TestFiles.read(file)
        var cases = 0, slowest = 0.0
        for index in original.indices where only(index) {
            for bit in everyBit(index) ? Array(0..<8) : [index % 8] {
                var damaged = original
                damaged[index] ^= 1 << UInt8(bit)
                TestFiles.write(damaged, to: file)
                let started = Date()
                judge(index)
                slowest = max(slowest, Date().timeIntervalSince(started))
                cases += 1
            }
        }
        TestFiles.write(original, to: file)
        return (cases, slowest)
    }

    @Test func everyBitFlippedInTheLogAndHeadIsDetectedWithTheRestIntact() throws {
        try makeVault()
        let clean = check()
        #expect(clean.opened && clean.intact && clean.records.count == 3)
        let originals = clean.records
        var detected = 0, othersIntact = 0, total = 0, slowest = 0.0
        var lines: [String] = []

        // The log: the flipped frame is named; the two others read as before. Every bit of
        // the frames; after them, the filler (format 3) carries nothing: one bit of every
        // 61st byte is flipped there, and nothing is reported.
        let framesEnd = try Vault.open(at: path, passphrase: Self.passphrase, mode: .readOnly).store.logFramesEnd
        var logFillerQuiet = 0, fillerCases = 0
        let log = flipEach(path + "/1", everyBit: { $0 < framesEnd }, only: { $0 < framesEnd || $0 % 61 == 0 }) { index in
            let outcome = check()
            if index >= framesEnd {
                fillerCases += 1
                if outcome.opened && outcome.intact && outcome.issues.isEmpty && outcome.records == originals { logFillerQuiet += 1 } else {
                    Issue.record("log filler flip at byte \(index) reported: \(outcome.issues)")
                }
                return
            }
            if outcome.opened && !outcome.intact { detected += 1 } else { Issue.record("log flip at byte \(index) not detected") }
            if outcome.records.count == 2 && outcome.records.allSatisfy(originals.contains) { othersIntact += 1 } else {
                Issue.record("log flip at byte \(index): \(outcome.records.count) records")
            }
        }
        #expect(logFillerQuiet == fillerCases && fillerCases > 900)
        lines.append("log (\(framesEnd) bytes of frames, \(TestFiles.read(path + "/1").count) in all): \(log.cases - fillerCases) flips in the frames, \(fillerCases) in the filler (not reported)")
        // The head file (format 3: two 104-byte slots, one per 4 KiB page, random filler
        // between): a flip in a slot is named as damaged, except in the slot holding the newest
        // state, where it reads as the unfinished update a crash leaves (a note: every entry is
        // there, and the older slot still catches a cut; see HeadFile); all three records
        // read. Every bit of both slots. The filler between them carries nothing: one bit of
        // each of its bytes is flipped, and the owner is told nothing (filler is never damage).
        let slots = [0..<104, 4096..<4200]
        var headIntact = 0, fillerQuiet = 0
        var noted: [Int] = []
        let head = flipEach(path + "/2", everyBit: { index in slots.contains { $0.contains(index) } }) { index in
            let outcome = check()
            if !slots.contains(where: { $0.contains(index) }) {
                if outcome.opened && outcome.intact && outcome.issues.isEmpty { fillerQuiet += 1 } else {
                    Issue.record("head filler flip at byte \(index) reported: \(outcome.issues)")
                }
            } else if outcome.opened && !outcome.intact {
                detected += 1
            } else if outcome.opened && outcome.issues == [.headUpdateUnfinished] {
                noted.append(index)
            } else {
                Issue.record("head flip at byte \(index) not detected")
            }
            if outcome.records == originals { headIntact += 1 }
        }
        #expect(noted.count == 8 * 104 && slots.contains { slot in noted.allSatisfy(slot.contains) })
        #expect(fillerQuiet == 4096 - 104)
        lines.append("head (\(TestFiles.read(path + "/2").count) bytes): \(head.cases) flips, \(noted.count) of them in the newest slot noted as an unfinished update, \(fillerQuiet) in the filler between the slots (not reported)")
        detected += noted.count
        total = log.cases - fillerCases + head.cases - fillerQuiet
        slowest = max(log.slowest, head.slowest)
        print("bit flips: \(lines.joined(separator: "; ")); \(total) cases in the log and slots, \(detected) detected, 0 crashes, slowest check \(Int(slowest * 1000)) ms; other entries intact in \(othersIntact + headIntact) of \(log.cases + head.cases)")
        #expect(detected == total)
        #expect(othersIntact == log.cases - fillerCases && headIntact == head.cases)
        #expect(slowest < 5)
    }

    @Test func everyBitFlippedInAnAttachmentIsDetected() throws {
        let plaintext = Array("a small photo, ".utf8) + (0..<280).map { UInt8(truncatingIfNeeded: $0) }
        let blob = try #require(try makeVault(attachment: plaintext))
        // The blob is the stream, then random filler up to its padded size (at least 4 KiB):
        // every bit of the stream is checked; a flip in the filler changes nothing read, and
        // is not reported.
        let stream = Int(ChunkedStream.ciphertextByteCount(forPlaintext: UInt64(plaintext.count)))
        let vault = try Vault.open(at: path, passphrase: Self.passphrase, mode: .readOnly)
        let altered = [StoreError.attachmentAltered(name: String(blob.split(separator: "/").last!))]
        var detected = 0, fillerQuiet = 0
        let result = flipEach(blob, everyBit: { $0 < stream }) { index in
            let report = vault.checkIntegrity()
            if index >= stream {
                if report.isIntact { fillerQuiet += 1 } else { Issue.record("filler flip at byte \(index) reported") }
            } else if !report.isIntact && report.attachmentProblems.map(\.error) == altered { detected += 1 } else {
                Issue.record("attachment flip at byte \(index) not detected")
            }
        }
        vault.store.close()
        let size = TestFiles.read(blob).count
        print("attachment bit flips (\(size) bytes, stream \(stream)): \(result.cases) cases, \(detected) detected, \(fillerQuiet) in the filler not reported, slowest check \(Int(result.slowest * 1000)) ms")
        #expect(size == 4096)
        #expect(detected == 8 * stream && fillerQuiet == size - stream)
    }

    @Test func flipsAcrossATwoChunkAttachmentAreDetected() throws {
        // 64 KiB + 100 bytes: two chunks. One bit at every byte of the first chunk's start, of
        // both tags, of the second chunk and of the end, and at every 1,021st byte between;
        // and in the filler after the stream, which is not reported.
        let plaintext = (0..<(65_536 + 100)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let blob = try #require(try makeVault(attachment: plaintext))
        let size = Int(ChunkedStream.ciphertextByteCount(forPlaintext: UInt64(plaintext.count)))
        let padded = TestFiles.read(blob).count
        let offsets = Set(0..<64).union(65_536 - 64..<size).union(stride(from: 64, to: 65_536 - 64, by: 1_021))
        let vault = try Vault.open(at: path, passphrase: Self.passphrase, mode: .readOnly)
        let altered = [StoreError.attachmentAltered(name: String(blob.split(separator: "/").last!))]
        let original = TestFiles.read(blob)
        var detected = 0, fillerQuiet = 0
        let fillerOffsets = Array(stride(from: size, to: padded, by: 97)) + [padded - 1]
        for offset in offsets.sorted() + fillerOffsets {
            var damaged = original
            damaged[offset] ^= 1 << UInt8(offset % 8)
            TestFiles.write(damaged, to: blob)
            let report = vault.checkIntegrity()
            if offset >= size {
                if report.isIntact { fillerQuiet += 1 } else { Issue.record("filler flip at byte \(offset) reported") }
            } else if report.attachmentProblems.map(\.error) == altered { detected += 1 } else {
                Issue.record("flip at byte \(offset) not detected")
            }
        }
        TestFiles.write(original, to: blob)
        vault.store.close()
        print("two-chunk attachment (\(size) bytes, padded to \(padded)): \(offsets.count) flips at the chunk starts, tags and end and across, \(detected) detected; \(fillerQuiet) in the filler, not reported")
        #expect(detected == offsets.count && fillerQuiet == fillerOffsets.count)
        #expect(padded > size && padded <= size + size / 8)
    }

    @Test func aBitFlippedInTheKeyFileLocksOutOnlyTheSlotItHits() throws {
        try makeVault(recovery: true)
        let slots = path + "/0"
        let slotSize = 168  // version 3 key file: a salt, four slots, then the sealed key ring
        let ringStart = 16 + 4 * slotSize
        let fileSize = TestFiles.read(slots).count
        let clean = check()
        #expect(clean.opened && clean.intact && clean.records.count == 4)
        var passphraseLocked = 0, recoveryLocked = 0, filler = 0, ring = 0, costly = 0, salt = 0
        // Every bit of the four slots and of the ring's nonce, first and last 64 sealed bytes;
        // one bit of each byte between (a flip anywhere in it fails the same tag).
        // One bit of each salt byte: such a flip leaves no slot readable, so each try costs an
        // Argon2id run of the default cost (as for a folder that is not a vault).
        let result = flipEach(slots, everyBit: { ($0 >= 16 && $0 < ringStart + 88) || $0 >= fileSize - 64 }) { index in
            let slot = (index - 16) / slotSize
            // A flip in a slot's masked header can raise its Argon2id memory up to the 4 GiB
            // cap, and the slot is still tried (and fails) at that cost; those few cases are
            // counted, not run, so the test stays small.
            if index >= 16, index < ringStart,
                (64 << 20 + 1...4 << 30).contains(Self.memoryLimit(TestFiles.read(slots), slot: slot))
            {
                costly += 1
                return
            }
            let byPassphrase = check()
            let byRecovery = check(Self.recovery, kind: .recovery)
            switch index < 16 ? -1 : index < ringStart ? slot : 4 {
            case -1:
                // The salt every slot shares: neither secret opens; nothing is read wrongly.
                #expect(!byPassphrase.opened && !byRecovery.opened, "byte \(index)")
                salt += 1
            case 0:
                #expect(!byPassphrase.opened && byRecovery.opened && byRecovery.intact && byRecovery.records.count == 4, "byte \(index)")
                passphraseLocked += 1
            case 1:
                #expect(byPassphrase.opened && byPassphrase.intact && !byRecovery.opened, "byte \(index)")
                recoveryLocked += 1
            case 2, 3:
                #expect(byPassphrase.opened && byPassphrase.intact && byRecovery.opened, "byte \(index)")
                filler += 1
            default:
                // The ring (every epoch's key) opens with neither: the file is named as damaged.
                #expect(!byPassphrase.opened && !byRecovery.opened, "byte \(index)")
                #expect(throws: VaultError.store(.keySlotFileDamaged(size: fileSize))) {
                    try Vault.open(at: path, passphrase: Self.passphrase, mode: .readOnly)
                }
                ring += 1
            }
        }
        print("""
            key-file bit flips: \(result.cases) cases; \(salt) in the shared salt (neither secret opens), \(passphraseLocked) in the passphrase's slot (that passphrase is refused, \
            the recovery code opens, every entry intact), \(recoveryLocked) in the recovery slot (the code is refused, the \
            passphrase opens), \(filler) in the unused slots (decoys: no effect), \(ring) in the key ring (the key file is \
            named as damaged, neither secret opens), \(costly) raised a slot's Argon2id memory to 64 MiB–4 GiB (counted, \
            not run); slowest \(Int(result.slowest * 1000)) ms
            """)
        #expect(salt + passphraseLocked + recoveryLocked + filler + ring + costly == result.cases)
        #expect(costly <= 64)
    }

    /// The Argon2id memory that slot `slot`'s header asks for, once unmasked.
    static func memoryLimit(_ file: [UInt8], slot: Int) -> UInt64 {
        let start = 16 + slot * 168
        let mask = try! BLAKE2b.hash(Array("keepsake/v3/slot-mask".utf8) + Array(file[0..<16]) + [UInt8(slot)], outputByteCount: 16)
        let header = zip(file[start..<start + 16], mask).map { $0 ^ $1 }
        return header[4..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
