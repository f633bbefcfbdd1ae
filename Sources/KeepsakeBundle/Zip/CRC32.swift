import CCRC32

/// CRC-32 (IEEE 802.3, the ZIP checksum), incremental: folded with carry-less multiplication
/// (`CCRC32`, about four times the table's speed) where the processor has it, for the whole
/// 16-byte blocks of every update of 64 bytes or more; slice-by-8 tables for the rest.
struct CRC32 {
    /// Whether the processor can fold (PCLMULQDQ and SSE4.1), asked once.
    static let folds = keepsake_crc32_folding_available() != 0

    private static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[0][i] = c
        }
        for i in 0..<256 {
            for t in 1..<8 { tables[t][i] = (tables[t - 1][i] >> 8) ^ tables[0][Int(tables[t - 1][i] & 0xFF)] }
        }
        return tables
    }()

    private var state: UInt32 = 0xFFFF_FFFF

    /// The checksum of everything given so far.
    var value: UInt32 { ~state }

    /// Adds bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        let folded = Self.folds && bytes.count >= 64 ? bytes.count & ~15 : 0
        if folded > 0 {
            state = keepsake_crc32_fold(state, base.assumingMemoryBound(to: UInt8.self), folded)
        }
        updateWithTables(UnsafeRawBufferPointer(rebasing: bytes[folded...]))
    }

    /// Adds bytes with the slice-by-8 tables only (the reference the folding is tested against).
    mutating func updateWithTables(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var crc = state
        var i = 0
        let count = bytes.count
        Self.tables.withUnsafeBufferPointer { tables in
            let t0 = tables[0], t1 = tables[1], t2 = tables[2], t3 = tables[3]
            let t4 = tables[4], t5 = tables[5], t6 = tables[6], t7 = tables[7]
            while i + 8 <= count {
                let one = base.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian ^ crc
                let two = base.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self).littleEndian
                crc = t7[Int(one & 0xFF)] ^ t6[Int((one >> 8) & 0xFF)] ^ t5[Int((one >> 16) & 0xFF)]
                    ^ t4[Int(one >> 24)] ^ t3[Int(two & 0xFF)] ^ t2[Int((two >> 8) & 0xFF)]
                    ^ t1[Int((two >> 16) & 0xFF)] ^ t0[Int(two >> 24)]
                i += 8
            }
            while i < count {
                crc = t0[Int((crc ^ UInt32(base.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
        }
        state = crc
    }

    /// Adds bytes.
    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The checksum of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
