import KeepsakeStore

/// Errors of the vault model: what is wrong with an id or an entry, in words the owner can
/// act on.
public enum VaultError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Text that is not an id.
    case invalidID(String)
    /// No item has an id starting with this.
    case unknownID(String)
    /// More than one item starts with this.
    case ambiguousID(String, matches: [String])
    /// The item is of another kind than the command expects.
    case wrongKind(id: String, expected: String, actual: String)
    /// The item was retracted.
    case retracted(String)
    /// An entry that does not parse.
    case malformedEntry(String)
    /// An entry written by a newer version of Keepsake.
    case newerSchema(Int)
    /// The store refused (wrong passphrase, damage, full disk …).
    case store(StoreError)

    public var description: String {
        switch self {
        case let .invalidID(text): return "\(text) is not an entry id (ids are letters a–f and digits)"
        case let .unknownID(text): return "no entry has an id starting with \(text); `keepsake list` shows the ids"
        case let .ambiguousID(text, matches):
            return "more than one entry starts with \(text) (\(matches.joined(separator: ", "))); type more of the id"
        case let .wrongKind(id, expected, actual): return "\(id) is a \(actual), not a \(expected)"
        case let .retracted(id): return "\(id) was retracted; `keepsake show \(id)` still shows its history"
        case let .malformedEntry(what): return "an entry could not be read (\(what))"
        case let .newerSchema(version):
            return "an entry was written by a newer Keepsake (schema \(version)); update Keepsake to read it"
        case let .store(error): return error.description
        }
    }
}
