#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hands out the runs of one piece of work, `0..<count`, each once, to whichever threads ask:
/// the global queue's threads, and the thread waiting for the work, which takes runs itself
/// instead of sleeping (on two cores, a waiting thread leaves half the machine idle).
/// `@unchecked Sendable`: the counter is only read and changed under the lock.
final class RunClaims: @unchecked Sendable {
    /// How many runs there are.
    let count: Int
    private var next = 0
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    init(count: Int) {
        self.count = count
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// The next run nobody has taken, or nil when all are taken.
    func claim() -> Int? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
