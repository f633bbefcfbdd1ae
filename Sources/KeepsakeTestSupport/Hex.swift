/// Hex helpers for tests and vector loaders.
public enum Hex {
    /// Decodes lower- or upper-case hex; traps on malformed input (test data only).
    public static func decode(_ text: String) -> [UInt8] {
        guard let bytes = decodeIfValid(text) else { preconditionFailure("not hex: \(text)") }
        return bytes
    }

    /// Decodes lower- or upper-case hex, or returns nil for an odd length or a non-hex digit.
    public static func decodeIfValid(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let high = nibble(chars[i]), let low = nibble(chars[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    /// Lower-case hex.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Bytes written in a JSON vector file as a hex string; malformed hex is a decoding error.
public struct HexBytes: Decodable, Sendable, Equatable, CustomStringConvertible {
    /// The decoded bytes.
    public let bytes: [UInt8]

    /// Decodes a single hex string.
    /// - Throws: `DecodingError.dataCorrupted` if the string is not hex.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let bytes = Hex.decodeIfValid(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not hex: \(text)"))
        }
        self.bytes = bytes
    }

    /// The number of bytes.
    public var count: Int { bytes.count }

    public var description: String { Hex.encode(bytes) }
}
