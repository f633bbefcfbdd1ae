import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Reading a blob back on every core (each chunk read with `pread` by the task that opens
/// it): what reaches the sink when a blob is changed or cut, the filler never read, and a
/// failed read named as one.
@Suite struct AttachmentReadPathTests {
    static let chunk = ChunkedStream.chunkByteCount
    static let sealedChunk = ChunkedStream.sealedChunkByteCount

    func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ 11) }
    }

    /// A blob of several 16-chunk batches, stored.
    func storedBlob(_ size: Int) throws -> (StoreFixture, VaultStore, AttachmentBlob, [UInt8]) {
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open()
        let plaintext = bytes(size)
        var source = BytesSource(plaintext)
        return (fixture, store, try store.addAttachment(from: &source), plaintext)
    }

    @Test func aChangedChunkMidFileStopsTheReadWithNothingPastIt() throws {
        let (fixture, store, blob, plaintext) = try storedBlob(40 * Self.chunk + 3)
        let path = fixture.layout.blob(blob.name)
        var stored = TestFiles.read(path)
        let bad = 21  // the sixth chunk of the second batch
        stored[bad * Self.sealedChunk + 4000] ^= 0x08
        TestFiles.write(stored, to: path)
        var sink = BytesSink()
        #expect(throws: StoreError.attachmentAltered(name: blob.name)) { try store.readAttachment(blob, into: &sink) }
        #expect(sink.bytes == Array(plaintext[..<(bad * Self.chunk)]), "only the chunks before the changed one")
    }

    @Test func aBlobCutShortIsAlteredWithOnlyWholeChunksBeforeTheCutHandedOut() throws {
        let (fixture, store, blob, plaintext) = try storedBlob(20 * Self.chunk + 700)
        let path = fixture.layout.blob(blob.name)
        let stored = TestFiles.read(path)
        let stream = Int(ChunkedStream.ciphertextByteCount(forPlaintext: blob.byteCount))
        for (cut, wholeChunks) in [(stream - 1, 20), (20 * Self.sealedChunk, 20), (17 * Self.sealedChunk + 5, 17), (0, 0)] {
            TestFiles.write(Array(stored[..<cut]), to: path)
            var sink = BytesSink()
            #expect(throws: StoreError.attachmentAltered(name: blob.name), "cut at \(cut)") {
                try store.readAttachment(blob, into: &sink)
            }
            #expect(sink.bytes == Array(plaintext[..<(wholeChunks * Self.chunk)]), "cut at \(cut)")
        }
    }

    @Test func theFillerAfterTheStreamIsNeverRead() throws {
        let (fixture, store, blob, plaintext) = try storedBlob(3 * Self.chunk + 9)
        let path = fixture.layout.blob(blob.name)
        let stored = TestFiles.read(path)
        let stream = Int(ChunkedStream.ciphertextByteCount(forPlaintext: blob.byteCount))
        #expect(stored.count > stream, "format 3 pads blobs")
        // Filler changed, or gone: the file reads the same.
        for variant in [Array(stored[..<stream]) + Array(repeating: 0xFF, count: stored.count - stream), Array(stored[..<stream])] {
            TestFiles.write(variant, to: path)
            var sink = BytesSink()
            try store.readAttachment(blob, into: &sink)
            #expect(sink.bytes == plaintext)
        }
    }

    @Test func aBlobThatCannotBeReadIsAnIOErrorNotAnAlteredFile() throws {
        let (fixture, store, blob, _) = try storedBlob(100_000)
        let path = fixture.layout.blob(blob.name)
        TestFiles.remove(path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        var sink = BytesSink()
        #expect(throws: StoreError.io(operation: "read", path: path, errno: EISDIR)) {
            try store.readAttachment(blob, into: &sink)
        }
        #expect(sink.bytes.isEmpty)
    }
}
