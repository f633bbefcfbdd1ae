/// A passphrase or recovery code, held in secure memory from the moment it is read.
///
/// Its bytes are the UTF-8 the owner typed, unchanged (no trimming, no normalisation).
public struct Passphrase: Sendable, CustomStringConvertible {
    /// The UTF-8 bytes, in secure memory.
    public let secret: SecureBytes

    /// Wraps bytes already in secure memory.
    public init(_ secret: SecureBytes) { self.secret = secret }

    /// Copies a string's UTF-8 into secure memory. For tests and generated codes: the Swift
    /// string itself stays in ordinary memory, so don't use this for what a person typed.
    public init(copying text: String) { secret = SecureBytes(copying: Array(text.utf8)) }

    /// The length in bytes.
    public var byteCount: Int { secret.count }

    public var description: String { "Passphrase(redacted)" }
}
