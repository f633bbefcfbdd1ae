import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

#if canImport(Glibc)
    import Glibc
#endif

/// What the vault's files show to someone holding them without the passphrase (vault format
/// 3): the head file looks uniformly random (it used to hold 3,992 zero bytes), attachment
/// blobs' sizes give only a bucket (they used to be the file's size plus 16 bytes per 64 KiB),
/// and no file's time says when an entry or attachment was written beyond its folder's.
@Suite struct FileShapeTests {
    /// Pearson's χ² of the byte frequencies against uniform (255 degrees of freedom: mean 255,
    /// standard deviation 22.6), and the longest run of one byte value.
    static func randomness(_ bytes: [UInt8]) -> (chiSquare: Double, longestRun: Int) {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let expected = Double(bytes.count) / 256
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        var longest = 0, run = 0
        for (index, byte) in bytes.enumerated() {
            run = index > 0 && bytes[index - 1] == byte ? run + 1 : 1
            longest = max(longest, run)
        }
        return (chiSquare, longest)
    }

    @Test func theHeadFileLooksUniformlyRandom() throws {
        let fixture = try StoreFixture(entries: 3)
        let head = TestFiles.read(fixture.layout.head)
        #expect(head.count == HeadFile.byteCount)
        let (chiSquare, longestRun) = Self.randomness(head)
        // χ² above 400 happens by chance about once in 10⁹ files; a run of 5 equal bytes in
        // 4,200 random ones about once in 10⁶. The format 2 file scored χ² ≈ 977,000, run 3,992.
        print("head file: χ² = \(Int(chiSquare)) (255 expected), longest run of one byte: \(longestRun)")
        #expect(chiSquare < 400 && longestRun <= 4)
        // The check itself tells a format 2 file (zeros between the slots) apart.
        let keys = try fixture.open(.readOnly).keys
        let state = try #require(HeadFile(bytes: head, keys: keys).newest?.head)
        let format2 = Self.randomness(HeadFile.encoded(state, keys: keys, version: 2))
        #expect(format2.chiSquare > 400 && format2.longestRun > 4)
    }

    @Test func oneToSixtyEntriesGiveAtMostAFewLogSizes() throws {
        let fixture = try StoreFixture(entries: 0)
        let store = try fixture.open()
        var sizes = Set([TestFiles.read(fixture.layout.log).count])
        for n in 1...60 {
            // Entries of assorted sizes, as incidents are: 200 bytes to 3 KB.
            try store.append([UInt8](repeating: 0x61, count: 200 + (n * 397) % 2_800))
            sizes.insert(TestFiles.read(fixture.layout.log).count)
        }
        print("log sizes for 0…60 entries: \(sizes.sorted())")
        #expect(sizes.count <= 3)
        store.close()
        let reopened = try fixture.open(.readOnly)
        #expect(reopened.records.count == 60 && reopened.issues.isEmpty, "\(reopened.issues)")
    }

    @Test func attachmentsOfNeighbouringSizesGiveTheSameBlobSize() throws {
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open()
        var sizes: [Int: Int] = [:]
        for size in [1, 100, 3_000, 150_000, 150_001, 151_000, 1_000_000, 1_010_000] {
            var source = BytesSource([UInt8](repeating: 0x5a, count: size))
            let blob = try store.addAttachment(from: &source)
            sizes[size] = TestFiles.read(fixture.layout.blob(blob.name)).count
            var sink = BytesSink()
            try store.readAttachment(blob, into: &sink)
            #expect(sink.bytes.count == size, "the filler is never read back")
        }
        print("blob sizes: \(sizes.sorted { $0.key < $1.key }.map { "\($0.key) B → \($0.value) B" }.joined(separator: ", "))")
        #expect(sizes[1] == 4096 && sizes[100] == 4096 && sizes[3_000] == 4096)
        #expect(sizes[150_000] == sizes[150_001] && sizes[150_001] == sizes[151_000])
        #expect(sizes[1_000_000] == sizes[1_010_000])
        // Padmé: at most 12 % more than the stream, over every size up to 100 MiB.
        var size: UInt64 = 4096
        while size <= 100 << 20 {
            let stream = ChunkedStream.ciphertextByteCount(forPlaintext: size)
            let blob = AttachmentPadding.blobByteCount(stream: stream)
            #expect(blob >= stream && Double(blob) <= Double(stream) * 1.12, "size \(size)")
            size = size * 9 / 8 + 1
        }
    }

    @Test func theFilesTimesAreTheirFoldersTimes() throws {
        let fixture = try StoreFixture(entries: 0)
        // Made now, written to later: the files must not show the later time.
        func modified(_ path: String) -> Int {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec : -1
        }
        let past = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 0)]
        for path in [fixture.vaultPath, fixture.layout.blobs] { _ = utimensat(AT_FDCWD, path, past, 0) }
        do {
            let store = try fixture.open()
            try store.append(fixture.payload(0))
            var source = BytesSource([UInt8](repeating: 1, count: 10_000))
            _ = try store.addAttachment(from: &source)
            store.close()
        }
        let folderTime = modified(fixture.vaultPath)
        #expect(folderTime == 1_700_000_000 * 1_000_000_000, "appending touches no name in the vault folder")
        for path in [fixture.layout.keySlots, fixture.layout.log, fixture.layout.head] {
            #expect(modified(path) == folderTime, "\(path)")
        }
        let blobsTime = modified(fixture.layout.blobs)
        for name in Directory.entries(fixture.layout.blobs) ?? [] {
            #expect(modified(fixture.layout.blob(name)) == blobsTime, "\(name)")
        }
    }
}

/// The figures SECURITY.md and docs/FORMAT.md give for what the files' sizes show:
/// `swift test --filter WhatTheSizesShow` prints both tables.
@Suite struct WhatTheSizesShow {
    @Test func logSizesByEntryCountAndBlobSizesByFileSize() throws {
        // Log: a vault's log after n entries of a typical incident's size (a 512-byte bucket).
        let fixture = try StoreFixture(entries: 0)
        let store = try fixture.open()
        let payload = Array(String(repeating: "an account of what happened. ", count: 12).utf8)  // 348 bytes
        var sizes: [Int: Int] = [:]
        for n in 1...1_000 {
            try store.append(payload)
            sizes[n] = TestFiles.read(fixture.layout.log).count
        }
        let distinct = Set(sizes.values).count
        print("log size by entries: " + [1, 2, 3, 5, 10, 20, 60, 100, 300, 1_000].map { "\($0) → \(sizes[$0]!) B" }.joined(separator: ", ")
            + "; \(distinct) distinct sizes for 1…1,000 entries")
        // The log grows in rungs (LogGrowth): the size gives a range of counts, never the count.
        #expect(distinct <= 16)

        // Blobs: every size from 1 B to 100 MiB in steps of about 1 %, and how many share each blob size.
        var buckets: [UInt64: Int] = [:]
        var size: UInt64 = 1
        var inputs = 0
        while size <= 100 << 20 {
            buckets[AttachmentPadding.blobByteCount(plaintext: size), default: 0] += 1
            inputs += 1
            size = size + max(1, size / 100)
        }
        let rows: [UInt64] = [1, 1_000, 4_000, 10_000, 100_000, 1 << 20, 5 << 20, 10 << 20, 100 << 20]
        print("blob size by file size: " + rows.map { "\($0) → \(AttachmentPadding.blobByteCount(plaintext: $0)) B" }.joined(separator: ", ")
            + "; \(inputs) file sizes (1 B to 100 MiB, 1 % apart) give \(buckets.count) blob sizes")
        #expect(buckets.count * 3 < inputs)
    }
}
