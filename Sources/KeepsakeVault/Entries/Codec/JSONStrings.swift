/// JSON string escapes, both ways: checking and undoing them for the fast reader, and
/// writing them for the writer exactly as `JSONEncoder` does.
enum JSONEscapes {
    /// Checks the escape starting at `start` (a backslash); returns the index after it.
    /// `\uD800`–`\uDBFF` must be followed by `\uDC00`–`\uDFFF` (the pair is one escape);
    /// a low surrogate alone throws.
    static func checkEscape(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) throws(JSONUnsupported) -> Int {
        guard start + 1 < bytes.count else { throw JSONUnsupported() }
        switch bytes[start + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return start + 2
        case UInt8(ascii: "u"):
            guard let unit = hex4(bytes, at: start + 2) else { throw JSONUnsupported() }
            switch unit {
            case 0xD800...0xDBFF:
                guard bytes.count - start >= 12, bytes[start + 6] == UInt8(ascii: "\\"),
                    bytes[start + 7] == UInt8(ascii: "u"), let low = hex4(bytes, at: start + 8), (0xDC00...0xDFFF).contains(low)
                else { throw JSONUnsupported() }
                return start + 12
            case 0xDC00...0xDFFF: throw JSONUnsupported()
            default: return start + 6
            }
        default:
            throw JSONUnsupported()
        }
    }

    /// The UTF-8 of a string body already checked by `checkEscape` and `UTF8Check`.
    static func unescape(_ body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var index = 0
        while index < body.count {
            let byte = body[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            let code = body[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(hex4(body, at: index)!)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low = UInt32(hex4(body, at: index + 2)!)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                UTF8.encode(Unicode.Scalar(scalar)!) { out.append($0) }
            default: out.append(code)  // " \ /
            }
        }
        return out
    }

    /// Appends `text` as a JSON string, quotes included, escaped as `JSONEncoder` escapes:
    /// `"` and `\` with a backslash; backspace, form feed, newline, return and tab by their
    /// letters; other bytes below 0x20 as `\u00xx` in lower-case hex; everything else (`/`
    /// under `.withoutEscapingSlashes`, U+007F, U+2028, all non-ASCII) as it is.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var clean = 0  // bytes of utf8 already appended
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                clean = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    out.append(contentsOf: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Four hex digits (either case) at `start`, if there are four.
    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt16? {
        guard bytes.count - start >= 4 else { return nil }
        var value: UInt16 = 0
        for byte in bytes[start..<(start + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}

/// Well-formed UTF-8, as Unicode defines it (Table 3-7): no overlong forms, no surrogates,
/// nothing above U+10FFFF, no stray continuation bytes.
enum UTF8Check {
    /// Checks the multi-byte sequence whose lead byte (0x80 or above) is at `start`; returns
    /// the index after it.
    static func sequenceEnd(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) throws(JSONUnsupported) -> Int {
        let lead = bytes[start]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; second = 0x80...0x9F
        case 0xF0: length = 4; second = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; second = 0x80...0x8F
        default: throw JSONUnsupported()
        }
        guard bytes.count - start >= length, second.contains(bytes[start + 1]) else { throw JSONUnsupported() }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[start + offset]) { throw JSONUnsupported() }
        return start + length
    }
}
