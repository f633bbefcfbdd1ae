import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
import ZIPFoundation
@testable import KeepsakeBundle

/// The streaming ZIP reader behind `verify` and `open` of a sealed bundle, facing the known
/// traps of a reader that reads front to back: a local header and the central directory that
/// disagree, bytes the central directory doesn't list, an archive cut short, an entry whose
/// size only its data descriptor gives. Each must fail, in `verify` (`StreamedArchive`) and in
/// `open` (`BundleUnpacker.unpack(streaming:)`, which then leaves nothing behind).
@Suite struct StreamedArchiveTests {
    let folder = TemporaryFolder()

    static let report = Array("<p>He shoved me hard against the door.</p>".utf8)
    static let photo = [UInt8]((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })

    /// An archive as the exporter writes it (stored entries, data descriptors).
    static func archive() throws -> [UInt8] {
        var zip = ZipStreamWriter(sink: BytesSink(), modified: Date(timeIntervalSince1970: 1_770_000_000))
        try zip.add("report.html", bytes: report)
        try zip.add("attachments/photo.jpg", bytes: photo)
        try zip.add("manifest.json", bytes: Array("{}".utf8))
        try zip.finish()
        return zip.sink.bytes
    }

    /// Feeds `bytes` to a sink in pieces of `piece` bytes, as the decryptor does.
    static func stream(_ bytes: [UInt8], piece: Int = 65_536) -> (inout BundleStreamSink) throws -> Void {
        { sink in
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + piece)
                try bytes[start..<end].withUnsafeBytes { try sink.write($0) }
                start = end
            }
        }
    }

    func verifyRead(_ bytes: [UInt8]) -> Result<StreamedArchive, any Error> {
        Result { try StreamedArchive(path: "bundle.age", stream: Self.stream(bytes, piece: 7)) }
    }

    /// `open`'s reading: the error, and whether anything is left in the folder.
    func openRead(_ bytes: [UInt8], _ name: String) throws -> (Result<[String], any Error>, [String]) {
        let out = folder.appending(name)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let result = Result { try BundleUnpacker.unpack(streaming: Self.stream(bytes), into: out) }
        let left = FileManager.default.enumerator(atPath: out)?.compactMap { $0 as? String }.filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: out + "/" + $0, isDirectory: &isFolder) && !isFolder.boolValue
        } ?? []
        return (result, left)
    }

    /// The offset of the central directory (from the end record) in an archive without ZIP64.
    static func directoryOffset(_ zip: [UInt8]) -> Int { Int(zip.u32(zip.count - 22 + 16)) }

    /// Where `name` appears in `zip` from `start`.
    static func find(_ name: String, in zip: [UInt8], from start: Int = 0) -> Int {
        let needle = Array(name.utf8)
        return (start...(zip.count - needle.count)).first { Array(zip[$0..<$0 + needle.count]) == needle }!
    }

    /// Inserts `bytes` into `archive()`'s bytes after its first entry, and moves the central
    /// directory's offsets of the two entries after it, and its own, to match: a reader going
    /// by the central directory alone finds every entry where it is.
    static func insert(_ bytes: [UInt8], at position: Int, into zip: inout [UInt8]) {
        zip.insert(contentsOf: bytes, at: position)
        let directory = directoryOffset(zip) + bytes.count
        for name in ["attachments/photo.jpg", "manifest.json"] {
            let at = find(name, in: zip, from: directory) - 46 + 42
            zip.replaceSubrange(at..<at + 4, with: (zip.u32(at) + UInt32(bytes.count)).bytes)
        }
        zip.replaceSubrange(zip.count - 6..<zip.count - 2, with: UInt32(directory).bytes)
    }

    @Test func anExportersArchiveReadsWholeInAnyPieces() throws {
        let zip = try Self.archive()
        for piece in [1, 7, 30, 4096, zip.count] {
            let read = try StreamedArchive(path: "bundle.age", stream: Self.stream(zip, piece: piece))
            #expect(read.listing().files == ["attachments/photo.jpg", "manifest.json", "report.html"])
            #expect(read.listing().other.isEmpty)
            #expect(read.read("report.html") == Self.report)
            #expect(read.hash("attachments/photo.jpg")?.sha256 == SHA256.hash(Self.photo))
            #expect(read.read("attachments/photo.jpg") == Self.photo)
        }
        let (opened, left) = try openRead(zip, "good")
        #expect(try opened.get() == ["report.html", "attachments/photo.jpg", "manifest.json"])
        #expect(left.sorted() == ["attachments/photo.jpg", "manifest.json", "report.html"])
        #expect(TestFiles.read(folder.appending("good/attachments/photo.jpg")) == Self.photo)
    }

    @Test func aFileNotKeptIsReadAgainAndUsedOnlyIfItIsTheSame() throws {
        // "notes/other.bin" is neither a file `verify` reads whole nor an attachment: only its
        // hash is kept, and reading it takes a second pass.
        var writer = ZipStreamWriter(sink: BytesSink(), modified: Date())
        try writer.add("report.html", bytes: Self.report)
        try writer.add("notes/other.bin", bytes: Self.photo)
        try writer.finish()
        let zip = writer.sink.bytes
        // A whole, valid archive with other bytes under that name (the file changed between passes).
        var other = ZipStreamWriter(sink: BytesSink(), modified: Date())
        try other.add("report.html", bytes: Self.report)
        try other.add("notes/other.bin", bytes: Self.photo.map { $0 ^ 1 })
        try other.finish()
        var passes = 0
        var changeSecondPass = false
        let read = try StreamedArchive(path: "bundle.age") { sink in
            passes += 1
            try Self.stream(passes > 1 && changeSecondPass ? other.sink.bytes : zip)(&sink)
        }
        #expect(passes == 1)
        #expect(read.read("report.html") == Self.report)
        #expect(passes == 1, "kept: no second pass")
        #expect(read.read("notes/other.bin") == Self.photo)
        #expect(passes == 2)
        changeSecondPass = true
        #expect(read.read("notes/other.bin") == nil, "the bytes differ from what the first pass hashed")
        #expect(passes == 3)
    }

    @Test func aNameTheCentralDirectoryGivesOtherwiseIsRefused() throws {
        var zip = try Self.archive()
        // The central directory calls the first entry "report.htmX": a reader going by it
        // would show another name than one going by the local headers.
        let central = Self.find("report.html", in: zip, from: Self.directoryOffset(zip))
        zip[central + 10] = UInt8(ascii: "X")
        #expect(throws: BundleError.unsafeArchive("the entry report.html is named report.htmX in the central directory: the two disagree")) {
            try verifyRead(zip).get()
        }
        let (opened, left) = try openRead(zip, "renamed")
        #expect(throws: BundleError.self) { try opened.get() }
        #expect(left.isEmpty, "\(left)")
        // ZIPFoundation, which reads by the central directory alone, lists the other name.
        let path = folder.appending("renamed.zip")
        TestFiles.write(zip, to: path)
        #expect(try Archive(url: URL(fileURLWithPath: path), accessMode: .read).map(\.path).contains("report.htmX"))
    }

    @Test func aSizeOrChecksumTheCentralDirectoryGivesOtherwiseIsRefused() throws {
        let good = try Self.archive()
        let central = Self.find("report.html", in: good, from: Self.directoryOffset(good)) - 46
        for (field, what) in [(16, "CRC-32"), (20, "compressed size"), (24, "size"), (8, "flags")] {
            var zip = good
            zip[central + field] ^= 0x01
            #expect(throws: BundleError.self, "\(what)") { try verifyRead(zip).get() }
            let (opened, left) = try openRead(zip, "field-\(field)")
            #expect(throws: BundleError.self, "\(what)") { try opened.get() }
            #expect(left.isEmpty, "\(what): \(left)")
        }
    }

    @Test func bytesBetweenEntriesAreRefused() throws {
        let good = try Self.archive()
        // 40 bytes of hidden text after the first entry; the central directory's offsets are
        // moved to match, so a reader going by the central directory (ZIPFoundation) accepts it.
        let second = Self.find("attachments/photo.jpg", in: good) - 30
        let hidden = Array("hidden words no reader should ever see...".utf8.prefix(40))
        var zip = good
        Self.insert(hidden, at: second, into: &zip)
        let path = folder.appending("hidden.zip")
        TestFiles.write(zip, to: path)
        #expect(try BundleArchive(path: path).listing().files.count == 3, "ZIPFoundation reads it")

        #expect(throws: BundleError.unsafeArchive("it has bytes at offset \(second) that are not a listed file (hidden data between entries?)")) {
            try verifyRead(zip).get()
        }
        let (opened, left) = try openRead(zip, "hidden")
        #expect(throws: BundleError.self) { try opened.get() }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func anEntryTheCentralDirectoryDoesNotListIsRefused() throws {
        // A whole extra entry in the stream, absent from the central directory.
        var writer = ZipStreamWriter(sink: BytesSink(), modified: Date())
        try writer.add("report.html", bytes: Self.report)
        let first = writer.sink.bytes.count
        try writer.add("forged.html", bytes: Array("<p>nothing happened</p>".utf8))
        let forged = Array(writer.sink.bytes[first...])
        var zip = try Self.archive()
        Self.insert(forged, at: first, into: &zip)
        #expect(throws: BundleError.unsafeArchive("forged.html is in the archive but not in its central directory (a hidden file?)")) {
            try verifyRead(zip).get()
        }
        let (opened, left) = try openRead(zip, "unlisted")
        #expect(throws: BundleError.self) { try opened.get() }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func anArchiveCutShortOrWithBytesAfterItsEndIsRefused() throws {
        let zip = try Self.archive()
        for cut in [10, 100, Self.find("attachments/photo.jpg", in: zip) + 5_000, Self.directoryOffset(zip), zip.count - 1] {
            #expect(throws: BundleError.self, "cut at \(cut)") { try verifyRead(Array(zip[..<cut])).get() }
            let (opened, left) = try openRead(Array(zip[..<cut]), "cut-\(cut)")
            #expect(throws: BundleError.self, "cut at \(cut)") { try opened.get() }
            #expect(left.isEmpty, "cut at \(cut): \(left)")
        }
        #expect(throws: BundleError.unsafeArchive("it has bytes after its end record")) { try verifyRead(zip + [0]).get() }
    }

    @Test func anEntryWhoseSizeOnlyItsDataDescriptorGivesIsRefused() throws {
        // As `zip` writes from a pipe: flag bit 3, sizes 0 in the local header, the real ones
        // in the data descriptor after the data. A stream reader can't tell where such data
        // ends without guessing; Keepsake always gives the size first.
        var zip = try Self.archive()
        let local = 0
        #expect(zip.u16(local + 6) & (1 << 3) != 0)
        zip.replaceSubrange(local + 18..<local + 26, with: [UInt8](repeating: 0, count: 8))
        #expect(throws: BundleError.unsafeArchive("report.html's data descriptor does not repeat the size its local header gives (an entry of unknown size, which Keepsake never writes?)")) {
            try verifyRead(zip).get()
        }
        let (opened, left) = try openRead(zip, "descriptor")
        #expect(throws: BundleError.self) { try opened.get() }
        #expect(left.isEmpty, "\(left)")
        // And a data descriptor whose CRC-32 is not the data's.
        var crc = try Self.archive()
        let descriptor = Self.find("report.html", in: crc) + 11 + Self.report.count
        #expect(crc.u32(descriptor) == 0x0807_4B50)
        crc[descriptor + 4] ^= 1
        #expect(throws: BundleError.unsafeArchive("report.html is damaged (its CRC-32 differs)")) { try verifyRead(crc).get() }
    }

    @Test func theRulesOfAnUnpackedArchiveHoldForAStreamedOne() throws {
        func one(_ name: String, compressed: Bool = false) throws -> [UInt8] {
            var writer = ZipStreamWriter(sink: BytesSink(), modified: Date())
            try writer.add(name, bytes: Array("x".utf8))
            try writer.finish()
            var zip = writer.sink.bytes
            if compressed {
                zip[8] = 8
                zip[Self.directoryOffset(zip) + 10] = 8
            }
            return zip
        }
        for (name, why) in [
            ("../escape.txt", "unsafe name ../escape.txt"),
            ("a/b/c/d/e.txt", "a/b/c/d/e.txt is 5 levels deep; a bundle's files are at most 4 levels deep"),
            ("report\u{202E}lmth.exe", "unsafe name report<U+202E>lmth.exe"),
        ] {
            let (opened, left) = try openRead(try one(name), "rule-\(why.count)")
            #expect(throws: BundleError.unsafeArchive(why)) { try opened.get() }
            #expect(left.isEmpty)
            #expect(try verifyRead(try one(name)).get().listing().other.count == 1)
        }
        #expect(throws: BundleError.unsafeArchive("an entry's name is longer than 1,024 bytes, which no bundle's file has")) {
            try verifyRead(try one(String(repeating: "a", count: 1025))).get()
        }
        let (opened, _) = try openRead(try one("report.html", compressed: true), "deflated")
        #expect(throws: BundleError.unsafeArchive("report.html is compressed, which Keepsake never does (a zip bomb?)")) { try opened.get() }
        // Two entries sharing bytes can't happen: each entry starts where the last ended.
        let bomb = AmplificationTests.overlappingBomb(names: 3, size: 1000)
        #expect(throws: BundleError.self) { try verifyRead(bomb).get() }
    }
}

extension StreamedArchiveTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    /// Bundles written by every earlier Keepsake (`Fixtures/bundle-*`) read streamed exactly
    /// as read in place by ZIPFoundation: same files, same hashes, same checks and verdict.
    @Test func everyEarlierBundleReadsStreamedAsInPlace() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { $0.hasPrefix("bundle-") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let path = Self.fixtures + "/\(name)/bundle.zip"
            let streamed = try StreamedArchive(path: name, stream: Self.stream(TestFiles.read(path), piece: 4093))
            let inPlace = try BundleArchive(path: path)
            #expect(streamed.listing().files == inPlace.listing().files, "\(name)")
            #expect(streamed.listing().other.isEmpty, "\(name)")
            for file in inPlace.listing().files {
                #expect(streamed.hash(file)?.sha256 == inPlace.hash(file)?.sha256, "\(name): \(file)")
            }
            let (one, other) = (BundleVerifier.verify(streamed), BundleVerifier.verify(inPlace))
            #expect(one.checks == other.checks && one.verdict == other.verdict, "\(name)")
        }
        // And the fuzz seeds go through the same comparison the fuzz target makes.
        let seeds = Self.fixtures + "/fuzz/bundle-archive"
        for seed in try FileManager.default.contentsOfDirectory(atPath: seeds) {
            BundleFuzzing.streamAndCompare(Data(TestFiles.read(seeds + "/" + seed)))
        }
    }
}

extension UInt32 {
    fileprivate var bytes: [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: self >> (8 * $0)) } }
}
