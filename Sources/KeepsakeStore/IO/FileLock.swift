#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory lock on the vault (`flock`): shared for readers, exclusive for the one writer.
/// Held until `release()` or deinit. A second writer waits a little, then gets
/// `StoreError.busy`; frames are never interleaved.
///
/// A vault whose files can't be written here (a backup on read-only media, another user's
/// files) still opens for reading: a reader locks the lock file opened read-only, or goes
/// without a lock when there is no lock file it could open (nobody can write such a vault
/// from here either). A writer gets `StoreError.readOnlyVault`.
public final class FileLock {
    /// How the lock is held.
    public enum Mode: Sendable { case shared, exclusive }

    /// The lock file (nil: a reader of a vault where no lock file could be opened).
    private let file: PosixFile?

    /// Takes the lock on `path` (created 0600 if missing), polling until `timeout` seconds.
    /// - Throws: `StoreError.busy` when another process keeps it; `.readOnlyVault` when a
    ///   writer can't open the lock file for writing; `StoreError.io` otherwise.
    public init(path: String, mode: Mode, timeout: Double = 5) throws(StoreError) {
        do {
            file = try PosixFile.openForWriting(path, create: true)
        } catch let error where error.isReadOnlyPlace {
            guard mode == .shared else { throw .readOnlyVault(path: Directory.parent(of: path)) }
            file = try? PosixFile.openForReading(path)
        }
        guard let file else { return }
        let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB
        var waited = 0.0
        while flock(file.descriptor, operation) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                throw .io(operation: "lock", path: path, errno: code)
            }
            if waited >= timeout { throw .busy }
            usleep(50_000)
            waited += 0.05
        }
    }

    /// Whether a lock file is held (false for a reader of a vault with no lock file it could open).
    public var isHeld: Bool { file != nil }

    /// Releases the lock now (also done on deinit).
    public func release() {
        if let file { _ = flock(file.descriptor, LOCK_UN) }
    }

    deinit { release() }
}
