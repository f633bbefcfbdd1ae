import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// A crash can stop the program between any two bytes it writes. These tests rebuild, byte by
/// byte, every state the vault's files can be left in by an append (the log's new frame, then
/// one head slot's write in place) and by a passphrase change (the key-slot file's atomic
/// replacement), and open each one: every acknowledged entry is intact, and whatever was
/// unfinished is set aside or ignored, never merged. (LogDamageTests covers the log cut after
/// the head acknowledged the frame, which is damage rather than a crash.)
@Suite struct CrashConsistencyTests {
    static let passphrase = Passphrase(copying: "crash consistency words")
    let scratch = ScratchFolder()
    var vault: String { scratch.appending("vault") }
    var layout: VaultLayout { VaultLayout(folder: vault) }

    /// A vault with `count` entries of assorted sizes; returns their payloads.
    func makeVault(entries count: Int) throws -> [[UInt8]] {
        let store = try VaultStore.create(at: vault, passphrase: Self.passphrase, parameters: TestKDF.cheap)
        let payloads = (0..<count).map { i in Array("entry \(i): \(String(repeating: "words ", count: i * 40))".utf8) }
        for payload in payloads { try store.append(payload) }
        return payloads
    }

    func open(_ mode: VaultStore.AccessMode = .readWrite, passphrase: Passphrase = Self.passphrase) throws -> VaultStore {
        try VaultStore.open(at: vault, passphrase: passphrase, mode: mode)
    }

    func setAsideFiles() -> [String] { (Directory.entries(vault) ?? []).filter { $0.hasPrefix("5-") } }

    @Test func aCrashAtEveryByteOfAnAppendKeepsEveryAcknowledgedEntryAndSetsThePartialFrameAside() throws {
        let payloads = try makeVault(entries: 4)
        let (log0, head0) = (TestFiles.read(layout.log), TestFiles.read(layout.head))
        var cases = 0, setAside = 0
        // A small entry (a 512-byte bucket): every byte. A larger one (2,048): every byte of
        // its header, nonce and first and last 64 sealed bytes, and every 61st between (each
        // cut there costs a search for the next frame across the whole tail).
        for extra in [Array("a short one".utf8), [UInt8](repeating: 0x61, count: 1_500)] {
            try open().append(extra)
            let log1 = TestFiles.read(layout.log)
            let frame = Array(log1[log0.count...])
            let cuts = frame.count < 1_000
                ? Array(0...frame.count)
                : Array(Set(0...124).union(stride(from: 124, to: frame.count, by: 61)).union(frame.count - 64...frame.count)).sorted()
            for cut in cuts {
                // The head is replaced only after the frame is fsync'd: until the whole frame
                // is there, the head on disk is the old one.
                TestFiles.write(log0 + frame[..<cut], to: layout.log)
                TestFiles.write(head0, to: layout.head)
                for name in setAsideFiles() { TestFiles.remove(scratch.appending("vault/" + name)) }
                let store = try open()
                let expected = cut == frame.count ? payloads + [extra] : payloads
                #expect(store.records.map(\.payload) == expected, "cut \(cut)")
                #expect(!store.isDamaged, "cut \(cut): \(store.issues)")
                if cut > 0 && cut < frame.count {
                    let files = setAsideFiles()
                    #expect(store.issues.count == 1 && files.count == 1, "cut \(cut): \(store.issues)")
                    if let file = files.first {
                        #expect(store.issues == [.unfinishedWriteSetAside(byteCount: cut, file: file)])
                        #expect(TestFiles.read(scratch.appending("vault/" + file)) == Array(frame[..<cut]), "cut \(cut)")
                    }
                    #expect(TestFiles.read(layout.log) == log0, "cut \(cut): the log is cut back to whole frames")
                    setAside += 1
                } else {
                    #expect(store.issues.isEmpty, "cut \(cut): \(store.issues)")
                }
                // Still writable: the next append lands right after the last whole frame.
                let next = try store.append(Array("after cut \(cut)".utf8))
                #expect(next.seq == UInt64(expected.count))
                cases += 1
            }
            TestFiles.write(log0, to: layout.log)
            TestFiles.write(head0, to: layout.head)
        }
        print("crash during an append: \(cases) cut points opened, \(setAside) unfinished frames set aside, 0 acknowledged entries lost")
        #expect(setAside == cases - 4)
    }

    @Test func aCrashWhileTheHeadIsWrittenKeepsTheSyncedFrame() throws {
        let payloads = try makeVault(entries: 3)
        let head0 = TestFiles.read(layout.head)
        try open().append(Array("the synced frame".utf8))
        let head1 = TestFiles.read(layout.head)
        // The append wrote one slot in place and left the other alone.
        let slotRanges = HeadFile.slotOffsets.map { $0..<$0 + LogHead.sealedByteCount }
        let changed = slotRanges.filter { head0[$0] != head1[$0] }
        #expect(head0.count == HeadFile.byteCount && head1.count == HeadFile.byteCount)
        #expect(changed.count == 1 && head0.indices.allSatisfy { changed[0].contains($0) || head0[$0] == head1[$0] })
        let written = try #require(changed.first)
        var cases = 0
        // The frame is durable; the crash tears the slot's write after any number of bytes.
        for count in 0...written.count {
            var state = head0
            state.replaceSubrange(written.lowerBound..<written.lowerBound + count, with: head1[written.lowerBound..<written.lowerBound + count])
            TestFiles.write(state, to: layout.head)
            let store = try open()
            #expect(store.records.map(\.payload) == payloads + [Array("the synced frame".utf8)], "state \(count)")
            // A slot partly written does not open: a note says so (nothing is missing).
            let torn = count > 0 && count < written.count
            #expect(store.issues == (torn ? [.headUpdateUnfinished] : []), "state \(count): \(store.issues)")
            // The stale head is written again on open, into the torn slot; the other slot,
            // the only record of the state before, is never touched.
            let reread = TestFiles.read(layout.head)
            let file = HeadFile(bytes: reread, keys: store.keys)
            #expect(file.newest?.head.frameCount == 4 && file.slots.allSatisfy { $0 != nil }, "state \(count)")
            #expect(reread.indices.allSatisfy { written.contains($0) || reread[$0] == head0[$0] }, "state \(count)")
            cases += 1
        }
        print("crash during the head's write: \(cases) states opened, 0 entries lost")
    }

    @Test func everyStepOfAPassphraseChangeLeavesExactlyOneOfTheTwoPassphrasesWorking() throws {
        let payloads = try makeVault(entries: 3)
        let recovery = Passphrase(copying: "recovery code words")
        let newPassphrase = Passphrase(copying: "the new passphrase")
        do {
            let store = try open()
            try store.setRecoveryCode(recovery, parameters: TestKDF.cheap)
        }
        let (slots0, log0, head0) = (TestFiles.read(layout.keySlots), TestFiles.read(layout.log), TestFiles.read(layout.head))
        // The files the change writes, made on a copy: the key file, then the rotation record
        // appended to the log, then the head written whole under the new head key.
        let copy = scratch.appending("copy")
        TestFiles.copyFolder(vault, to: copy)
        try VaultStore.open(at: copy, passphrase: Self.passphrase).changePassphrase(to: newPassphrase, parameters: TestKDF.cheap)
        let copyLayout = VaultLayout(folder: copy)
        let (slots1, log1, head1) = (TestFiles.read(copyLayout.keySlots), TestFiles.read(copyLayout.log), TestFiles.read(copyLayout.head))
        #expect(slots1.count == slots0.count && slots1 != slots0 && log1.count > log0.count && head1 != head0)

        struct State { var keyFile: [UInt8]; var temporary: [UInt8]?; var log: [UInt8]; var head: [UInt8]; var renamed: Bool }
        var states: [State] = []
        // `0.new` holding the first k bytes of the new file beside the old `0`; before it was made.
        for k in 0...slots1.count { states.append(State(keyFile: slots0, temporary: Array(slots1[..<k]), log: log0, head: head0, renamed: false)) }
        states.append(State(keyFile: slots0, temporary: nil, log: log0, head: head0, renamed: false))
        // Renamed; then the rotation record cut at every byte of its header and nonce and every
        // 13th after; then whole; then the head replaced.
        for cut in Array(log0.count..<(log0.count + 60)) + Array(stride(from: log0.count + 60, through: log1.count, by: 13)) + [log1.count] {
            states.append(State(keyFile: slots1, temporary: nil, log: Array(log1[..<cut]), head: head0, renamed: true))
        }
        states.append(State(keyFile: slots1, temporary: nil, log: log1, head: head1, renamed: true))

        let temporary = layout.keySlots + ".new"
        var cases = 0, oldOpens = 0, newOpens = 0
        for (index, state) in states.enumerated() {
            TestFiles.remove(temporary)
            if let partial = state.temporary { TestFiles.write(partial, to: temporary) }
            TestFiles.write(state.keyFile, to: layout.keySlots)
            TestFiles.write(state.log, to: layout.log)
            TestFiles.write(state.head, to: layout.head)
            for name in setAsideFiles() { TestFiles.remove(vault + "/" + name) }

            let withOld = try? open(.readOnly)
            let withNew = try? open(.readOnly, passphrase: newPassphrase)
            #expect((withOld != nil) == !state.renamed, "state \(index): the old passphrase")
            #expect((withNew != nil) == state.renamed, "state \(index): the new passphrase")
            let byRecovery = try? VaultStore.open(at: vault, passphrase: recovery, kind: .recovery, mode: .readOnly)
            #expect(byRecovery != nil, "state \(index): the recovery code")
            for store in [withOld, withNew, byRecovery].compactMap({ $0 }) {
                #expect(store.records.filter { $0.kind == .entry }.map(\.payload) == payloads, "state \(index)")
                #expect(!store.isDamaged, "state \(index): \(store.issues)")
            }
            if withOld != nil { oldOpens += 1 }
            if withNew != nil { newOpens += 1 }
            withOld?.close()
            withNew?.close()
            byRecovery?.close()

            // A writer finishes what was left (a missing rotation record is appended), and the
            // change can be run again from here; the next entry is sealed under the new keys.
            let store = try open(passphrase: state.renamed ? newPassphrase : Self.passphrase)
            #expect(!store.isDamaged, "state \(index): \(store.issues)")
            try store.changePassphrase(to: newPassphrase, parameters: TestKDF.cheap)
            try store.append(Array("after".utf8))
            store.close()
            #expect(!Directory.exists(temporary), "state \(index)")
            let reopened = try open(.readOnly, passphrase: newPassphrase)
            #expect(reopened.records.filter { $0.kind == .entry }.map(\.payload) == payloads + [Array("after".utf8)], "state \(index)")
            #expect(reopened.issues.allSatisfy { !$0.isDamage }, "state \(index): \(reopened.issues)")
            #expect(reopened.records.filter { $0.kind == .keyRotation }.count == Int(reopened.keyGeneration), "state \(index)")
            reopened.close()
            cases += 1
        }
        print("crash during a passphrase change: \(cases) states, old passphrase opened \(oldOpens), new opened \(newOpens), neither 0, recovery code opened all")
        #expect(oldOpens + newOpens == cases)
    }
}
