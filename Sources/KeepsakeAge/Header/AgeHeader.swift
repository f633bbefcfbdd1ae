import KeepsakeCrypto

/// An age v1 header: the version line, one or more recipient stanzas, and the MAC line
/// `--- <base64 of HMAC-SHA-256>`.
///
/// The parser is strict, for untrusted input: exactly the grammar of c2sp.org/age (LF line
/// ends only, single spaces, arguments of printable ASCII, canonical unpadded base64, body
/// lines of 64 columns ending with a shorter one, a 43-character MAC), at most
/// `maximumStanzaCount` stanzas in at most `maximumByteCount` bytes.
public struct AgeHeader: Sendable, Equatable {
    /// The longest header read: 64 KiB (a native stanza takes about 100 bytes).
    public static let maximumByteCount = 64 * 1024
    /// The most stanzas accepted, as age itself: 20.
    public static let maximumStanzaCount = 20
    /// The first line of every v1 file, without its LF.
    static let versionLine = Array("age-encryption.org/v1".utf8)
    /// What every version line starts with.
    static let versionPrefix = Array("age-encryption.org/".utf8)
    /// The MAC's length: 32 bytes.
    static let macByteCount = HMACSHA256.byteCount

    /// The recipient stanzas, in file order.
    public let stanzas: [AgeStanza]
    /// The header MAC as read (32 bytes).
    public let mac: [UInt8]
    /// The bytes the MAC covers: the header up to and including `---`.
    let authenticatedBytes: [UInt8]

    /// Parses the header at the start of `bytes`, which must hold it whole (the payload may
    /// follow).
    /// - Returns: the header and the number of bytes it takes, through the MAC line's LF.
    /// - Throws: `AgeError.invalidHeader` saying what is wrong.
    public static func parse(_ bytes: [UInt8]) throws(AgeError) -> (header: AgeHeader, byteCount: Int) {
        var lines = LineCursor(bytes: bytes)
        let version = try lines.next()
        guard version.elementsEqual(versionLine) else {
            throw .invalidHeader(
                reason: version.starts(with: versionPrefix)
                    ? "unsupported version \"\(String(decoding: version, as: UTF8.self))\""
                    : "it does not start with age-encryption.org/v1")
        }
        var stanzas: [AgeStanza] = []
        while true {
            let lineStart = lines.position
            let line = try lines.next()
            if line.starts(with: Array("---".utf8)) {
                guard !stanzas.isEmpty else { throw .invalidHeader(reason: "there is no recipient stanza") }
                let mac = try macValue(of: line)
                let header = AgeHeader(
                    stanzas: stanzas, mac: mac, authenticatedBytes: Array(bytes[..<(lineStart + 3)]))
                return (header, lines.position)
            }
            guard line.starts(with: Array("-> ".utf8)) else {
                throw .invalidHeader(reason: "a line is neither a stanza, its body, nor the MAC")
            }
            guard stanzas.count < maximumStanzaCount else {
                throw .invalidHeader(reason: "more than \(maximumStanzaCount) recipient stanzas")
            }
            stanzas.append(try stanza(words: line.dropFirst(3), lines: &lines))
        }
    }

    /// The header of `stanzas`, serialized and authenticated with `fileKey`'s MAC key.
    static func serialized(stanzas: [AgeStanza], fileKey: FileKey) -> [UInt8] {
        var out = versionLine + [UInt8(ascii: "\n")]
        for stanza in stanzas { stanza.serialize(into: &out) }
        out += Array("---".utf8)
        let mac = HMACSHA256.authenticationCode(for: out, key: fileKey.headerMACKey())
        out += Array(" \(Base64.encode(mac, variant: .originalNoPadding))\n".utf8)
        return out
    }

    /// Whether the MAC is the one `fileKey` gives (compared in constant time).
    func hasValidMAC(for fileKey: FileKey) -> Bool {
        HMACSHA256.isValid(mac, for: authenticatedBytes, key: fileKey.headerMACKey())
    }

    /// Reads a stanza: its words (after `-> `) and its body lines.
    private static func stanza(words: ArraySlice<UInt8>, lines: inout LineCursor) throws(AgeError)
        -> AgeStanza
    {
        let parts = words.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (33...126).contains($0) } }) else {
            throw .invalidHeader(reason: "a stanza has an empty argument or a character that is not printable ASCII")
        }
        let strings = parts.map { String(decoding: $0, as: UTF8.self) }
        var body: [UInt8] = []
        while true {
            let line = try lines.next()
            guard line.count <= AgeStanza.columnsPerLine else {
                throw .invalidHeader(reason: "a stanza body line is longer than 64 columns")
            }
            body += try decodeBase64(line, what: "a stanza body line")
            if line.count < AgeStanza.columnsPerLine { break }
        }
        return AgeStanza(type: strings[0], arguments: Array(strings.dropFirst()), body: body)
    }

    /// The MAC of a `--- <MAC>` line.
    private static func macValue(of line: ArraySlice<UInt8>) throws(AgeError) -> [UInt8] {
        let encoded = line.dropFirst(4)
        guard line.count == 4 + 43, line[line.startIndex + 3] == UInt8(ascii: " "),
            !encoded.contains(UInt8(ascii: " "))
        else { throw .invalidHeader(reason: "the MAC line is malformed") }
        return try decodeBase64(encoded, what: "the MAC")
    }

    /// Decodes canonical unpadded base64 (age's "raw" base64).
    /// - Throws: `AgeError.invalidHeader` naming `what`.
    static func decodeBase64(_ text: ArraySlice<UInt8>, what: String) throws(AgeError) -> [UInt8] {
        guard text.allSatisfy(isBase64Character) else {
            throw .invalidHeader(reason: "\(what) is not base64")
        }
        do {
            return try Base64.decode(String(decoding: text, as: UTF8.self), variant: .originalNoPadding)
        } catch {
            throw .invalidHeader(reason: "\(what) is not canonical base64")
        }
    }

    private static func isBase64Character(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}

/// Hands out the LF-terminated lines of a header, without their LF.
private struct LineCursor {
    let bytes: [UInt8]
    /// Where the next line starts.
    private(set) var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The next line.
    /// - Throws: `AgeError.invalidHeader` when the bytes end before its LF.
    mutating func next() throws(AgeError) -> ArraySlice<UInt8> {
        guard let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else {
            throw .invalidHeader(reason: position == 0 && bytes.isEmpty ? "the file is empty" : "the header ends early")
        }
        defer { position = end + 1 }
        return bytes[position..<end]
    }
}
