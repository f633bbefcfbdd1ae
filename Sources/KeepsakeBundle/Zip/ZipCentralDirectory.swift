/// An entry of an archive read by `ZipStreamReader`: its local header and data as they passed,
/// and what the central directory says of it (they agree on everything both say).
struct ZipStreamEntry {
    let local: ZipLocalEntry
    /// Whether the central directory marks it as a symbolic link (Unix mode S_IFLNK).
    let isSymlink: Bool
}

/// The end of an archive read as a stream: the central directory, the ZIP64 end record and
/// locator if any, and the end record, which must be all that follows the last entry, end
/// exactly where the archive ends, and agree with the entries that passed (`match`).
struct ZipCentralDirectory {
    struct Record {
        let nameBytes: [UInt8]
        let flags: UInt16
        let method: UInt16
        let crc: UInt32
        let size: UInt64
        let uncompressedSize: UInt64
        let localOffset: UInt64
        let isSymlink: Bool
    }

    let records: [Record]
    private let name: String

    /// Reads the bytes from the first central directory header (at archive offset `start`) to
    /// the end of the archive.
    /// - Throws: `BundleError` when they are damaged, hold anything else, or don't say the
    ///   directory is where and as large as it is.
    init(_ bytes: [UInt8], at start: UInt64, name: String) throws {
        self.name = name
        func damaged(_ what: String) -> BundleError { BundleError.notABundle("\(name) is a damaged ZIP archive (\(what))") }
        var records: [Record] = []
        var position = 0
        while position + 4 <= bytes.count && bytes.u32(position) == 0x0201_4B50 {
            guard position + 46 <= bytes.count else { throw damaged("its central directory is cut short") }
            let header = Array(bytes[position..<position + 46])
            let (nameLength, extraLength, commentLength) = (Int(header.u16(28)), Int(header.u16(30)), Int(header.u16(32)))
            let end = position + 46 + nameLength + extraLength + commentLength
            guard end <= bytes.count else { throw damaged("its central directory is cut short") }
            let extra = Array(bytes[position + 46 + nameLength..<position + 46 + nameLength + extraLength])
            let info = try ZipBounds.zip64Information(extra, header: header) { value, what in
                guard value < ZipBounds.limit else { throw damaged("\(what) is out of bounds") }
            }
            func value(_ value32: UInt32, _ value64: UInt64?) throws -> UInt64 {
                guard value32 == .max else { return UInt64(value32) }
                guard let value64 else { throw damaged("a ZIP64 size or offset is missing") }
                return value64
            }
            guard header.u16(34) == 0 else { throw damaged("it says it spans several disks") }
            let madeBy = header.u16(4) >> 8, mode = header.u32(38) >> 16
            records.append(Record(
                nameBytes: Array(bytes[position + 46..<position + 46 + nameLength]), flags: header.u16(8),
                method: header.u16(10), crc: header.u32(16), size: try value(header.u32(20), info?.compressed),
                uncompressedSize: try value(header.u32(24), info?.uncompressed),
                localOffset: try value(header.u32(42), info?.localOffset),
                isSymlink: madeBy == 3 && mode & 0o170000 == 0o120000))
            guard records.count <= ZipStreamReader.maximumEntries else {
                throw BundleError.unsafeArchive("more than \(ZipStreamReader.maximumEntries) entries")
            }
            position = end
        }
        let directorySize = UInt64(position)
        var zip64: (count: UInt64, size: UInt64, offset: UInt64)?
        if position + 4 <= bytes.count && bytes.u32(position) == 0x0606_4B50 {
            guard position + 56 + 20 <= bytes.count else { throw damaged("its ZIP64 end record is cut short") }
            let recordStart = start + UInt64(position)
            let length = bytes.u64(position + 4)
            guard length == 44, bytes.u32(position + 16) == 0, bytes.u32(position + 20) == 0,
                bytes.u64(position + 24) == bytes.u64(position + 32)
            else { throw damaged("its ZIP64 end record is not one Keepsake reads") }
            zip64 = (bytes.u64(position + 32), bytes.u64(position + 40), bytes.u64(position + 48))
            position += 56
            guard bytes.u32(position) == 0x0706_4B50, bytes.u32(position + 4) == 0, bytes.u64(position + 8) == recordStart,
                bytes.u32(position + 16) <= 1
            else { throw damaged("its ZIP64 locator does not point at its ZIP64 end record") }
            position += 20
        }
        guard position + 22 <= bytes.count, bytes.u32(position) == 0x0605_4B50 else {
            throw BundleError.unsafeArchive("it has bytes after its central directory that are not its end record")
        }
        let comment = Int(bytes.u16(position + 20))
        guard position + 22 + comment == bytes.count else {
            throw BundleError.unsafeArchive("it has bytes after its end record")
        }
        guard !bytes[(position + 22)...].containsSignature else {
            throw BundleError.unsafeArchive("its comment holds a ZIP record, so other programs could read it differently")
        }
        guard bytes.u16(position + 4) == 0, bytes.u16(position + 6) == 0, bytes.u16(position + 8) == bytes.u16(position + 10) else {
            throw damaged("it says it spans several disks")
        }
        func resolved(_ value32: UInt64, _ all: UInt64, _ value64: UInt64?) throws -> UInt64 {
            guard value32 == all else { return value32 }
            guard let value64 else { throw damaged("its ZIP64 end record is missing") }
            return value64
        }
        let count = try resolved(UInt64(bytes.u16(position + 10)), 0xFFFF, zip64?.count)
        let size = try resolved(UInt64(bytes.u32(position + 12)), 0xFFFF_FFFF, zip64?.size)
        let offset = try resolved(UInt64(bytes.u32(position + 16)), 0xFFFF_FFFF, zip64?.offset)
        guard count == UInt64(records.count), size == directorySize, offset == start else {
            throw BundleError.unsafeArchive(
                "its end record does not describe its central directory (\(count) entries, \(size) bytes at offset \(offset); found \(records.count), \(directorySize) at \(start))")
        }
        self.records = records
    }

    /// Pairs each record with the entry that passed at its offset: every entry must be listed
    /// exactly once, with the same name, flags, method, CRC-32 and sizes as its local header.
    /// - Returns: the entries in archive order.
    /// - Throws: `BundleError.unsafeArchive` naming the first disagreement.
    func match(_ entries: [ZipLocalEntry]) throws -> [ZipStreamEntry] {
        var index: [UInt64: Int] = [:]
        for (i, entry) in entries.enumerated() { index[entry.offset] = i }
        var symlinks = [Bool](repeating: false, count: entries.count)
        var listed = [Bool](repeating: false, count: entries.count)
        for record in records {
            guard let i = index[record.localOffset], !listed[i] else {
                throw BundleError.unsafeArchive("its central directory lists an entry where none starts (offset \(record.localOffset))")
            }
            listed[i] = true
            let local = entries[i]
            guard record.nameBytes == local.nameBytes else {
                let central = SafeArchive.printable(String(decoding: record.nameBytes, as: UTF8.self))
                throw BundleError.unsafeArchive(
                    "the entry \(local.printableName) is named \(central) in the central directory: the two disagree")
            }
            guard record.flags == local.flags, record.method == local.method, record.crc == local.crc,
                record.size == local.size, record.uncompressedSize == local.uncompressedSize
            else {
                throw BundleError.unsafeArchive(
                    "\(local.printableName): its local header and the central directory disagree (size, CRC-32, method or flags)")
            }
            symlinks[i] = record.isSymlink
        }
        if let unlisted = listed.firstIndex(of: false) {
            throw BundleError.unsafeArchive(
                "\(entries[unlisted].printableName) is in the archive but not in its central directory (a hidden file?)")
        }
        return entries.indices.map { ZipStreamEntry(local: entries[$0], isSymlink: symlinks[$0]) }
    }
}

extension ArraySlice where Element == UInt8 {
    /// Whether a ZIP end record's signature (`PK` 5 6, 6 6 or 6 7) is anywhere in these bytes.
    fileprivate var containsSignature: Bool {
        var i = startIndex
        while i + 3 < endIndex {
            if self[i] == 0x50, self[i + 1] == 0x4B, [5, 6].contains(self[i + 2]), [6, 7].contains(self[i + 3]) { return true }
            i += 1
        }
        return false
    }
}
