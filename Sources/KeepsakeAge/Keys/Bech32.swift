import KeepsakeCrypto

/// Bech32 (BIP 173) as age uses it for keys: the BIP's checksum, without its 90-character
/// limit. A string is all lower case or all upper case; the checksum is always computed over
/// the lower-case form.
///
/// Intermediate buffers are wiped, because an age secret key goes through here; callers wipe
/// what they are handed back once it is in secure memory.
enum Bech32 {
    /// Why a string is not Bech32, in plain words.
    struct Failure: Error, Equatable {
        let reason: String
    }

    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let generator: [UInt32] = [
        0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3,
    ]
    /// The value of each ASCII character in `charset`, or -1.
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, character) in charset.enumerated() { table[Int(character)] = Int8(index) }
        return table
    }()

    /// Encodes `data` under the human-readable part `hrp` (printable ASCII, one case); the
    /// result is upper case when `hrp` is. Returns ASCII bytes.
    static func encode(hrp: String, data: [UInt8]) -> [UInt8] {
        let hrpBytes = Array(hrp.utf8)
        let upper = hrpBytes.contains { (0x41...0x5a).contains($0) }
        let lowerHRP = hrpBytes.map(lowercased)
        var groups = convertBits(data, from: 8, to: 5, pad: true) ?? []
        defer { SecureBytes.wipe(&groups) }
        var checksumInput = expand(lowerHRP) + groups + [0, 0, 0, 0, 0, 0]
        defer { SecureBytes.wipe(&checksumInput) }
        let mod = polymod(checksumInput) ^ 1
        var out = lowerHRP + [UInt8(ascii: "1")]
        out.reserveCapacity(out.count + groups.count + 6)
        for group in groups { out.append(charset[Int(group)]) }
        for index in 0..<6 { out.append(charset[Int((mod >> (5 * (5 - UInt32(index)))) & 31)]) }
        if upper {
            for index in out.indices where (0x61...0x7a).contains(out[index]) { out[index] -= 0x20 }
        }
        return out
    }

    /// Decodes a Bech32 string given as ASCII bytes. The human-readable part keeps the
    /// string's case (age checks it: `age` and `AGE-SECRET-KEY-`).
    /// - Throws: `Failure` for mixed case, a misplaced separator, a character outside the
    ///   alphabet, a wrong checksum or non-zero padding bits.
    static func decode(_ text: [UInt8]) throws(Failure) -> (hrp: String, data: [UInt8]) {
        let hasLower = text.contains { (0x61...0x7a).contains($0) }
        let hasUpper = text.contains { (0x41...0x5a).contains($0) }
        guard !(hasLower && hasUpper) else { throw Failure(reason: "mixed upper and lower case") }
        guard let separator = text.lastIndex(of: UInt8(ascii: "1")), separator >= 1,
            separator + 7 <= text.count
        else { throw Failure(reason: "the separator \"1\" is missing or misplaced") }
        let hrp = Array(text[..<separator])
        guard hrp.allSatisfy({ (33...126).contains($0) }) else {
            throw Failure(reason: "the prefix has a character that is not printable ASCII")
        }
        var groups: [UInt8] = []
        groups.reserveCapacity(text.count - separator - 1)
        defer { SecureBytes.wipe(&groups) }
        for character in text[(separator + 1)...] {
            let lower = lowercased(character)
            guard lower < 128, values[Int(lower)] >= 0 else {
                throw Failure(reason: "a character is not in the Bech32 alphabet")
            }
            groups.append(UInt8(values[Int(lower)]))
        }
        var checksumInput = expand(hrp.map(lowercased)) + groups
        defer { SecureBytes.wipe(&checksumInput) }
        guard polymod(checksumInput) == 1 else { throw Failure(reason: "the checksum is wrong") }
        var payload = Array(groups[..<(groups.count - 6)])
        defer { SecureBytes.wipe(&payload) }
        guard let data = convertBits(payload, from: 5, to: 8, pad: false) else {
            throw Failure(reason: "the padding bits are not zero")
        }
        return (String(decoding: hrp, as: UTF8.self), data)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5a).contains(byte) ? byte + 0x20 : byte
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        var check: UInt32 = 1
        for value in values {
            let top = check >> 25
            check = (check & 0x1ff_ffff) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> UInt32(bit)) & 1 == 1 { check ^= generator[bit] }
        }
        return check
    }

    /// Regroups bits; nil when unpadded input leaves a whole group or non-zero bits over.
    private static func convertBits(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(data.count * from / to + 1)
        var accumulator: UInt32 = 0
        var bits = 0
        let mask = UInt32(1 << to - 1)
        for value in data {
            accumulator = (accumulator << UInt32(from) | UInt32(value)) & 0xffff
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((accumulator >> UInt32(bits)) & mask))
            }
        }
        if pad {
            if bits > 0 { out.append(UInt8((accumulator << UInt32(to - bits)) & mask)) }
        } else if bits >= from || (accumulator << UInt32(to - bits)) & mask != 0 {
            SecureBytes.wipe(&out)
            return nil
        }
        return out
    }
}
