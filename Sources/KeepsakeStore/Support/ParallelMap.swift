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
        var results: [T] = []
        results.reserveCapacity(count)
        forEach(count: count, threshold: threshold, transform) { _, result in results.append(result) }
        return results
    }

    /// Makes `transform(0) … transform(count - 1)` on every core, then hands each result to
    /// `body` on the calling thread, in order, moved rather than copied (a result holding
    /// many strings costs a retain and a release per string to copy). With fewer than
    /// `threshold` items, or one core, each result is made and handed over in turn.
    public static func forEach<T: Sendable>(
        count: Int, threshold: Int = 64, _ transform: @Sendable (Int) -> T,
        _ body: (Int, consuming T) -> Void
    ) {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard cores > 1, count >= max(threshold, 2) else {
            for index in 0..<count { body(index, transform(index)) }
            return
        }
        let results = Slots<T>(count: count)
        defer { results.deallocate() }
        let runs = min(count, cores * runsPerCore)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            for index in (run * count / runs)..<((run + 1) * count / runs) {
                results.set(index, transform(index))
            }
        }
        for index in 0..<count { body(index, results.take(index)) }
    }
}

/// Room for the results, each slot written by exactly one run, then taken (moved out) once.
/// `@unchecked Sendable`: the runs write disjoint slots, and the caller takes them only after
/// `concurrentPerform` returns.
private final class Slots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T>

    init(count: Int) { slots = .allocate(capacity: count) }

    func set(_ index: Int, _ value: T) { (slots.baseAddress! + index).initialize(to: value) }

    func take(_ index: Int) -> T { (slots.baseAddress! + index).move() }

    /// Frees the room; every slot must have been taken.
    func deallocate() { slots.deallocate() }
}
