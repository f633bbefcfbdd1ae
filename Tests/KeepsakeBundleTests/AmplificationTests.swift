import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
import ZIPFoundation
@testable import KeepsakeBundle

/// A small archive must not unpack to a full disk or take minutes: compressed entries and
/// entries sharing bytes (the two ways of a zip bomb) are refused, and so are paths deeper
/// than the exporter's layout, so `open` costs the same whatever depth an attacker picks.
@Suite struct AmplificationTests {
    let folder = TemporaryFolder()

    static func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func u32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    /// A stored-only bomb: one local header and `size` bytes of data, and `names` central
    /// directory headers that all point at it. Every header says "stored", sizes and CRC-32
    /// are right, so each entry reads back intact: the archive unpacks to `names` × `size`.
    static func overlappingBomb(names: Int, size: Int) -> [UInt8] {
        let data = [UInt8](repeating: 0x41, count: size)
        let crc = CRC32.checksum(data)
        var zip = u32(0x0403_4b50) + u16(20) + u16(0) + u16(0) + u16(0) + u16(0) + u32(crc) + u32(UInt32(size)) + u32(UInt32(size))
            + u16(5) + u16(0) + Array("f0000".utf8) + data
        let directoryOffset = zip.count
        for n in 0..<names {
            let name = Array(String(format: "f%04d", n).utf8)
            zip += u32(0x0201_4b50) + u16(20) + u16(20) + u16(0) + u16(0) + u16(0) + u16(0) + u32(crc) + u32(UInt32(size))
                + u32(UInt32(size)) + u16(name.count) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + name
        }
        let directorySize = zip.count - directoryOffset
        zip += u32(0x0605_4b50) + u16(0) + u16(0) + u16(names) + u16(names) + u32(UInt32(directorySize)) + u32(UInt32(directoryOffset)) + u16(0)
        return zip
    }

    func unpack(_ path: String, _ name: String) throws -> (Result<[String], any Error>, String) {
        let out = folder.appending(name)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let result = Result { try SafeArchive(archiveURL: URL(fileURLWithPath: path)).unpack(into: out) }
        return (result, out)
    }

    @Test func aStoredBomb200To1IsRefusedWithNothingWritten() throws {
        let bomb = Self.overlappingBomb(names: 200, size: 64 << 10)  // 12.8 MiB from 74 KiB
        let path = folder.appending("bomb.zip")
        TestFiles.write(bomb, to: path)
        // The archive really is that: ZIPFoundation lists 200 intact stored entries.
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let listed = Array(archive)
        #expect(listed.count == 200 && listed.allSatisfy { !$0.isCompressed })
        #expect(listed.reduce(0) { $0 + $1.uncompressedSize } >= 200 * UInt64(bomb.count) / 2)

        let (result, out) = try unpack(path, "bomb-out")
        #expect(throws: BundleError.unsafeArchive("two entries share the same bytes (a zip bomb?)")) { try result.get() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        #expect(throws: BundleError.self) { try BundleArchive(path: path) }
        #expect(throws: BundleError.self) { try BundleArchive(path: path, data: Data(bomb)) }
        #expect(BundleFuzzing.planUnpacking(Data(bomb)) == nil)
    }

    @Test func aCompressedEntryIsRefused() throws {
        let path = folder.appending("deflated.zip")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let zeros = Data(count: 4 << 20)  // 4 MiB of zeros deflate to a few KiB
        try archive.addEntry(with: "report.html", type: .file, uncompressedSize: Int64(zeros.count), compressionMethod: .deflate) { position, size in
            zeros.subdata(in: Int(position)..<Int(position) + size)
        }
        let (result, out) = try unpack(path, "deflated-out")
        #expect(throws: BundleError.unsafeArchive("report.html is compressed, which Keepsake never does (a zip bomb?)")) { try result.get() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        #expect(throws: BundleError.self, "read in place, it adds up to more than the archive") { try BundleArchive(path: path) }
    }

    @Test func filesAddingUpToMoreThanTheArchiveAreRefused() throws {
        let path = folder.appending("sizes.zip")
        var zip = ZipStreamWriter(sink: BytesSink(), modified: Date())
        try zip.add("a.txt", bytes: [UInt8](repeating: 1, count: 1000))
        try zip.finish()
        TestFiles.write(zip.sink.bytes, to: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let safe = SafeArchive(archiveURL: URL(fileURLWithPath: path))
        #expect(throws: BundleError.unsafeArchive("its files add up to more than the archive holds (a zip bomb?)")) {
            try safe.plan(Array(archive), archiveSize: 999)
        }
        #expect(try safe.plan(Array(archive), archiveSize: UInt64(zip.sink.bytes.count)).count == 1)
    }

    @Test func twentyThousandFilesAtDepth500AreRefusedInSeconds() throws {
        let path = folder.appending("deep.zip")
        var zip = ZipStreamWriter(sink: BytesSink(), modified: Date())
        let deep = String(repeating: "d/", count: 499)  // 500 components, 1,000 bytes
        for n in 0..<20_000 { try zip.add(deep + String(n), bytes: [UInt8(n & 0xFF)]) }
        try zip.finish()
        TestFiles.write(zip.sink.bytes, to: path)
        #expect(zip.sink.bytes.count > 40_000_000)
        let started = Date()
        let (result, out) = try unpack(path, "deep-out")
        #expect(throws: BundleError.unsafeArchive(SafeArchive.printable(deep + "0") + " is 500 levels deep; a bundle's files are at most 4 levels deep")) {
            try result.get()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        #expect(Date().timeIntervalSince(started) < 10, "refusing took \(Date().timeIntervalSince(started)) s")
    }
}
