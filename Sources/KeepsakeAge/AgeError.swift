/// The errors of the age module. Each says in one line of plain words what is wrong; none
/// carries a secret, a passphrase or a piece of the plaintext.
///
/// The first cases match the outcomes of the age testkit: `noIdentityMatched` is "no match",
/// `invalidHeader` and `workFactorTooHigh` are "header failure", `headerMACMismatch` is
/// "HMAC failure", `payloadFailed` is "payload failure" and `invalidArmor` is "armor failure".
public enum AgeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// None of the keys or passphrases given opens any of the file's recipient stanzas.
    case noIdentityMatched
    /// The header is not a well-formed age v1 header, or a stanza addressed to a given key is
    /// malformed: `reason` says what.
    case invalidHeader(reason: String)
    /// A passphrase-protected file asks for more scrypt work than the decryptor allows.
    case workFactorTooHigh(logN: Int, maximum: Int)
    /// The header's MAC does not match: the header was altered after it was written.
    case headerMACMismatch
    /// The payload failed after the header verified; the first `releasedByteCount` bytes of
    /// plaintext were authentic and already handed out, so the output is incomplete.
    case payloadFailed(AgePayloadFailure, releasedByteCount: UInt64)
    /// The ASCII armor (`-----BEGIN AGE ENCRYPTED FILE-----`) is malformed: `reason` says how.
    case invalidArmor(reason: String)
    /// Text given as an age recipient (`age1…`) is not one: `reason` says why.
    case invalidRecipient(reason: String)
    /// Text given as an age secret key (`AGE-SECRET-KEY-1…`) is not one: `reason` says why.
    case invalidIdentity(reason: String)
    /// An identity file could not be used: `reason` says why (never with the key itself).
    case invalidIdentityFile(reason: String)
    /// Encryption was asked for without any recipient, or with more than age accepts.
    case invalidRecipientCount(Int)
    /// A passphrase is empty, which age refuses.
    case emptyPassphrase
    /// An scrypt work factor (log2 N) outside 1...30 was asked for.
    case invalidWorkFactor(Int)
    /// scrypt could not get the memory its work factor needs.
    case outOfMemory
    /// Reading the input or writing the output failed; the underlying error says why.
    case io(any Error)

    /// The error in one line of plain words, fit to show the person at the keyboard.
    public var description: String {
        switch self {
        case .noIdentityMatched:
            return "this file was not encrypted to this key or passphrase"
        case let .invalidHeader(reason):
            return "this is not a valid age file: its header is damaged (\(reason))"
        case let .workFactorTooHigh(logN, maximum):
            return "the passphrase would take too long to check: work factor \(logN) is above the limit of \(maximum)"
        case .headerMACMismatch:
            return "the file's header was altered or damaged: its authentication code does not match"
        case let .payloadFailed(failure, released):
            return "the encrypted contents are \(failure); only the first \(released) bytes could be decrypted, so the output is incomplete"
        case let .invalidArmor(reason):
            return "the armored (text) age file is damaged: \(reason)"
        case let .invalidRecipient(reason):
            return "this is not an age public key (age1…): \(reason)"
        case let .invalidIdentity(reason):
            return "this is not an age secret key (AGE-SECRET-KEY-1…): \(reason)"
        case let .invalidIdentityFile(reason):
            return "the identity file can't be used: \(reason)"
        case let .invalidRecipientCount(count):
            return "an age file needs 1 to \(AgeEncryptor.maximumRecipientCount) recipients, not \(count)"
        case .emptyPassphrase:
            return "the passphrase is empty"
        case let .invalidWorkFactor(logN):
            return "the scrypt work factor must be between 1 and 30, not \(logN)"
        case .outOfMemory:
            return "not enough memory to check the passphrase; close other programs and try again"
        case let .io(error):
            return "could not read or write: \(error)"
        }
    }

    /// Equal cases with equal values; `io` errors compare by their descriptions.
    public static func == (lhs: AgeError, rhs: AgeError) -> Bool {
        switch (lhs, rhs) {
        case (.noIdentityMatched, .noIdentityMatched), (.headerMACMismatch, .headerMACMismatch),
            (.emptyPassphrase, .emptyPassphrase), (.outOfMemory, .outOfMemory):
            return true
        case let (.invalidHeader(a), .invalidHeader(b)), let (.invalidArmor(a), .invalidArmor(b)),
            let (.invalidRecipient(a), .invalidRecipient(b)),
            let (.invalidIdentity(a), .invalidIdentity(b)),
            let (.invalidIdentityFile(a), .invalidIdentityFile(b)):
            return a == b
        case let (.workFactorTooHigh(a, m), .workFactorTooHigh(b, n)):
            return a == b && m == n
        case let (.payloadFailed(a, m), .payloadFailed(b, n)):
            return a == b && m == n
        case let (.invalidRecipientCount(a), .invalidRecipientCount(b)),
            let (.invalidWorkFactor(a), .invalidWorkFactor(b)):
            return a == b
        case let (.io(a), .io(b)):
            return String(describing: a) == String(describing: b)
        default:
            return false
        }
    }
}

/// Why an age payload failed after its header verified.
public enum AgePayloadFailure: Sendable, Equatable, CustomStringConvertible {
    /// A chunk did not authenticate: altered, reordered, cut mid-chunk, or from another file.
    case chunkAltered
    /// The payload ends before its last chunk.
    case truncated
    /// There are bytes after the last chunk.
    case trailingData

    /// The failure in a few plain words ("damaged", "cut short", "followed by extra data").
    public var description: String {
        switch self {
        case .chunkAltered: return "damaged"
        case .truncated: return "cut short"
        case .trailingData: return "followed by extra data"
        }
    }
}
