#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory lock on the vault (`flock`): shared for readers, exclusive for the one writer.
/// Held until `release()` or deinit. A second writer waits a little, then gets
/// `StoreError.busy`; frames are never interleaved.
public final class FileLock {
    /// How the lock is held.
    public enum Mode: Sendable { case shared, exclusive }

    private let file: PosixFile

    /// Takes the lock on `path` (created 0600 if missing), polling until `timeout` seconds.
    /// - Throws: `StoreError.busy` when another process keeps it; `StoreError.io` otherwise.
    public init(path: String, mode: Mode, timeout: Double = 5) throws(StoreError) {
        file = try PosixFile.openForWriting(path, create: true)
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

    /// Releases the lock now (also done on deinit).
    public func release() { _ = flock(file.descriptor, LOCK_UN) }

    deinit { release() }
}
