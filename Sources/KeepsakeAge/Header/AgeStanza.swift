import KeepsakeCrypto

/// One recipient stanza of an age header: `-> TYPE ARG…` and a body in unpadded base64,
/// wrapped at 64 columns and ending with a shorter (possibly empty) line.
public struct AgeStanza: Sendable, Equatable {
    /// The first word after `->`, such as `X25519` or `scrypt` (case-sensitive).
    public let type: String
    /// The words after the type (ephemeral share, salt, work factor…).
    public let arguments: [String]
    /// The decoded body (for native stanzas, the wrapped file key).
    public let body: [UInt8]

    /// Columns of a full body line.
    static let columnsPerLine = 64
    /// Bytes a full body line holds.
    static let bytesPerLine = columnsPerLine / 4 * 3

    /// A stanza from its parts. The type and arguments must be non-empty printable ASCII
    /// without spaces (checked by the parser; the native recipients build only such words).
    init(type: String, arguments: [String], body: [UInt8]) {
        precondition(
            ([type] + arguments).allSatisfy(Self.isValidArgument),
            "stanza words must be printable ASCII without spaces")
        self.type = type
        self.arguments = arguments
        self.body = body
    }

    /// Whether `word` is 1*VCHAR: one or more of the printable ASCII characters 33...126.
    static func isValidArgument(_ word: String) -> Bool {
        !word.utf8.isEmpty && word.utf8.allSatisfy { (33...126).contains($0) }
    }

    /// Appends the stanza's lines, each ending with LF.
    func serialize(into out: inout [UInt8]) {
        out += Array("->".utf8)
        for word in [type] + arguments { out += [UInt8(ascii: " ")] + Array(word.utf8) }
        out.append(UInt8(ascii: "\n"))
        let encoded = Array(Base64.encode(body, variant: .originalNoPadding).utf8)
        var start = 0
        // Full lines, then always a final short one (empty when the body fills its lines).
        while encoded.count - start >= Self.columnsPerLine {
            out += encoded[start..<(start + Self.columnsPerLine)]
            out.append(UInt8(ascii: "\n"))
            start += Self.columnsPerLine
        }
        out += encoded[start...]
        out.append(UInt8(ascii: "\n"))
    }
}
