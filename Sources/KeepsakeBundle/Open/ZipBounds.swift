import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A check made on an archive from outside before ZIPFoundation reads it.
///
/// ZIPFoundation (0.9.20) converts the 64-bit sizes and offsets of ZIP64 records to `off_t` and
/// adds them without checking, so a hostile archive with a value of 2⁶³ or more stops the
/// program; and its in-memory reader stops it when told to seek past the end (both found by
/// fuzzing; see `Fuzz/` and `ZipBoundsTests`). This walks the same structures ZIPFoundation
/// will read, in the same order (end of central directory, its ZIP64 record, each central
/// directory header, its local header, its data and data descriptor) and refuses the archive
/// when one of them lies past the end, or when any 64-bit value there is 2⁶² or more: far
/// beyond any real archive, and small enough that no sum ZIPFoundation forms can overflow.
/// It also refuses two entries that share bytes (`checkApart`), the zip bomb made of stored
/// entries only.
enum ZipBounds {
    /// The bound every 64-bit value must stay below.
    static let limit: UInt64 = 1 << 62

    /// Random access to an archive's bytes.
    protocol Bytes {
        /// The archive's length.
        var count: UInt64 { get }
        /// `length` bytes from `offset`, or nil when they are not all there.
        func read(_ offset: UInt64, _ length: Int) -> [UInt8]?
    }

    /// Bytes held in memory.
    struct InMemory: Bytes {
        let data: Data
        var count: UInt64 { UInt64(data.count) }
        func read(_ offset: UInt64, _ length: Int) -> [UInt8]? {
            guard offset <= count, UInt64(length) <= count - offset else { return nil }
            let start = data.startIndex + Int(offset)
            return Array(data[start..<start + length])
        }
    }

    /// A file read with `pread`.
    final class InFile: Bytes {
        let descriptor: Int32
        let count: UInt64

        init?(path: String) {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            var info = stat()
            guard fstat(descriptor, &info) == 0 else {
                close(descriptor)
                return nil
            }
            count = UInt64(max(0, info.st_size))
        }

        deinit { close(descriptor) }

        func read(_ offset: UInt64, _ length: Int) -> [UInt8]? {
            guard offset <= count, UInt64(length) <= count - offset else { return nil }
            var out = [UInt8](repeating: 0, count: length)
            var done = 0
            while done < length {
                let n = out.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, length - done, off_t(offset) + off_t(done)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return nil }
                done += n
            }
            return out
        }
    }

    /// Checks the archive at `path`; a file that can't be opened is left for ZIPFoundation to
    /// report.
    /// - Throws: `BundleError.notABundle` naming the out-of-bounds value.
    static func check(path: String) throws {
        guard let file = InFile(path: path) else { return }
        try check(file, name: path)
    }

    /// Checks an archive held in memory.
    /// - Throws: `BundleError.notABundle` naming the out-of-bounds value.
    static func check(data: Data, name: String) throws {
        try check(InMemory(data: data), name: name)
    }

    static func check(_ bytes: some Bytes, name: String) throws {
        var spans: [Range<UInt64>] = []
        try walk(bytes, name: name, spans: &spans)
        try checkApart(spans)
    }

    /// Refuses two entries whose local header and data share bytes: the trick of a zip bomb
    /// made of stored entries only (many names pointing at one block of data), which makes a
    /// small archive unpack to far more than its size. Entries that are apart and stored can
    /// unpack to no more than the archive holds.
    /// - Throws: `BundleError.unsafeArchive`.
    static func checkApart(_ spans: [Range<UInt64>]) throws {
        let sorted = spans.sorted { $0.lowerBound < $1.lowerBound }
        for (first, second) in zip(sorted, sorted.dropFirst()) where second.lowerBound < first.upperBound {
            throw BundleError.unsafeArchive("two entries share the same bytes (a zip bomb?)")
        }
    }

    /// Walks the archive's structures, checking their bounds, and collects each entry's span
    /// (local header and data) as ZIPFoundation will read it; stops quietly where a structure
    /// is not there, leaving ZIPFoundation to report it.
    private static func walk(_ bytes: some Bytes, name: String, spans: inout [Range<UInt64>]) throws {
        func refuse(_ what: String) -> BundleError {
            BundleError.notABundle("\(name) is a damaged ZIP archive (\(what) is out of bounds)")
        }
        func bounded(_ value: UInt64, _ what: String) throws {
            guard value < limit else { throw refuse(what) }
        }
        guard let end = endOfCentralDirectory(bytes), let eocd = bytes.read(end, 22) else { return }
        var entries = UInt64(eocd.u16(10))
        var directory = UInt64(eocd.u32(16))
        // The ZIP64 record sits right before its locator, right before the end record.
        if end > 76, let record = bytes.read(end - 76, 56), record.u32(0) == 0x0606_4b50 {
            for (offset, what) in [(24, "the entry count"), (32, "the entry count"), (40, "the directory size"), (48, "the directory offset")] {
                try bounded(record.u64(offset), what)
            }
            if let locator = bytes.read(end - 20, 20), locator.u32(0) == 0x0706_4b50, record.u16(14) >= 45 {
                entries = record.u64(32)
                directory = record.u64(48)
            }
        }
        func within(_ offset: UInt64, _ what: String) throws {
            guard offset <= bytes.count else { throw refuse(what) }  // a seek past the end
        }
        var index: UInt64 = 0
        while index < entries {
            try within(directory, "the central directory")
            guard let header = bytes.read(directory, 46), header.u32(0) == 0x0201_4b50 else { return }
            let (nameLength, extraLength, commentLength) = (header.u16(28), header.u16(30), header.u16(32))
            guard let extra = bytes.read(directory + 46 + UInt64(nameLength), Int(extraLength)),
                bytes.read(directory + 46, Int(nameLength) + Int(extraLength) + Int(commentLength)) != nil
            else { return }
            let info = try zip64Information(extra, header: header, bounded: bounded)
            let isZIP64 = header[6] >= 45 || info != nil
            func effective(_ value64: UInt64?, _ value32: UInt32) -> UInt64 {
                if isZIP64, let value64, value64 > 0 { return value64 }
                return UInt64(value32)
            }
            let localOffset = effective(info?.localOffset, header.u32(42))
            try within(localOffset, "a local header")
            guard let local = bytes.read(localOffset, 30), local.u32(0) == 0x0403_4b50,
                let localExtra = bytes.read(localOffset + 30 + UInt64(local.u16(26)), Int(local.u16(28)))
            else { return }
            try checkAllZIP64Values(localExtra, bounded: bounded)
            let dataOffset = localOffset + 30 + UInt64(local.u16(26)) + UInt64(local.u16(28))
            try within(dataOffset, "an entry's data")
            let stored = header.u16(10) == 0
            let dataSize = stored ? effective(info?.uncompressed, header.u32(24)) : effective(info?.compressed, header.u32(20))
            spans.append(localOffset..<dataOffset + dataSize)
            if header.u16(8) & (1 << 3) != 0 {
                let compressed = header.u16(10) != 0
                let size = compressed ? effective(info?.compressed, header.u32(20)) : effective(info?.uncompressed, header.u32(24))
                try within(dataOffset + size, "a data descriptor")
                if isZIP64, let descriptor = bytes.read(dataOffset + size, 24) {
                    let start = descriptor.u32(0) == 0x0807_4b50 ? 4 : 0
                    try bounded(descriptor.u64(start + 4), "a data descriptor's size")
                    try bounded(descriptor.u64(start + 12), "a data descriptor's size")
                }
            }
            directory += 46 + UInt64(nameLength) + UInt64(extraLength) + UInt64(commentLength)
            index += 1
        }
    }

    /// Where ZIPFoundation finds the end of the central directory: the last signature at or
    /// before 22 bytes from the end.
    static func endOfCentralDirectory(_ bytes: some Bytes) -> UInt64? {
        guard bytes.count >= 22 else { return nil }
        let block = 1 << 16
        var high = bytes.count - 22  // the highest position a record can start at
        while true {
            let low = high >= UInt64(block) ? high - UInt64(block) : 0
            guard let chunk = bytes.read(low, Int(high - low) + 4) else { return nil }
            var position = chunk.count - 4
            while position >= 0 {
                if chunk.u32(position) == 0x0605_4b50 { return low + UInt64(position) }
                position -= 1
            }
            if low == 0 { return nil }
            high = low - 1
        }
    }

    /// The ZIP64 extended information of a central directory header as ZIPFoundation reads it
    /// (the first block with id 1, holding exactly the fields whose 32-bit values are all ones),
    /// after checking every 64-bit value of that block.
    static func zip64Information(
        _ extra: [UInt8], header: [UInt8], bounded: (UInt64, String) throws -> Void
    ) throws -> (uncompressed: UInt64?, compressed: UInt64?, localOffset: UInt64?)? {
        try checkAllZIP64Values(extra, bounded: bounded)
        guard let block = firstZIP64Block(extra) else { return nil }
        let wantUncompressed = header.u32(24) == .max, wantCompressed = header.u32(20) == .max
        let wantOffset = header.u32(42) == .max, wantDisk = header.u16(34) == .max
        let expected = 4 + (wantUncompressed ? 8 : 0) + (wantCompressed ? 8 : 0) + (wantOffset ? 8 : 0) + (wantDisk ? 4 : 0)
        guard block.count == expected else { return nil }
        var offset = 4
        func next(_ wanted: Bool) -> UInt64? {
            guard wanted else { return nil }
            defer { offset += 8 }
            return block.u64(offset)
        }
        let uncompressed = next(wantUncompressed)
        let compressed = next(wantCompressed)
        return (uncompressed ?? 0, compressed ?? 0, next(wantOffset) ?? 0)
    }

    /// Checks every 64-bit value the ZIP64 block of an extra field could hold, whichever fields
    /// it is read for.
    static func checkAllZIP64Values(_ extra: [UInt8], bounded: (UInt64, String) throws -> Void) throws {
        guard let block = firstZIP64Block(extra) else { return }
        var offset = 4
        while offset + 8 <= block.count {
            try bounded(block.u64(offset), "a ZIP64 size or offset")
            offset += 8
        }
    }

    /// The first extra-field block with id 1 (ZIP64), walking the blocks as ZIPFoundation does.
    static func firstZIP64Block(_ extra: [UInt8]) -> [UInt8]? {
        var offset = 0
        while offset < extra.count - 4 {
            let size = Int(extra.u16(offset + 2))
            let next = offset + 4 + size
            guard next <= extra.count else { return nil }
            if extra.u16(offset) == 1 { return Array(extra[offset..<next]) }
            offset = next
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integers at `offset` (the caller checks the length).
    func u16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func u32(_ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[offset + $1]) << (8 * $1) }
    }
    func u64(_ offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(self[offset + $1]) << (8 * $1) }
    }
}
