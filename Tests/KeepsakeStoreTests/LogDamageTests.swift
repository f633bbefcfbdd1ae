import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Every kind of damage to the log is named, and every intact entry stays readable.
@Suite struct LogDamageTests {
    @Test func logCutAtEveryByteOfItsLastFrameKeepsEarlierEntriesAndSetsTheRestAside() throws {
        let fixture = try StoreFixture(entries: 3)
        let original = fixture.log
        let last = fixture.frameRange(2)
        var cases = 0
        for cut in last.lowerBound..<last.upperBound {
            fixture.log = Array(original[..<cut])
            let store = try fixture.open()
            #expect(store.records.map(\.payload) == (0..<2).map(fixture.payload), "cut at \(cut)")
            #expect(store.issues.contains(.framesMissingAtEnd(acknowledged: 3, found: 2)), "cut at \(cut)")
            if cut > last.lowerBound {
                let setAside = store.issues.compactMap { issue -> String? in
                    if case let .damagedTailSetAside(count, file) = issue, count == cut - last.lowerBound {
                        return file
                    }
                    return nil
                }
                #expect(setAside.count == 1, "cut at \(cut): \(store.issues)")
                if let file = setAside.first {
                    #expect(TestFiles.read(fixture.vaultPath + "/" + file) == Array(original[last.lowerBound..<cut]))
                }
                #expect(fixture.log.count == last.lowerBound, "the log is cut back to whole frames")
            }
            #expect(store.isDamaged)
            #expect(throws: StoreError.self) { try store.append([1]) }
            cases += 1
        }
        print("log cut at \(cases) offsets of the last frame: all detected, earlier entries kept")
    }

    @Test func anUnfinishedAppendIsFillerAndTheVaultStaysWritable() throws {
        // Format 3: a crash mid-append leaves part of a frame over the filler after the
        // acknowledged frames, with the head never updated. Those bytes were never
        // acknowledged: they are not reported, and the next append writes over them.
        let fixture = try StoreFixture(entries: 2)
        let original = fixture.log
        let end = fixture.framesEnd
        for torn in [SecureRandom.bytes(count: 300), Array(original[fixture.frameRange(1)].prefix(200))] {
            var log = original
            log.replaceSubrange(end..<end + torn.count, with: torn)
            fixture.log = log
            let store = try fixture.open()
            #expect(store.records.count == 2)
            #expect(store.issues.isEmpty, "\(store.issues)")
            #expect(fixture.log.count == original.count, "the log keeps its size")
            try store.append(fixture.payload(2))
            store.close()
            let reopened = try fixture.open(.readOnly)
            #expect(reopened.records.map(\.payload) == (0..<3).map(fixture.payload))
            #expect(reopened.issues.isEmpty)
            fixture.log = original
            TestFiles.write(fixture.headAfterSetUp, to: fixture.layout.head)
        }
    }

    @Test func aFrameSyncedBeforeItsHeadWasWrittenIsKept() throws {
        let fixture = try StoreFixture(entries: 2)
        let oldHead = TestFiles.read(fixture.layout.head)
        try fixture.open().append(fixture.payload(2))
        TestFiles.write(oldHead, to: fixture.layout.head)  // crash after the log's fsync
        let store = try fixture.open()
        #expect(store.records.count == 3)
        #expect(store.issues.isEmpty)
    }

    @Test func aBitFlippedAtAnyByteOfTheLogIsDetectedAndOtherEntriesStayReadable() throws {
        let fixture = try StoreFixture(entries: 3)
        let original = fixture.log
        var detected = 0, fillerQuiet = 0
        // The filler after the frames (format 3) carries nothing: a flip there is not reported.
        for index in stride(from: fixture.framesEnd, to: original.count, by: 509) {
            var damaged = original
            damaged[index] ^= 0x01 << UInt8(index % 8)
            fixture.log = damaged
            let store = try fixture.open(.readOnly)
            if store.issues.isEmpty && store.records.count == 3 { fillerQuiet += 1 } else {
                Issue.record("filler flip at byte \(index) reported: \(store.issues)")
            }
        }
        #expect(fillerQuiet > 100)
        for index in 0..<fixture.framesEnd {
            var damaged = original
            damaged[index] ^= 0x01 << UInt8(index % 8)
            fixture.log = damaged
            let store = try fixture.open(.readOnly)
            if store.isDamaged && store.records.count == 2 { detected += 1 } else {
                Issue.record("flip at byte \(index): \(store.records.count) records, \(store.issues)")
            }
        }
        print("log bit flips: \(fixture.framesEnd) cases in the frames, \(detected) detected with 2 of 3 entries intact; \(fillerQuiet) in the filler, not reported")
        #expect(detected == fixture.framesEnd)
    }

    @Test func twoSwappedFramesAreNamedAndBothStayReadable() throws {
        let fixture = try StoreFixture(entries: 4)
        let log = fixture.log
        let (a, b) = (fixture.frameRange(1), fixture.frameRange(2))
        fixture.log = Array(log[..<a.lowerBound] + log[b] + log[a] + log[b.upperBound...])
        let store = try fixture.open(.readOnly)
        #expect(Set(store.records.map(\.seq)) == [0, 1, 2, 3])
        #expect(store.issues.contains(.frameOutOfPlace(seq: 2, position: 1)))
        #expect(store.issues.contains(.frameOutOfPlace(seq: 1, position: 2)))
        #expect(store.isDamaged)
    }

    @Test func aDeletedFrameIsNamedAndTheRestStayReadable() throws {
        let fixture = try StoreFixture(entries: 4)
        let log = fixture.log
        let gone = fixture.frameRange(1)
        fixture.log = Array(log[..<gone.lowerBound] + log[gone.upperBound...])
        let store = try fixture.open(.readOnly)
        #expect(store.records.map(\.seq) == [0, 2, 3])
        #expect(store.issues.contains(.frameMissing(seq: 1)))
    }

    @Test func aDuplicatedFrameIsNamed() throws {
        let fixture = try StoreFixture(entries: 3)
        let log = fixture.log
        let one = fixture.frameRange(1)
        fixture.log = Array(log[..<one.upperBound] + log[one] + log[one.upperBound...])
        let store = try fixture.open(.readOnly)
        #expect(store.records.map(\.seq) == [0, 1, 2])
        #expect(store.issues.contains(.frameDuplicated(seq: 1)))
    }

    @Test func theLastFrameRemovedWholeIsCaughtByTheHead() throws {
        let fixture = try StoreFixture(entries: 3)
        fixture.log = Array(fixture.log[..<fixture.frameRange(2).lowerBound])
        let store = try fixture.open(.readOnly)
        #expect(store.records.count == 2)
        #expect(store.issues == [.framesMissingAtEnd(acknowledged: 3, found: 2)])
    }

    @Test func aFrameFromAnotherVersionOfTheLogBreaksTheChain() throws {
        // Two vaults can't share frames (different keys), but a vault and its own backup can:
        // splice frame 1 of a diverged copy into the original.
        let fixture = try StoreFixture(entries: 1)
        let copy = fixture.folder.appending("copy")
        TestFiles.copyFolder(fixture.vaultPath, to: copy)
        try fixture.open().append(Array("original second".utf8))
        try fixture.open().append(Array("original third".utf8))
        let diverged = try VaultStore.open(at: copy, passphrase: fixture.passphrase)
        try diverged.append(Array("forged second".utf8))
        let forgedEnd = diverged.logFramesEnd
        withExtendedLifetime(diverged) {}
        // Same bucket sizes, so frame 2 of the original starts where the forged frames end.
        let log = fixture.log, forged = TestFiles.read(VaultLayout(folder: copy).log)
        fixture.log = Array(forged[..<forgedEnd]) + Array(log[forgedEnd...])
        let store = try fixture.open(.readOnly)
        #expect(store.isDamaged, "\(store.issues)")
        #expect(store.issues.contains(.chainBroken(seq: 2)), "\(store.issues)")
    }

    @Test func aMissingHeadFileIsDamageButEntriesStayReadable() throws {
        let fixture = try StoreFixture(entries: 2)
        TestFiles.write([], to: fixture.layout.head)
        let store = try fixture.open(.readOnly)
        #expect(store.records.count == 2)
        #expect(store.issues.contains(.headFileDamaged))
    }
}
