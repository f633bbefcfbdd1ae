import Foundation
import KeepsakeCrypto

/// Writes a ZIP archive front to back into any `ByteSink` (here: the age encryptor), so a
/// bundle with gigabytes of attachments never exists in clear on disk or whole in memory.
///
/// Every entry is stored (method 0: photos and videos are already compressed, and stored
/// entries open everywhere), with its size known before it is written and its CRC-32 in a
/// data descriptor after it. ZIP64 records are added where a size or offset needs them.
/// Names are UTF-8 (flag bit 11). Reading archives is left to ZIPFoundation.
struct ZipStreamWriter<Sink: ByteSink> {
    private struct Written {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt64
        var offset: UInt64
    }

    private(set) var sink: Sink
    private var offset: UInt64 = 0
    private var entries: [Written] = []
    private var names = Set<String>()
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// Starts an archive whose entries carry `modified` as their time (UTC).
    init(sink: Sink, modified: Date) {
        self.sink = sink
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: modified)
        dosTime = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        dosDate = UInt16(max(0, (c.year ?? 1980) - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
    }

    /// Adds an entry from memory.
    mutating func add(_ name: String, bytes: [UInt8]) throws {
        try add(name, size: UInt64(bytes.count)) { write in try bytes.withUnsafeBytes { try write($0) } }
    }

    /// Adds an entry of exactly `size` bytes, which `produce` writes through the closure it
    /// is given (in any number of calls).
    /// - Throws: `BundleError.internalInconsistency` when `produce` writes another size; a
    ///   duplicate name; or what the sink throws.
    mutating func add(
        _ name: String, size: UInt64,
        produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        guard names.insert(name).inserted else { throw BundleError.internalInconsistency("duplicate name \(name) in the archive") }
        let nameBytes = Array(name.utf8)
        let zip64 = size >= 0xFFFF_FFFF
        var header = ByteWriter()
        header.u32(0x0403_4B50)
        header.u16(zip64 ? 45 : 20)
        header.u16(1 << 3 | 1 << 11)
        header.u16(0)
        header.u16(dosTime)
        header.u16(dosDate)
        header.u32(0)
        header.u32(zip64 ? 0xFFFF_FFFF : UInt32(size))
        header.u32(zip64 ? 0xFFFF_FFFF : UInt32(size))
        header.u16(UInt16(nameBytes.count))
        header.u16(zip64 ? 20 : 0)
        header.bytes(nameBytes)
        if zip64 {
            header.u16(1)
            header.u16(16)
            header.u64(size)
            header.u64(size)
        }
        let start = offset
        try emit(header.buffer)
        var crc = CRC32()
        var written: UInt64 = 0
        var sinkError: (any Error)?
        try produce { chunk in
            crc.update(chunk)
            written += UInt64(chunk.count)
            do { try sink.write(chunk) } catch { sinkError = error; throw error }
        }
        if let sinkError { throw sinkError }
        guard written == size else {
            throw BundleError.internalInconsistency("\(name): expected \(size) bytes, got \(written)")
        }
        offset += written
        var descriptor = ByteWriter()
        descriptor.u32(0x0807_4B50)
        descriptor.u32(crc.value)
        if zip64 {
            descriptor.u64(size)
            descriptor.u64(size)
        } else {
            descriptor.u32(UInt32(size))
            descriptor.u32(UInt32(size))
        }
        try emit(descriptor.buffer)
        entries.append(Written(name: nameBytes, crc: crc.value, size: size, offset: start))
    }

    /// Writes the central directory and the end records.
    mutating func finish() throws {
        let directoryStart = offset
        for entry in entries {
            let bigSize = entry.size >= 0xFFFF_FFFF
            let bigOffset = entry.offset >= 0xFFFF_FFFF
            var extra = ByteWriter()
            if bigSize || bigOffset {
                extra.u16(1)
                extra.u16(UInt16((bigSize ? 16 : 0) + (bigOffset ? 8 : 0)))
                if bigSize {
                    extra.u64(entry.size)
                    extra.u64(entry.size)
                }
                if bigOffset { extra.u64(entry.offset) }
            }
            var record = ByteWriter()
            record.u32(0x0201_4B50)
            record.u16(3 << 8 | 45)  // made by Unix, spec 4.5
            record.u16(bigSize || bigOffset ? 45 : 20)
            record.u16(1 << 3 | 1 << 11)
            record.u16(0)
            record.u16(dosTime)
            record.u16(dosDate)
            record.u32(entry.crc)
            record.u32(bigSize ? 0xFFFF_FFFF : UInt32(entry.size))
            record.u32(bigSize ? 0xFFFF_FFFF : UInt32(entry.size))
            record.u16(UInt16(entry.name.count))
            record.u16(UInt16(extra.buffer.count))
            record.u16(0)
            record.u16(0)
            record.u16(0)
            record.u32(UInt32(0o100644) << 16)
            record.u32(bigOffset ? 0xFFFF_FFFF : UInt32(entry.offset))
            record.bytes(entry.name)
            record.bytes(extra.buffer)
            try emit(record.buffer)
        }
        let directorySize = offset - directoryStart
        let count = UInt64(entries.count)
        let needs64 = count >= 0xFFFF || directorySize >= 0xFFFF_FFFF || directoryStart >= 0xFFFF_FFFF
        var end = ByteWriter()
        if needs64 {
            let recordStart = offset
            end.u32(0x0606_4B50)
            end.u64(44)
            end.u16(3 << 8 | 45)
            end.u16(45)
            end.u32(0)
            end.u32(0)
            end.u64(count)
            end.u64(count)
            end.u64(directorySize)
            end.u64(directoryStart)
            end.u32(0x0706_4B50)
            end.u32(0)
            end.u64(recordStart)
            end.u32(1)
        }
        end.u32(0x0605_4B50)
        end.u16(0)
        end.u16(0)
        end.u16(needs64 ? 0xFFFF : UInt16(count))
        end.u16(needs64 ? 0xFFFF : UInt16(count))
        end.u32(needs64 ? 0xFFFF_FFFF : UInt32(directorySize))
        end.u32(needs64 ? 0xFFFF_FFFF : UInt32(directoryStart))
        end.u16(0)
        try emit(end.buffer)
    }

    private mutating func emit(_ bytes: [UInt8]) throws {
        try sink.write(bytes)
        offset += UInt64(bytes.count)
    }
}

/// Little-endian fields into a byte buffer.
struct ByteWriter {
    var buffer: [UInt8] = []
    mutating func u16(_ v: UInt16) { buffer += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { buffer.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { buffer.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    mutating func bytes(_ b: [UInt8]) { buffer += b }
}
