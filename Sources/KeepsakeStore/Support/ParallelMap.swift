import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps many independent, CPU-bound items (a log's frames, a vault's entries) on every core,
/// returning the results in order. Items go out in small runs, several per core, so that a
/// core slowed by other work does not hold the rest back.
public enum ParallelMap {
    /// Runs per core: enough for an even finish, few enough to cost nothing.
    static let runsPerCore = 8

    /// `transform(0) … transform(count - 1)`, in order; on the calling thread alone when
    /// there are fewer than `threshold` items or one core.
    public static func map<T: Sendable>(
        count: Int, threshold: Int = 64, _ transform: @Sendable (Int) -> T
    ) -> [T] {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard cores > 1, count >= max(threshold, 2) else { return (0..<count).map(transform) }
        let results = Slots<T>(count: count)
        defer { results.release() }
        let runs = min(count, cores * runsPerCore)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            for index in (run * count / runs)..<((run + 1) * count / runs) {
                results.set(index, transform(index))
            }
        }
        return results.all()
    }
}

/// Room for the results, each slot written by exactly one run. `@unchecked Sendable`: the
/// runs write disjoint slots, and `all()` reads them only after `concurrentPerform` returns.
private final class Slots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
    }

    func set(_ index: Int, _ value: T) { (slots.baseAddress! + index).initialize(to: value) }

    func all() -> [T] { Array(slots) }

    func release() {
        slots.baseAddress!.deinitialize(count: count)
        slots.deallocate()
    }
}
