/// The character-level code of an anchor: Crockford base32 symbols and a Bech32m checksum.
///
/// Symbols are 5-bit values 0…31 written with Crockford's alphabet
/// (`0123456789ABCDEFGHJKMNPQRSTVWXYZ`). The checksum is BIP-350's Bech32m — the BCH code of
/// BIP-173 over GF(32) with the final constant 0x2bc830a3 — computed over the expansion of the
/// human-readable part `ks1` and the data symbols, exactly as a Bech32m library would for
/// `ks1` plus the same symbol values. BIP-173 and BIP-350 give its strength for strings of up
/// to 90 characters (an anchor's checksummed part is 70): every error that changes at most 4
/// symbols is detected (so every single substitution and every swap of two characters), and
/// other errors slip through with odds of about 1 in 10⁹. The tests check the single
/// substitutions and neighbour swaps exhaustively and a sample of 2 to 4 errors.
enum AnchorCode {
    /// Crockford's base32 alphabet, symbol value = index.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The number of checksum symbols.
    static let checksumCount = 6

    /// The human-readable part the checksum covers (binds the format version).
    static let checksumPrefix = "ks1"

    private static let bech32mConstant: UInt32 = 0x2bc8_30a3
    private static let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]

    /// The symbol value of an anchor character: Crockford digits and letters in either case,
    /// with O read as 0 and I, L as 1; nil for any other character (U included).
    static func symbol(for character: Character) -> UInt8? {
        guard let ascii = character.asciiValue else { return nil }
        let upper = (ascii >= UInt8(ascii: "a") && ascii <= UInt8(ascii: "z")) ? ascii - 32 : ascii
        switch upper {
        case UInt8(ascii: "O"): return 0
        case UInt8(ascii: "I"), UInt8(ascii: "L"): return 1
        default:
            return alphabet.firstIndex(of: upper).map { UInt8($0) }
        }
    }

    /// The symbols of `body` (separators skipped), which must number `expected`.
    /// - Throws: `AnchorError.invalidCharacter`, `.wrongLength`.
    static func readSymbols(_ body: Substring, expected: Int) throws(AnchorError) -> [UInt8] {
        var symbols: [UInt8] = []
        for character in body where !Anchor.isSeparator(character) {
            guard let symbol = symbol(for: character) else { throw .invalidCharacter(character) }
            symbols.append(symbol)
            // Stop counting far past the end: the error only says how many are extra.
            if symbols.count > expected + 4096 { break }
        }
        guard symbols.count == expected else { throw .wrongLength(found: symbols.count, expected: expected) }
        return symbols
    }

    /// The character for a symbol value 0…31.
    static func character(for symbol: UInt8) -> Character {
        Character(Unicode.Scalar(alphabet[Int(symbol)]))
    }

    /// Bytes as 5-bit symbols, most significant bit first; the byte count must be a multiple of
    /// 5 (whole symbols, no padding).
    static func symbols(from bytes: [UInt8]) -> [UInt8] {
        precondition(bytes.count % 5 == 0, "anchor content is a whole number of 40-bit blocks")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 8 / 5)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(UInt8(accumulator >> UInt32(bits) & 31))
            }
            accumulator &= (1 << UInt32(bits)) - 1
        }
        return out
    }

    /// The inverse of `symbols(from:)`; the symbol count must be a multiple of 8.
    static func bytes(from symbols: [UInt8]) -> [UInt8] {
        precondition(symbols.count % 8 == 0, "anchor content is a whole number of 40-bit blocks")
        var out: [UInt8] = []
        out.reserveCapacity(symbols.count * 5 / 8)
        var accumulator: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            accumulator = accumulator << 5 | UInt32(symbol & 31)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(accumulator >> UInt32(bits) & 0xff))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    /// The six checksum symbols for `data` under human-readable part `prefix`.
    static func checksum(for data: [UInt8], prefix: String = checksumPrefix) -> [UInt8] {
        let residue = polymod(expand(prefix) + data + [UInt8](repeating: 0, count: checksumCount))
            ^ bech32mConstant
        return (0..<checksumCount).map { UInt8(residue >> UInt32(5 * (checksumCount - 1 - $0)) & 31) }
    }

    /// Whether `symbols` (data followed by its checksum) carries a valid checksum.
    static func isValid(_ symbols: [UInt8], prefix: String = checksumPrefix) -> Bool {
        polymod(expand(prefix) + symbols) == bech32mConstant
    }

    /// The one position at which changing a single symbol makes `symbols` valid, or nil when
    /// there is none or more than one. With the code's distance of 5 it finds a single
    /// mistyped character and points nowhere for two or three.
    ///
    /// The remainder is linear in the symbols (over GF(2)), so changing symbol i by XOR-ing it
    /// with δ changes the remainder by a fixed image of δ shifted to i; the search compares
    /// those images with the remainder's offset from the valid value instead of recomputing.
    static func singleErrorPosition(in symbols: [UInt8], prefix: String = checksumPrefix) -> Int? {
        let syndrome = polymod(expand(prefix) + symbols) ^ bech32mConstant
        guard syndrome != 0 else { return nil }
        // images[i][b]: the change in the remainder when bit b of symbol i flips.
        var images = [[UInt32]](repeating: [UInt32](repeating: 0, count: 5), count: symbols.count)
        for bit in 0..<5 {
            var image = UInt32(1) << UInt32(bit)
            for position in symbols.indices.reversed() {
                images[position][bit] = image
                image = step(image, 0)
            }
        }
        var found: Int?
        for position in symbols.indices {
            for delta in 1..<32 {
                var change: UInt32 = 0
                for bit in 0..<5 where (delta >> bit) & 1 == 1 { change ^= images[position][bit] }
                if change == syndrome {
                    if found != nil { return nil }
                    found = position
                }
            }
        }
        return found
    }

    /// BIP-173's checksum polynomial remainder.
    private static func polymod(_ values: [UInt8]) -> UInt32 {
        var check: UInt32 = 1
        for value in values { check = step(check, value) }
        return check
    }

    /// One step of the remainder: shift in a symbol, reduce by the generator.
    private static func step(_ check: UInt32, _ value: UInt8) -> UInt32 {
        let top = check >> 25
        var next = (check & 0x1ff_ffff) << 5 ^ UInt32(value)
        for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 {
            next ^= generator[i]
        }
        return next
    }

    /// BIP-173's expansion of the human-readable part: high bits, a zero, low bits.
    private static func expand(_ prefix: String) -> [UInt8] {
        let bytes = Array(prefix.utf8)
        return bytes.map { $0 >> 5 } + [0] + bytes.map { $0 & 31 }
    }
}
