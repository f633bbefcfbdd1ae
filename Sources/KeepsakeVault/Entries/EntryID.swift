import KeepsakeCrypto

/// A short, stable, copyable id: 16 lower-case hex characters (64 random bits), shown
/// abbreviated to its first 7, like git.
public struct EntryID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The full 16 hex characters.
    public let rawValue: String

    /// Characters shown by default.
    public static let shortLength = 7

    /// A fresh random id.
    public static func random() -> EntryID {
        let digits = Array("0123456789abcdef")
        let text = SecureRandom.bytes(count: 8).map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined()
        return EntryID(unchecked: text)
    }

    /// Parses a full id.
    /// - Throws: `VaultError.invalidID` unless 16 hex characters.
    public init(_ text: String) throws(VaultError) {
        let lower = text.lowercased()
        guard lower.utf8.count == 16, Self.isHex(lower) else { throw .invalidID(text) }
        rawValue = lower
    }

    init(unchecked: String) { rawValue = unchecked }

    /// Whether `text` is all ASCII hex digits (`Character.isHexDigit` alone also takes
    /// fullwidth ones).
    static func isHex(_ text: String) -> Bool { text.allSatisfy { $0.isASCII && $0.isHexDigit } }

    /// The abbreviated form.
    public var short: String { String(rawValue.prefix(Self.shortLength)) }
    public var description: String { short }

    public static func < (a: EntryID, b: EntryID) -> Bool { a.rawValue < b.rawValue }

    // Equality and hashing by the id's bytes, which are all ASCII: the same answers as the
    // string's own, without its Unicode work (opening a vault hashes every entry's id).
    public static func == (a: EntryID, b: EntryID) -> Bool { a.rawValue.utf8.elementsEqual(b.rawValue.utf8) }

    public func hash(into hasher: inout Hasher) {
        var text = rawValue
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad id"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
