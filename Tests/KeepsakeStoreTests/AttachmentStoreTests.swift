import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Attachments in the store: streamed in and out through the chunked AEAD, hash-checked.
@Suite struct AttachmentStoreTests {
    func bytes(_ count: Int, seed: UInt8 = 1) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ Int(seed)) }
    }

    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 3 * 1_048_576 + 17])
    func anAttachmentRoundTripsWithItsHashAndSize(size: Int) throws {
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open()
        let plaintext = bytes(size)
        var source = BytesSource(plaintext)
        let blob = try store.addAttachment(from: &source)
        #expect(blob.byteCount == UInt64(size))
        #expect(blob.sha256 == SHA256.hash(plaintext))
        #expect(AttachmentBlob.isValidName(blob.name))
        let stored = TestFiles.read(fixture.layout.blob(blob.name))
        // The stream, then filler up to the padded size (vault format 3).
        let stream = ChunkedStream.ciphertextByteCount(forPlaintext: UInt64(size))
        #expect(UInt64(stored.count) == AttachmentPadding.blobByteCount(stream: stream))
        #expect(UInt64(stored.count) >= max(stream, 4096) && Double(stored.count) <= max(4096, Double(stream) * 1.12))
        #expect(TestFiles.mode(fixture.layout.blob(blob.name)) == 0o600)
        var sink = BytesSink()
        try store.readAttachment(blob, into: &sink)
        #expect(sink.bytes == plaintext)
        try store.verifyAttachment(blob)
        #expect(store.attachmentFileNames() == [blob.name])
    }

    @Test func aMissingAttachmentIsNamed() throws {
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open()
        var source = BytesSource(bytes(1000))
        let blob = try store.addAttachment(from: &source)
        TestFiles.remove(fixture.layout.blob(blob.name))
        #expect(throws: StoreError.attachmentMissing(name: blob.name)) { try store.verifyAttachment(blob) }
        #expect(store.records.count == 1, "the log is untouched")
    }

    @Test func anAlteredAttachmentIsCaughtWhereverTheChangeIs() throws {
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open()
        var source = BytesSource(bytes(200_000))
        let blob = try store.addAttachment(from: &source)
        let path = fixture.layout.blob(blob.name)
        let original = TestFiles.read(path)
        let stream = Int(ChunkedStream.ciphertextByteCount(forPlaintext: 200_000))
        for offset in [0, 100, 65_551, 65_552, 131_000, stream - 1] {
            var altered = original
            altered[offset] ^= 0x04
            TestFiles.write(altered, to: path)
            #expect(throws: StoreError.attachmentAltered(name: blob.name), "offset \(offset)") {
                try store.verifyAttachment(blob)
            }
        }
        for cut in [0, 65_552, stream - 1] {
            TestFiles.write(Array(original.prefix(cut)), to: path)
            #expect(throws: StoreError.attachmentAltered(name: blob.name), "cut at \(cut)") {
                try store.verifyAttachment(blob)
            }
        }
        TestFiles.write(original, to: path)
        try store.verifyAttachment(blob)
    }

    @Test func aBlobWithTheWrongRecordedHashIsReportedAltered() throws {
        let fixture = try StoreFixture(entries: 0)
        let store = try fixture.open()
        var source = BytesSource(bytes(5000))
        let blob = try store.addAttachment(from: &source)
        var hash = blob.sha256
        hash[3] ^= 1
        let lying = try AttachmentBlob(name: blob.name, key: blob.key, sha256: hash, byteCount: blob.byteCount)
        #expect(throws: StoreError.attachmentAltered(name: blob.name)) { try store.verifyAttachment(lying) }
    }

    @Test func aHostileBlobNameCannotLeaveTheBlobFolder() {
        #expect(throws: StoreError.self) {
            try AttachmentBlob(name: "../../etc/passwd", key: .random(), sha256: Array(repeating: 0, count: 32), byteCount: 0)
        }
        #expect(!AttachmentBlob.isValidName("0123456789ABCDEF0123456789abcdef"))
    }

    @Test func aReadOnlyStoreRefusesToAddAttachments() throws {
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open(.readOnly)
        var source = BytesSource([1, 2, 3])
        #expect(throws: StoreError.self) { try store.addAttachment(from: &source) }
        #expect(store.attachmentFileNames().isEmpty)
    }
}
