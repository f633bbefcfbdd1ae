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
