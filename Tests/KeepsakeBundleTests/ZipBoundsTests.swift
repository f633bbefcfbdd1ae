import Foundation
import KeepsakeTestSupport
import Testing
@testable import KeepsakeBundle

/// Regression tests for what fuzzing the bundle reader found (`Fuzz/run.sh bundle-archive`):
/// archives that stopped the program inside ZIPFoundation. Each must now be a clean error or
/// an empty listing, read from memory (as a sealed bundle is verified) and from a file (as
/// `verify` and `open` read one), and the archives we write must still read.
@Suite struct ZipBoundsTests {
    // Little-endian pieces of ZIP records.
    static func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func u32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    static func u64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    static let content = Array("hello".utf8)
    static let crc: UInt32 = 0x3610_A686  // CRC-32 of "hello"
    /// A stored entry "a" at offset 0.
    static func local(method: Int = 0) -> [UInt8] {
        u32(0x0403_4b50) + u16(20) + u16(0) + u16(method) + u16(0) + u16(0) + u32(crc) + u32(5) + u32(5) + u16(1) + u16(0)
            + Array("a".utf8) + content
    }
    /// Its central directory header, with ZIP64 extra fields and flags as given.
    static func central(version: Int = 20, flags: Int = 0, method: Int = 0, compressed: UInt32 = 5, uncompressed: UInt32 = 5,
                        localOffset: UInt32 = 0, extra: [UInt8] = []) -> [UInt8] {
        u32(0x0201_4b50) + u16(version) + u16(version) + u16(flags) + u16(method) + u16(0) + u16(0) + u32(crc)
            + u32(compressed) + u32(uncompressed) + u16(1) + u16(extra.count) + u16(0) + u16(0) + u16(0) + u32(0) + u32(localOffset)
            + Array("a".utf8) + extra
    }
    static func end(entries: Int, directorySize: Int, directoryOffset: UInt32) -> [UInt8] {
        u32(0x0605_4b50) + u16(0) + u16(0) + u16(entries) + u16(entries) + u32(UInt32(directorySize)) + u32(directoryOffset) + u16(0)
    }
    /// One entry with a ZIP64 end record whose directory offset is `offset`.
    static func zip64End(directoryOffset offset: UInt64) -> [UInt8] {
        let head = local(), directory = central()
        let record = u32(0x0606_4b50) + u64(44) + u16(45) + u16(45) + u32(0) + u32(0) + u64(1) + u64(1)
            + u64(UInt64(directory.count)) + u64(offset)
        let locator = u32(0x0706_4b50) + u32(0) + u64(UInt64(head.count + directory.count)) + u32(1)
        let end = u32(0x0605_4b50) + u16(0) + u16(0) + u16(0xFFFF) + u16(0xFFFF) + u32(.max) + u32(.max) + u16(0)
        return head + directory + record + locator + end
    }
    /// One entry whose central header carries `extra` (ZIP64 values).
    static func withExtra(_ directory: [UInt8], local head: [UInt8] = local()) -> [UInt8] {
        head + directory + end(entries: 1, directorySize: directory.count, directoryOffset: UInt32(head.count))
    }

    /// Every input that once stopped the program, by seed name in Fixtures/fuzz/bundle-archive.
    static let regressions: [String: [UInt8]] = [
        // Found by libFuzzer in seconds: an end record pointing past the data made
        // ZIPFoundation's in-memory reader build an invalid range.
        "crash-memory-seek-past-end.zip": Hex.decode(
            "4f414141414141414141ffffff41ff52610000000000000000504b0506000f000000002e00000000000008000000000000000041ff52ff52616eff4f2a410a"),
        // ZIP64 values of 2^63 and more: ZIPFoundation's conversions to off_t and its sums trap.
        "crash-zip64-directory-offset-2p63.zip": zip64End(directoryOffset: 1 << 63),
        "crash-zip64-directory-offset-max.zip": zip64End(directoryOffset: .max),
        "crash-zip64-local-offset-max.zip": withExtra(central(version: 45, localOffset: .max, extra: u16(1) + u16(8) + u64(.max - 15))),
        "crash-zip64-local-offset-2p63.zip": withExtra(central(version: 45, localOffset: .max, extra: u16(1) + u16(8) + u64(1 << 63))),
        "crash-zip64-descriptor-sizes-max.zip": withExtra(central(
            version: 45, flags: 8, compressed: .max, uncompressed: .max, extra: u16(1) + u16(16) + u64(.max - 7) + u64(.max - 7))),
    ]

    /// Reads `bytes` every way the program reads an archive from outside.
    func readEveryWay(_ bytes: [UInt8], _ label: String) throws -> (inMemory: Result<[String], Error>, fromFile: Result<[String], Error>, unpacked: Result<[String], Error>) {
        let folder = TemporaryFolder()
        let file = folder.appending("input.zip")
        TestFiles.write(bytes, to: file)
        let destination = folder.appending("out")
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: false)
        let inMemory = Result { try BundleArchive(path: label, data: Data(bytes)).listing().files }
        let fromFile = Result { try BundleArchive(path: file).listing().files }
        let unpacked = Result { try SafeArchive(archiveURL: URL(fileURLWithPath: file)).unpack(into: destination) }
        _ = BundleFuzzing.planUnpacking(Data(bytes))
        return (inMemory, fromFile, unpacked)
    }

    @Test func archivesThatOnceStoppedTheProgramAreCleanErrors() throws {
        for (name, bytes) in Self.regressions.sorted(by: { $0.key < $1.key }) {
            let (inMemory, fromFile, unpacked) = try readEveryWay(bytes, name)
            if name.contains("zip64") {
                for result in [inMemory, fromFile, unpacked] {
                    #expect(throws: BundleError.self, "\(name)") { try result.get() }
                }
            } else {
                #expect((try? inMemory.get()) ?? [] == [], "\(name)")
                #expect((try? fromFile.get()) ?? [] == [], "\(name)")
            }
        }
    }

    @Test func anythingPastTheEndIsRefusedBeforeZIPFoundationSeeksThere() throws {
        // ZIPFoundation's in-memory reader traps on a seek past the end (on Linux the bytes are
        // read through an in-memory file instead; elsewhere this check is what keeps it safe).
        let pastDirectory = Self.local() + Self.central() + Self.end(entries: 1, directorySize: 47, directoryOffset: 1_000_000)
        let pastLocalHeader = Self.withExtra(Self.central(localOffset: 1_000_000))
        let pastDescriptor = Self.withExtra(Self.central(flags: 8, compressed: 900_000, uncompressed: 900_000))
        for (label, bytes) in [("directory", pastDirectory), ("local header", pastLocalHeader), ("descriptor", pastDescriptor)] {
            #expect(throws: BundleError.self, "\(label)") { try ZipBounds.check(data: Data(bytes), name: label) }
            let (inMemory, fromFile, unpacked) = try readEveryWay(bytes, label)
            for result in [inMemory, fromFile, unpacked] {
                #expect(throws: BundleError.self, "\(label)") { try result.get() }
            }
        }
    }

    @Test func aHugeCompressedSizeNoLongerOverflowsTheZipBombCheck() throws {
        // 2^60 compressed bytes: in bounds for ZipBounds, but times 200 it overflowed UInt64
        // in the ratio check there once was. Compressed entries are now refused outright
        // (Keepsake stores every file): planning refuses it, without trapping.
        let directory = Self.central(version: 45, method: 8, compressed: .max, extra: Self.u16(1) + Self.u16(8) + Self.u64(1 << 60))
        let bytes = Self.withExtra(directory, local: Self.local(method: 8))
        #expect(BundleFuzzing.planUnpacking(Data(bytes)) == nil)
        let (_, _, unpacked) = try readEveryWay(bytes, "huge compressed size")
        #expect(throws: BundleError.self) { try unpacked.get() }
    }

    /// Their one entry is named "a": a one-character name once trapped in `open`'s unpacking
    /// (NSString.deletingLastPathComponent on Linux).
    @Test func wellFormedArchivesWithAndWithoutZIP64StillReadAndUnpack() throws {
        let plain = Self.withExtra(Self.central())
        let zip64 = Self.zip64End(directoryOffset: UInt64(Self.local().count))
        let zip64Extra = Self.withExtra(Self.central(
            version: 45, compressed: .max, uncompressed: .max, extra: Self.u16(1) + Self.u16(16) + Self.u64(5) + Self.u64(5)))
        for (label, bytes) in [("plain", plain), ("zip64 end", zip64), ("zip64 extra", zip64Extra)] {
            let (inMemory, fromFile, unpacked) = try readEveryWay(bytes, label)
            #expect(try inMemory.get() == ["a"], "\(label)")
            #expect(try fromFile.get() == ["a"], "\(label)")
            #expect(try unpacked.get() == ["a"], "\(label)")
        }
    }
}
