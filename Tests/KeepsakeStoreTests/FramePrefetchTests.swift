import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Reading frames ahead on every core (`FramePrefetch`) must not change what a scan finds:
/// over intact and damaged logs, `scan` equals the scan that reads every frame in turn, and
/// every leaf hash made ahead is the record's own.
@Suite struct FramePrefetchTests {
    /// Enough frames for the prefetch to read them in two batches (of 64, then up to 256),
    /// each on several threads.
    static let entries = 150

    func expectSameScan(_ log: [UInt8], keys: VaultKeys, _ what: String) {
        let scanner = LogScanner(keys: keys)
        let ahead = scanner.scan(log)
        let inTurn = scanner.scanWithoutPrefetch(log)
        #expect(ahead.records == inTurn.records, "\(what)")
        #expect(ahead.issues == inTurn.issues, "\(what)")
        #expect(ahead.end == inTurn.end && ahead.tail == inTurn.tail, "\(what)")
        #expect(ahead.nextSeq == inTurn.nextSeq && ahead.lastHash == inTurn.lastHash, "\(what)")
        #expect(ahead.leafHashes.count == ahead.records.count, "\(what)")
        for (record, leaf) in zip(ahead.records, ahead.leafHashes) where leaf != nil {
            let own = SHA256.Digest(EntryCommitment.leafHash(salt: keys.commitmentSalt(seq: record.seq), seq: record.seq, plaintext: record.plaintext))
            #expect(leaf == own, "\(what): record \(record.seq)")
        }
    }

    @Test func intactAndDamagedLogsScanTheSameReadAheadOrInTurn() throws {
        let fixture = try StoreFixture(entries: Self.entries)
        let keys = try fixture.open(.readOnly).keys
        let log = fixture.log
        expectSameScan(log, keys: keys, "intact")
        #expect(LogScanner(keys: keys).scan(log).leafHashes.allSatisfy { $0 != nil }, "every intact frame read ahead")

        var cases = 1
        // One bit flipped every 293 bytes (headers, nonces, sealed bytes of many frames).
        for index in stride(from: 0, to: log.count, by: 293) {
            var damaged = log
            damaged[index] ^= 1 << UInt8(index % 8)
            expectSameScan(damaged, keys: keys, "flip at \(index)")
            cases += 1
        }
        // Cut at frame boundaries and inside frames.
        for cut in [fixture.frameRange(70).lowerBound, fixture.frameRange(70).lowerBound + 30, log.count - 1] {
            expectSameScan(Array(log[..<cut]), keys: keys, "cut at \(cut)")
            cases += 1
        }
        // A frame removed, two swapped, one duplicated, garbage appended.
        // Inside the first batch the walk hands out (64 frames), and across its end.
        for first in [40, 63] {
            let (a, b) = (fixture.frameRange(first), fixture.frameRange(first + 1))
            expectSameScan(Array(log[..<a.lowerBound] + log[a.upperBound...]), keys: keys, "frame \(first) removed")
            expectSameScan(
                Array(log[..<a.lowerBound] + log[b] + log[a] + log[b.upperBound...]), keys: keys,
                "frames \(first) and \(first + 1) swapped")
            expectSameScan(Array(log[..<b.lowerBound] + log[a] + log[b.lowerBound...]), keys: keys, "frame \(first) twice")
            cases += 3
        }
        expectSameScan(log + SecureRandom.bytes(count: 700), keys: keys, "garbage after the end")
        cases += 1
        print("frame prefetch: \(cases) logs scanned read ahead and in turn, all alike")
    }
}
