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
    /// How many items the runs cover between them (`work`).
    let itemCount: Int
    private var next = 0
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    /// `count` runs, of one item each unless `itemCount` says otherwise.
    init(count: Int, itemCount: Int? = nil) {
        self.count = count
        self.itemCount = itemCount ?? count
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Runs over `itemCount` items for `cores` cores: several per core
    /// (`ParallelMap.runsPerCore`), so that a core slowed by other work holds up little; at
    /// most one per item.
    convenience init(itemCount: Int, cores: Int) {
        self.init(count: min(itemCount, cores * ParallelMap.runsPerCore), itemCount: itemCount)
    }

    /// Cuts `0..<itemCount` into `count` runs of nearly equal length and calls `body` with
    /// each item of every run nobody has taken yet, on the calling thread.
    func work(_ body: (Int) -> Void) {
        while let run = claim() {
            for item in (run * itemCount / count)..<((run + 1) * itemCount / count) { body(item) }
        }
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
