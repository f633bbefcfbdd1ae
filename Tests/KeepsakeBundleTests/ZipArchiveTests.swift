import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
import ZIPFoundation
@testable import KeepsakeBundle

/// The streaming ZIP writer (read back by ZIPFoundation and by the stock `unzip`), and the
/// safe unpacking of hostile archives.
@Suite struct ZipArchiveTests {
    let folder = TemporaryFolder()

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        var incremental = KeepsakeBundle.CRC32()
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for chunk in stride(from: 0, to: bytes.count, by: 4099) {
            incremental.update(Array(bytes[chunk..<min(chunk + 4099, bytes.count)]))
        }
        #expect(incremental.value == CRC32.checksum(bytes))
        // Independent bitwise reference.
        var reference: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            reference ^= UInt32(b)
            for _ in 0..<8 { reference = reference & 1 != 0 ? 0xEDB8_8320 ^ (reference >> 1) : reference >> 1 }
        }
        #expect(~reference == CRC32.checksum(bytes))
    }

    /// The folded CRC (carry-less multiplication) gives what the tables give for every
    /// length from 0 to 300 at every start alignment, for random larger sizes, and across
    /// updates of mixed sizes; on x86-64 the folding is really used.
    @Test func theFoldedCRCMatchesTheTablesAtEveryLengthAndAlignment() {
        #if arch(x86_64)
            #expect(CRC32.folds, "this processor should have PCLMULQDQ: the fast path went untested")
        #endif
        var generator = SeededGenerator(seed: 0xC3C3)
        let bytes = (0..<(1 << 20) + 64).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes.withUnsafeBytes { all in
            func both(_ start: Int, _ count: Int) -> (UInt32, UInt32) {
                let part = UnsafeRawBufferPointer(rebasing: all[start..<(start + count)])
                var fast = CRC32(), tables = CRC32()
                fast.update(part)
                tables.updateWithTables(part)
                return (fast.value, tables.value)
            }
            var mismatches: [String] = []
            for count in 0...300 {
                for start in 0..<16 {
                    let (fast, tables) = both(start, count)
                    if fast != tables { mismatches.append("\(count)@\(start)") }
                }
            }
            for _ in 0..<40 {
                let count = Int.random(in: 301...(1 << 20), using: &generator)
                let start = Int.random(in: 0..<64, using: &generator)
                let (fast, tables) = both(start, count)
                if fast != tables { mismatches.append("\(count)@\(start)") }
            }
            #expect(mismatches.count == 0, "folded ≠ tables at length@start: \(mismatches.prefix(10))")

            var mixed = CRC32()
            var offset = 0
            for size in [1, 63, 64, 65, 15, 4096, 100_000, 7, 65_536, 333] {
                mixed.update(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + size)]))
                offset += size
            }
            var tables = CRC32()
            tables.updateWithTables(UnsafeRawBufferPointer(rebasing: all[..<offset]))
            #expect(mixed.value == tables.value)
        }
    }

    func writeArchive(_ files: [(String, [UInt8])]) throws -> String {
        var zip = ZipStreamWriter(sink: BytesSink(), modified: Date(timeIntervalSince1970: 1_767_225_600))
        for (name, bytes) in files { try zip.add(name, bytes: bytes) }
        try zip.finish()
        let path = folder.appending("test-\(files.count).zip")
        TestFiles.write(zip.sink.bytes, to: path)
        return path
    }

    @Test func anArchiveReadsBackWithZIPFoundationAndTheStockUnzip() throws {
        let files: [(String, [UInt8])] = [
            ("README.txt", Array("hello\n".utf8)), ("empty.txt", []),
            ("attachments/a-1-photo.jpg", (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }),
            ("accents-é.txt", Array("ünïcödé".utf8)),
        ]
        let path = try writeArchive(files)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var read: [String: [UInt8]] = [:]
        for entry in archive {
            var bytes: [UInt8] = []
            _ = try archive.extract(entry) { bytes += $0 }
            read[entry.path] = bytes
        }
        #expect(read.count == files.count)
        for (name, bytes) in files { #expect(read[name] == bytes, "\(name)") }
        let unzip = try ProgramRunner(executable: "/usr/bin/unzip").run(["-t", path])
        #expect(unzip.status == 0, "unzip -t: \(unzip)")
        #expect(unzip.output.contains("No errors detected"))
    }

    @Test func aDuplicateNameIsRefusedByTheWriter() throws {
        var zip = ZipStreamWriter(sink: BytesSink(), modified: Date())
        try zip.add("a.txt", bytes: [1])
        #expect(throws: BundleError.self) { try zip.add("a.txt", bytes: [2]) }
    }

    @Test func aWrongDeclaredSizeIsRefused() throws {
        var zip = ZipStreamWriter(sink: BytesSink(), modified: Date())
        #expect(throws: BundleError.self) {
            try zip.add("a.txt", size: 10) { write in try [UInt8](repeating: 1, count: 9).withUnsafeBytes { try write($0) } }
        }
    }

    @Test(arguments: ["/etc/passwd", "../escape.txt", "a/../../b", "a\\b", "./x", "a//b", "", "con\u{01}trol", "photo\u{202E}gpj.exe", "x\u{1B}]0;title\u{07}", "a/b/c/d/e"])
    func anUnsafeNameIsRefusedAndNothingIsWritten(name: String) throws {
        let path = try writeArchive([("fine.txt", [1, 2, 3]), (name, [4, 5])])
        let out = folder.appending("out-\(abs(name.hashValue))")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(throws: BundleError.self) { try SafeArchive(archiveURL: URL(fileURLWithPath: path)).unpack(into: out) }
        #expect((try FileManager.default.contentsOfDirectory(atPath: out)).isEmpty)
    }

    @Test func duplicatesDifferingOnlyInCaseAreRefused() throws {
        let path = try writeArchive([("Report.html", [1]), ("report.html", [2])])
        let out = folder.appending("dup")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(throws: BundleError.unsafeArchive("report.html appears twice")) {
            try SafeArchive(archiveURL: URL(fileURLWithPath: path)).unpack(into: out)
        }
    }

    @Test func aSymbolicLinkIsRefused() throws {
        let path = folder.appending("link.zip")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let target = Data("/etc/passwd".utf8)
        try archive.addEntry(with: "innocent.txt", type: .symlink, uncompressedSize: Int64(target.count)) { _, _ in target }
        let out = folder.appending("link-out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(throws: BundleError.unsafeArchive("innocent.txt is a link")) {
            try SafeArchive(archiveURL: URL(fileURLWithPath: path)).unpack(into: out)
        }
    }

    @Test func tooManyOrTooLargeEntriesAreRefused() throws {
        let path = try writeArchive((0..<5).map { ("f\($0).txt", [UInt8](repeating: 1, count: 100)) })
        let out = folder.appending("limits")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var few = SafeArchive(archiveURL: URL(fileURLWithPath: path))
        few.limits.maximumEntries = 4
        #expect(throws: BundleError.self) { try few.unpack(into: out) }
        var small = SafeArchive(archiveURL: URL(fileURLWithPath: path))
        small.limits.maximumEntrySize = 99
        #expect(throws: BundleError.self) { try small.unpack(into: out) }
        var total = SafeArchive(archiveURL: URL(fileURLWithPath: path))
        total.limits.maximumTotalSize = 450
        #expect(throws: BundleError.self) { try total.unpack(into: out) }
        #expect((try FileManager.default.contentsOfDirectory(atPath: out)).isEmpty)
        let all = try SafeArchive(archiveURL: URL(fileURLWithPath: path)).unpack(into: out)
        #expect(all.count == 5)
        #expect(TestFiles.mode(out + "/f0.txt") == 0o600)
    }

    @Test func aCorruptedEntryIsReportedAndItsFileRemoved() throws {
        let path = try writeArchive([("a.txt", [UInt8](repeating: 7, count: 1000))])
        var bytes = TestFiles.read(path)
        bytes[100] ^= 0xFF  // inside a.txt's data
        TestFiles.write(bytes, to: path)
        let out = folder.appending("crc")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(throws: BundleError.self) { try SafeArchive(archiveURL: URL(fileURLWithPath: path)).unpack(into: out) }
        #expect(!FileManager.default.fileExists(atPath: out + "/a.txt"))
    }

    @Test func garbageIsNotABundle() throws {
        let path = folder.appending("garbage.zip")
        TestFiles.write(SecureRandom.bytes(count: 5000), to: path)
        #expect(throws: BundleError.self) { try SafeArchive(archiveURL: URL(fileURLWithPath: path)).unpack(into: folder.path) }
    }
}
