#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The errors of the vault store. Each says what is wrong and what the owner can do; none
/// carries a secret or a piece of content.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The passphrase (or recovery code) did not unlock any key slot, or the folder is not a
    /// vault: the two are indistinguishable on purpose.
    case wrongPassphrase
    /// No vault at this path.
    case noVault(path: String)
    /// A vault (or other files) already exists where a new one was to be created.
    case alreadyExists(path: String)
    /// The key-slot file is damaged and no intact slot opened with this passphrase.
    case keySlotFileDamaged(size: Int)
    /// The key file `0` is older than the log: it was put back from a copy made before a
    /// key change. Nothing is read past the change and nothing is written.
    case keySlotFileOutdated(generation: UInt64, logGeneration: UInt64)
    /// The key file `0` opens nothing in the log or the head: the vault was re-keyed after
    /// this copy of `0` was made. Nothing is read and nothing is written.
    case keySlotFileBeforeRekey
    /// Too little free space for a re-key's second copy of the log and largest attachment.
    case notEnoughSpace(needed: UInt64, free: UInt64)
    /// Another process holds the vault.
    case busy
    /// The vault has acknowledged damage; writing is refused until it is repaired.
    case damaged(String)
    /// An entry is larger than a frame may hold.
    case entryTooLarge(size: Int, limit: Int)
    /// An attachment's file is missing.
    case attachmentMissing(name: String)
    /// An attachment's bytes do not match the hash recorded when it was added.
    case attachmentAltered(name: String)
    /// A system call failed: `operation` names it, `path` the file, `errno` the cause.
    case io(operation: String, path: String, errno: Int32)
    /// A stored value is outside what this version accepts.
    case unsupported(String)
    /// The vault's files can't be written here (read-only media, or another user's files):
    /// it opens for reading only.
    case readOnlyVault(path: String)

    public var description: String {
        switch self {
        case .wrongPassphrase:
            return "wrong passphrase, or this is not a Keepsake vault; check the passphrase and the --vault path and try again"
        case let .noVault(path):
            return "no vault at \(path); create one with `keepsake init` or give the right --vault path"
        case let .alreadyExists(path):
            return "\(path) already exists and is not empty; choose another --vault path"
        case let .keySlotFileDamaged(size):
            return "the vault's key file is damaged (\(size) bytes); restore the vault from a backup"
        case let .keySlotFileOutdated(generation, logGeneration):
            return "the key file `0` in the vault folder is an older copy (key generation \(generation); the vault's log "
                + "was written up to generation \(logGeneration)): it was put back from a copy made before a passphrase "
                + "change or a new recovery code. Nothing was changed and nothing is lost: put back the newest `0` from "
                + "a backup and open the vault with your current passphrase"
        case .keySlotFileBeforeRekey:
            return "the key file `0` in the vault folder opens nothing in this vault's log: it is an older copy, put back "
                + "from before the vault was re-keyed (or the log and its head are both damaged). Nothing was changed and "
                + "nothing is lost: put back the newest `0` and open the vault with your current passphrase; "
                + "`keepsake check` says more"
        case let .notEnoughSpace(needed, free):
            return "not enough free space to re-key: it needs about \(Self.mebibytes(needed)) for a second copy of the log "
                + "and of the largest attachment, and the disk has \(Self.mebibytes(free)) free. Nothing was changed; "
                + "free some space and try again"
        case .busy:
            return "another Keepsake is using this vault; close it and try again"
        case let .damaged(what):
            return "the vault is damaged (\(what)); nothing was written. Run `keepsake check`, and restore from a backup if you have one"
        case let .entryTooLarge(size, limit):
            return "the entry is too large (\(size) bytes, limit \(limit)); shorten it or attach the text as a file"
        case let .attachmentMissing(name):
            return "attachment \(name) is missing from the vault folder; restore it from a backup"
        case let .attachmentAltered(name):
            return "attachment \(name) was altered: its bytes no longer match the hash recorded when it was added"
        case let .io(operation, path, code):
            return "\(operation) failed on \(path): \(Self.describe(errno: code))"
        case let .unsupported(what):
            return "unsupported: \(what); a newer version of Keepsake may be needed"
        case let .readOnlyVault(path):
            return "the vault at \(path) can only be read from here (it is on read-only media, or its files belong to another user); nothing was written. list, show, check, export and backup still work"
        }
    }

    /// Whether this is a write refused because the place is read-only or not ours (EACCES,
    /// EPERM, EROFS): what a reader of such a vault may go on without.
    var isReadOnlyPlace: Bool {
        guard case let .io(_, _, code) = self else { return false }
        return code == EACCES || code == EPERM || code == EROFS
    }

    /// A size in MiB, rounded up.
    static func mebibytes(_ bytes: UInt64) -> String { "\((bytes + (1 << 20) - 1) >> 20) MiB" }

    /// The cause in words, never a number: what the owner reads after "failed on PATH: ".
    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full; free some space and try again"
        case EFBIG: return "the file is too large for this disk (a FAT-formatted stick holds at most 4 GiB per file); use a stick formatted as exFAT, or another disk"
        case EACCES, EPERM: return "permission denied; this place belongs to another user or is protected"
        case EROFS: return "the disk is read-only; unlock it (some sticks have a switch) or choose another place"
        case ENOENT: return "no such file or folder"
        case EIO: return "input/output error: the disk may be failing or was unplugged"
        case ENOSYS, ENOTSUP: return "this disk's filesystem can't do that"
        case ENAMETOOLONG: return "the name is too long for this disk"
        case EDQUOT: return "your disk quota is used up; free some space and try again"
        case ENOTDIR: return "part of the path is not a folder"
        case EISDIR: return "it is a folder"
        case EEXIST: return "it already exists"
        default:
            guard let text = strerror(code) else { return "an unknown system error" }
            return String(cString: text).lowercased()
        }
    }
}
