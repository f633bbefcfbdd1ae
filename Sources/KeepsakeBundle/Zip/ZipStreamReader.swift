/// What a `ZipStreamReader` hands on, entry by entry, as the archive's bytes pass.
protocol ZipStreamConsumer: AnyObject {
    /// An entry's local header has passed; its data follows (stored bytes, or a compressed
    /// entry's bytes as they are: they are never inflated).
    func begin(_ entry: ZipLocalEntry) throws
    /// The next bytes of the current entry's data.
    func data(_ bytes: UnsafeRawBufferPointer) throws
    /// The entry's data (and data descriptor) has passed; its size and CRC-32 matched.
    func end(_ entry: ZipLocalEntry) throws
}

/// An entry as its local header described it, with the CRC-32 of the data that followed.
struct ZipLocalEntry {
    /// Where its local header starts in the archive.
    let offset: UInt64
    /// Its name as stored.
    let nameBytes: [UInt8]
    let flags: UInt16
    let method: UInt16
    /// The bytes of data that follow the header (its compressed size).
    let size: UInt64
    let uncompressedSize: UInt64
    /// Whether its local header has a ZIP64 block (its data descriptor then has 64-bit sizes).
    let hasZIP64: Bool
    /// The CRC-32 of the data, computed as it passed.
    var crc: UInt32 = 0

    /// Whether its data is stored as it is (method 0), as Keepsake writes every file.
    var isStored: Bool { method == 0 }

    /// Its name, when it is UTF-8 (flag bit 11, or plain ASCII); nil otherwise.
    var name: String? {
        guard flags & (1 << 11) != 0 || nameBytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(validating: nameBytes, as: UTF8.self)
    }

    /// Whether it is a folder (its name ends with `/`).
    var isDirectory: Bool { nameBytes.last == UInt8(ascii: "/") }

    /// Its name fit for a message.
    var printableName: String {
        SafeArchive.printable(name ?? String(decoding: nameBytes, as: UTF8.self))
    }
}

/// Reads a ZIP archive front to back as its bytes arrive (from the age decryptor), holding
/// only one header at a time, and at the end the central directory; each entry's data is
/// handed to a `ZipStreamConsumer` as it passes.
///
/// A reader that trusts local headers alone can be shown other files than a reader that goes
/// by the central directory (as ZIPFoundation and `unzip` do). So this one accepts only the
/// layout Keepsake writes, in which both readers see the same thing: entries one after
/// another from the first byte, then the central directory, its ZIP64 records if any and the
/// end record, and nothing after it. Bytes between entries, an entry the central directory
/// doesn't list (or lists twice, or where no entry starts), a name, size, CRC-32, method or
/// flag on which the local header, the data descriptor and the central directory disagree,
/// an entry whose local header doesn't give its size, an encrypted entry: each is refused.
/// `ZipCentralDirectory` checks the end. Hand-written because ZIPFoundation needs random
/// access to the whole archive (a file or `Data`), which is what this avoids.
final class ZipStreamReader {
    private enum State { case signature, localHeader, data, descriptor, tail }

    /// The most entries an archive may hold (as `SafeArchive.Limits`).
    static let maximumEntries = 100_000
    /// The largest central directory and end records held in memory (Keepsake writes about
    /// 100 bytes an entry).
    static let tailLimit = 64 << 20

    private let name: String
    private let consumer: any ZipStreamConsumer
    private var state = State.signature
    private var pending: [UInt8] = []
    /// The archive offset of the next byte not yet in `pending`, `tail` or handed on.
    private var offset: UInt64 = 0
    private var current: ZipLocalEntry?
    private var remaining: UInt64 = 0
    private var crc = CRC32()
    private var entries: [ZipLocalEntry] = []
    private var tail: [UInt8] = []
    private var tailStart: UInt64 = 0
    /// The archive's length once `finish` has returned.
    var length: UInt64 { tailStart + UInt64(tail.count) }
    /// The first problem found; every later write throws it again.
    private(set) var failure: (any Error)?

    /// A reader of the archive `name` (for messages) handing entries to `consumer`.
    init(name: String, consumer: any ZipStreamConsumer) {
        self.name = name
        self.consumer = consumer
    }

    /// The archive's next bytes.
    /// - Throws: `BundleError` for a damaged or unsafe archive, or what the consumer throws.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let failure { throw failure }
        do { try consume(bytes) } catch {
            failure = error
            throw error
        }
    }

    /// The end of the archive: checks the central directory against the entries that passed.
    /// - Returns: every entry in archive order, with what the central directory says of it.
    /// - Throws: `BundleError` when the archive is cut short, or its end disagrees with its
    ///   entries.
    func finish() throws -> [ZipStreamEntry] {
        if let failure { throw failure }
        guard state == .tail else {
            throw BundleError.notABundle("\(name) ends before its central directory: the archive is cut short")
        }
        let directory = try ZipCentralDirectory(tail, at: tailStart, name: name)
        return try directory.match(entries)
    }

    private func consume(_ bytes: UnsafeRawBufferPointer) throws {
        var position = 0
        while position < bytes.count {
            switch state {
            case .signature, .localHeader, .descriptor:
                let take = min(needed() - pending.count, bytes.count - position)
                pending += bytes[position..<position + take]
                position += take
                if pending.count == needed() { try headerComplete() }
            case .data:
                let take = Int(min(remaining, UInt64(bytes.count - position)))
                let chunk = UnsafeRawBufferPointer(rebasing: bytes[position..<position + take])
                crc.update(chunk)
                try consumer.data(chunk)
                position += take
                offset += UInt64(take)
                remaining -= UInt64(take)
                if remaining == 0 { try dataComplete() }
            case .tail:
                guard tail.count + (bytes.count - position) <= Self.tailLimit else {
                    throw BundleError.unsafeArchive("its central directory is larger than \(Self.tailLimit >> 20) MiB")
                }
                tail += bytes[position...]
                position = bytes.count
            }
        }
    }

    /// How many bytes the header being read has in all (as far as is known yet).
    private func needed() -> Int {
        switch state {
        case .signature: return 4
        case .localHeader: return pending.count < 30 ? 30 : 30 + Int(pending.u16(26)) + Int(pending.u16(28))
        case .descriptor: return current?.hasZIP64 == true ? 24 : 16
        case .data, .tail: return 0
        }
    }

    private func headerComplete() throws {
        switch state {
        case .signature:
            switch pending.u32(0) {
            case 0x0403_4B50:
                guard entries.count < Self.maximumEntries else {
                    throw BundleError.unsafeArchive("more than \(Self.maximumEntries) entries")
                }
                state = .localHeader
            case 0x0201_4B50, 0x0606_4B50, 0x0605_4B50:  // the central directory, or the end of an empty one
                state = .tail
                tail = pending
                tailStart = offset
                offset += UInt64(pending.count)
                pending = []
            default:
                throw BundleError.unsafeArchive(
                    "it has bytes at offset \(offset) that are not a listed file (hidden data between entries?)")
            }
        case .localHeader:
            try localHeaderComplete()
        case .descriptor:
            try descriptorComplete()
        case .data, .tail:
            break
        }
    }

    private func localHeaderComplete() throws {
        let header = pending
        let nameLength = Int(header.u16(26))
        // Every entry's name is kept until the end; a name no bundle path can have (see
        // `BundlePath`) is refused here, so 100,000 entries hold at most 100 MiB of names.
        guard nameLength <= 1024 else {
            throw BundleError.unsafeArchive("an entry's name is longer than 1,024 bytes, which no bundle's file has")
        }
        let extra = Array(header[(30 + nameLength)...])
        let zip64 = ZipBounds.firstZIP64Block(extra)
        let nameBytes = Array(header[30..<30 + nameLength])
        func make(_ size: UInt64, _ uncompressed: UInt64) -> ZipLocalEntry {
            ZipLocalEntry(
                offset: offset, nameBytes: nameBytes, flags: header.u16(6), method: header.u16(8), size: size,
                uncompressedSize: uncompressed, hasZIP64: zip64 != nil, crc: header.u32(14))
        }
        var size = UInt64(header.u32(18)), uncompressed = UInt64(header.u32(22))
        if header.u32(22) == .max || header.u32(18) == .max {
            // ZIP64: the sizes are in the extra field's block 1, uncompressed first.
            var at = 4
            func next() throws -> UInt64 {
                guard let zip64, at + 8 <= zip64.count else {
                    throw BundleError.notABundle("\(name) is a damaged ZIP archive (\(make(0, 0).printableName) has no ZIP64 size)")
                }
                defer { at += 8 }
                return zip64.u64(at)
            }
            if header.u32(22) == .max { uncompressed = try next() }
            if header.u32(18) == .max { size = try next() }
        }
        guard size < ZipBounds.limit, uncompressed < ZipBounds.limit else {
            throw BundleError.notABundle("\(name) is a damaged ZIP archive (a size is out of bounds)")
        }
        let entry = make(size, uncompressed)
        guard entry.flags & 1 == 0 else {
            throw BundleError.unsafeArchive("\(entry.printableName) is encrypted inside the archive, which Keepsake never does")
        }
        guard !entry.isStored || size == uncompressed else {
            throw BundleError.unsafeArchive("\(entry.printableName)'s local header gives two sizes for a stored file")
        }
        guard entry.isStored || size > 0 || entry.flags & (1 << 3) == 0 else {
            throw BundleError.unsafeArchive("\(entry.printableName) is compressed with no size given before its data, which Keepsake never writes")
        }
        offset += UInt64(header.count)
        pending = []
        current = entry
        crc = CRC32()
        remaining = size
        try consumer.begin(entry)
        state = .data
        if remaining == 0 { try dataComplete() }
    }

    private func dataComplete() throws {
        guard let entry = current else { return }
        if entry.flags & (1 << 3) != 0 {
            state = .descriptor
            return
        }
        guard crc.value == entry.crc else { throw damaged(entry) }
        try entryComplete()
    }

    /// The data descriptor after an entry whose flag bit 3 is set: it must have its signature
    /// and repeat the local header's sizes and the CRC-32 of the data. (An entry streamed
    /// with unknown sizes, 0 in its local header, is caught here: its data is taken for a
    /// descriptor, which then disagrees.)
    private func descriptorComplete() throws {
        guard var entry = current else { return }
        let bytes = pending
        let zip64 = bytes.count == 24
        let size = zip64 ? bytes.u64(8) : UInt64(bytes.u32(8))
        let uncompressed = zip64 ? bytes.u64(16) : UInt64(bytes.u32(12))
        guard bytes.u32(0) == 0x0807_4B50, size == entry.size, uncompressed == entry.uncompressedSize else {
            throw BundleError.unsafeArchive(
                "\(entry.printableName)'s data descriptor does not repeat the size its local header gives (an entry of unknown size, which Keepsake never writes?)")
        }
        guard bytes.u32(4) == crc.value else { throw damaged(entry) }
        entry.crc = crc.value
        current = entry
        offset += UInt64(bytes.count)
        pending = []
        try entryComplete()
    }

    private func entryComplete() throws {
        guard var entry = current else { return }
        entry.crc = crc.value
        entries.append(entry)
        current = nil
        state = .signature
        try consumer.end(entry)
    }

    private func damaged(_ entry: ZipLocalEntry) -> BundleError {
        BundleError.unsafeArchive("\(entry.printableName) is damaged (its CRC-32 differs)")
    }
}
