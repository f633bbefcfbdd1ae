import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// The head file's two slots (format 2): written in turn, in place; what a torn slot means
/// next to the log; and format 1 heads (vaults made before) read and replaced.
@Suite struct HeadSlotTests {
    let slotRanges = HeadFile.slotOffsets.map { $0..<$0 + LogHead.sealedByteCount }

    func headFile(_ fixture: StoreFixture, keys: VaultKeys) -> HeadFile {
        HeadFile(bytes: TestFiles.read(fixture.layout.head), keys: keys)
    }

    @Test func eachAppendWritesTheOtherSlotInPlace() throws {
        let fixture = try StoreFixture(entries: 0)
        let store = try fixture.open()
        var before = TestFiles.read(fixture.layout.head)
        #expect(before.count == HeadFile.byteCount)
        #expect(headFile(fixture, keys: store.keys).slots.map { $0?.frameCount } == [0, 0])
        var written: [Int] = []
        for i in 0..<6 {
            try store.append(fixture.payload(i))
            let after = TestFiles.read(fixture.layout.head)
            let changed = slotRanges.indices.filter { before[slotRanges[$0]] != after[slotRanges[$0]] }
            #expect(changed.count == 1, "append \(i)")
            written += changed
            // Nothing outside the slot written changed: the bytes between stay zero.
            #expect(after.indices.allSatisfy { slotRanges[changed[0]].contains($0) || after[$0] == before[$0] })
            let file = headFile(fixture, keys: store.keys)
            #expect(file.newest?.head.frameCount == UInt64(i + 1))
            #expect(file.newest?.slot == changed.first)
            #expect(!file.isDamaged(logFrames: UInt64(i + 1)))
            before = after
        }
        #expect(written == [1, 0, 1, 0, 1, 0])
        store.close()
        #expect(try fixture.open(.readOnly).issues.isEmpty)
    }

    @Test func removingTheNewestEntryAndSpoilingItsSlotIsCaught() throws {
        let fixture = try StoreFixture(entries: 3)
        let keys = try fixture.open(.readOnly).keys
        let threeFrames = fixture.log
        try fixture.open().append(fixture.payload(3))
        let fourFrames = fixture.log
        let head = TestFiles.read(fixture.layout.head)
        let newest = try #require(headFile(fixture, keys: keys).newest)
        let older = slotRanges[1 - newest.slot]
        // The newest entry cut off the log, and the newest slot garbled, zeroed, or replaced
        // by the other slot's bytes (which name their slot, so they don't open there): a
        // crash can't leave this, since the log is synced before a slot is written.
        let spoilers: [(String, ([UInt8]) -> [UInt8])] = [
            ("random bytes", { _ in SecureRandom.bytes(count: LogHead.sealedByteCount) }),
            ("zeros", { _ in [UInt8](repeating: 0, count: LogHead.sealedByteCount) }),
            ("the other slot", { Array($0[older]) }),
            ("one flipped bit", { var bytes = Array($0[slotRanges[newest.slot]]); bytes[40] ^= 4; return bytes }),
        ]
        /// Puts back `log` and the head with the newest slot spoiled.
        func spoil(_ spoiler: ([UInt8]) -> [UInt8], log: [UInt8]) {
            var spoiled = head
            spoiled.replaceSubrange(slotRanges[newest.slot], with: spoiler(head))
            TestFiles.write(spoiled, to: fixture.layout.head)
            fixture.log = log
        }
        for (name, spoiler) in spoilers {
            spoil(spoiler, log: threeFrames)
            let store = try fixture.open(.readOnly)
            #expect(store.records.map(\.payload) == (0..<3).map(fixture.payload), "\(name)")
            #expect(store.issues == [.headFileDamaged], "\(name): \(store.issues)")
            #expect(store.isDamaged)
        }
        // The same spoiled slot with the frame still there is what a torn write leaves: a
        // note, every entry there; a writer writes the slot again, and the note is gone.
        for (name, spoiler) in spoilers {
            spoil(spoiler, log: fourFrames)
            let reader = try fixture.open(.readOnly)
            #expect(reader.issues == [.headUpdateUnfinished], "\(name): \(reader.issues)")
            #expect(reader.records.count == 4 && !reader.isDamaged)
            reader.close()
            #expect(try fixture.open().issues == [.headUpdateUnfinished], "\(name)")
            let repaired = headFile(fixture, keys: keys)
            #expect(repaired.slots.allSatisfy { $0 != nil } && repaired.newest?.head.frameCount == 4, "\(name)")
            #expect(try fixture.open(.readOnly).issues.isEmpty, "\(name)")
        }
    }

    @Test func aChangeBetweenTheSlotsIsNothingInFormat3AndDamageInFormat2() throws {
        let fixture = try StoreFixture(entries: 2)
        let keys = try fixture.open(.readOnly).keys
        // Format 3 (written now): random bytes between the slots, which nothing reads.
        var head = TestFiles.read(fixture.layout.head)
        #expect(headFile(fixture, keys: keys).version == 3)
        for index in [LogHead.sealedByteCount, 2_000, HeadFile.slotOffsets[1] - 1] {
            head[index] ^= 0x01
            TestFiles.write(head, to: fixture.layout.head)
            let store = try fixture.open(.readOnly)
            #expect(store.records.count == 2)
            #expect(store.issues.isEmpty, "byte \(index): \(store.issues)")
            head[index] ^= 0x01
        }
        // Format 2 (vaults written before): zeros between the slots; a change there is damage.
        let state = try #require(headFile(fixture, keys: keys).newest?.head)
        head = HeadFile.encoded(state, keys: keys, version: 2)
        // A vault of that time had no filler after its frames.
        fixture.log = Array(fixture.log[..<fixture.framesEnd])
        #expect(HeadFile(bytes: head, keys: keys).version == 2 && head[2_000] == 0)
        for index in [LogHead.sealedByteCount, 2_000, HeadFile.slotOffsets[1] - 1] {
            head[index] ^= 0x01
            TestFiles.write(head, to: fixture.layout.head)
            let store = try fixture.open(.readOnly)
            #expect(store.records.count == 2)
            #expect(store.issues == [.headFileDamaged], "byte \(index): \(store.issues)")
            head[index] ^= 0x01
        }
        // A format 2 head opens as it is and is replaced by a format 3 file at the first write.
        TestFiles.write(head, to: fixture.layout.head)
        do {
            let store = try fixture.open()
            #expect(store.issues.isEmpty && store.records.count == 2)
            try store.append(fixture.payload(2))
        }
        let migrated = headFile(fixture, keys: keys)
        #expect(migrated.version == 3 && migrated.newest?.head.frameCount == 3)
        #expect(try fixture.open(.readOnly).issues.isEmpty)
        // A head file of any other size is damage too.
        for size in [0, 103, 105, 208, 4_199, 4_201, 8_192] {
            TestFiles.write(Array(head.prefix(size)) + [UInt8](repeating: 0, count: max(0, size - head.count)), to: fixture.layout.head)
            let store = try fixture.open(.readOnly)
            #expect(store.records.count == 3)
            #expect(store.issues.contains(.headFileDamaged), "size \(size): \(store.issues)")
        }
    }

    /// A format 1 head (one sealed state, 104 bytes, as every vault made before had): it
    /// opens as before, still catches a cut, and is replaced by a format 3 file at the first
    /// write, atomically.
    @Test func aFormat1HeadOpensCatchesACutAndIsReplacedAtTheFirstAppend() throws {
        let fixture = try StoreFixture(entries: 3)
        let keys = try fixture.open(.readOnly).keys
        let state = try #require(headFile(fixture, keys: keys).newest?.head)
        let format1 = state.sealed(keys: keys, slot: nil)
        TestFiles.write(format1, to: fixture.layout.head)
        // A vault of that time had no filler after its frames.
        fixture.log = Array(fixture.log[..<fixture.framesEnd])
        #expect(headFile(fixture, keys: keys).isLegacy)

        // Opened for writing, without a write: left as it is.
        do {
            let store = try fixture.open()
            #expect(store.issues.isEmpty && store.records.count == 3)
        }
        #expect(TestFiles.read(fixture.layout.head) == format1)

        // A clean cut is still caught against it.
        let full = fixture.log
        fixture.log = Array(full[..<fixture.frameRange(2).lowerBound])
        #expect(try fixture.open(.readOnly).issues == [.framesMissingAtEnd(acknowledged: 3, found: 2)])
        fixture.log = full

        // The first append replaces it with a format 3 file before it pads the log; a crash
        // during that replacement leaves the format 1 file (with `2.new` partly written,
        // which the next write clears) and the log as it was.
        let unpadded = fixture.log
        try fixture.open().append(fixture.payload(3))
        let format3 = TestFiles.read(fixture.layout.head)
        let migrated = HeadFile(bytes: format3, keys: keys)
        #expect(migrated.version == 3 && migrated.newest?.head.frameCount == 4)
        #expect(fixture.log.count == LogGrowth.step, "the log is padded once the head says so")
        let temporary = fixture.layout.head + ".new"
        var cases = 0
        for count in Array(stride(from: 0, through: format3.count, by: 97)) + [format3.count] {
            TestFiles.write(format1, to: fixture.layout.head)
            TestFiles.write(Array(format3.prefix(count)), to: temporary)
            fixture.log = unpadded
            let store = try fixture.open()
            #expect(store.records.map(\.payload) == (0..<3).map(fixture.payload), "state \(count)")
            #expect(store.issues.isEmpty, "state \(count): \(store.issues)")
            try store.append(fixture.payload(3))
            store.close()
            // Replaced at that append, leftover and all.
            #expect(!Directory.exists(temporary))
            #expect(headFile(fixture, keys: keys).version == 3)
            #expect(headFile(fixture, keys: keys).newest?.head.frameCount == 4)
            let reopened = try fixture.open(.readOnly)
            #expect(reopened.records.map(\.payload) == (0..<4).map(fixture.payload) && reopened.issues.isEmpty, "state \(count)")
            cases += 1
        }
        print("format 1 head replaced: \(cases) crash states opened, 0 entries lost")
    }
}
