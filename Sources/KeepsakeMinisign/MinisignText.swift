import KeepsakeCrypto

/// The text conventions minisign's files share: line prefixes, comment limits, line splitting
/// and the key id's printed form. Limits are those of minisign 0.11's reader (`fgets` into
/// fixed buffers), so anything written within them can be read by the stock tool.
enum MinisignText {
    /// The first line of every minisign file starts with this.
    static let untrustedPrefix = Array("untrusted comment: ".utf8)
    /// The third line of a signature file starts with this.
    static let trustedPrefix = Array("trusted comment: ".utf8)
    /// Longest untrusted comment minisign reads back: its line buffer is 1,024 bytes
    /// (`COMMENTMAXBYTES`), which holds the prefix, the comment, the newline and a NUL.
    static let untrustedCommentLimit = 1024 - 1 - 1 - 19
    /// Longest trusted comment minisign reads back (`TRUSTEDCOMMENTMAXBYTES` = 8,192, less the
    /// prefix, the newline and a NUL). The stock signer itself stops at 4,077 bytes (its line
    /// printing buffer is 4,096), but its verifier takes up to this.
    static let trustedCommentLimit = 8192 - 1 - 1 - 17

    /// Splits text into lines at LF. One CR before each LF is dropped (minisign reads CRLF
    /// files); the last line's LF may be missing. Returns nil if a CR or NUL is left anywhere.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for index in lines.indices where lines[index].last == 0x0d {
            lines[index] = lines[index].dropLast()
        }
        for line in lines where line.contains(0x0d) || line.contains(0) { return nil }
        return lines
    }

    /// The text after `prefix` on `line`, if it starts so and is valid UTF-8.
    static func text(after prefix: [UInt8], in line: ArraySlice<UInt8>) -> String? {
        guard line.starts(with: prefix) else { return nil }
        return utf8(line.dropFirst(prefix.count))
    }

    /// The bytes as a string, or nil if they are not valid UTF-8.
    static func utf8(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    /// Checks that a comment can be written on one line of a minisign file.
    /// - Throws: `invalidComment` for a CR, LF or NUL, or more than `limit` UTF-8 bytes.
    static func checkComment(_ comment: String, limit: Int, what: String) throws(MinisignError) {
        let bytes = comment.utf8
        if bytes.contains(0x0a) || bytes.contains(0x0d) {
            throw .invalidComment(reason: "the \(what) must be a single line, without CR or LF")
        }
        if bytes.contains(0) {
            throw .invalidComment(reason: "the \(what) contains a NUL character")
        }
        if bytes.count > limit {
            throw .invalidComment(reason: "the \(what) is \(bytes.count) bytes long; the limit is \(limit)")
        }
    }

    /// Decodes a line of padded base64 that must hold exactly `byteCount` bytes; the length is
    /// checked before decoding, so a long line costs nothing.
    static func decode(_ line: ArraySlice<UInt8>, byteCount: Int) -> [UInt8]? {
        guard line.count == (byteCount + 2) / 3 * 4, let text = utf8(line),
            let bytes = try? Base64.decode(text, variant: .original), bytes.count == byteCount
        else { return nil }
        return bytes
    }

    /// A key id as minisign prints it: a little-endian 64-bit number in upper-case hex, without
    /// leading zeros (minisign formats it with "%" PRIX64).
    static func keyIdText(_ keyId: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in keyId.reversed() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        // minisign prints the id with printf's "%" PRIX64: no leading zeros.
        let significant = out.drop { $0 == UInt8(ascii: "0") }
        return significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self)
    }

    /// The two-byte algorithm tag as text, for messages (non-printable bytes as `\xNN`).
    static func algorithmName(_ tag: ArraySlice<UInt8>) -> String {
        tag.map { byte -> String in
            if (0x21...0x7e).contains(byte) { return String(UnicodeScalar(byte)) }
            let hex = Array("0123456789ABCDEF")
            return "\\x\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0f)])"
        }.joined()
    }
}
