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
    /// Items made ahead of the caller in `forEach` (see there).
    public static let defaultWindow = 4096

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

    /// `0..<count` cut into windows that grow from a few runs' worth to `largest`: the first
    /// window is made before `body` can start, so it is kept small.
    static func windows(count: Int, largest: Int) -> [Range<Int>] {
        var windows: [Range<Int>] = []
        var start = 0
        var size = min(largest, 256)
        while start < count {
            windows.append(start..<min(count, start + size))
            start += size
            size = min(largest, size * 2)
        }
        return windows
    }

    /// Makes `transform(0) … transform(count - 1)` on every core and hands each result to
    /// `body` on the calling thread, in order, moved rather than copied (a result holding
    /// many strings costs a retain and a release per string to copy).
    ///
    /// Items go in windows of up to `window`: while `body` takes one window's results, the next
    /// window is made on the other cores, so a slow `body` (applying entries to a model, one
    /// after another) overlaps the parallel work instead of following it, and only two
    /// windows of results are held at a time. When `body` is done with a window, this thread
    /// makes what is left of the next one rather than wait for it. With fewer than
    /// `threshold` items, or one core, each result is made and handed over in turn on the
    /// calling thread.
    public static func forEach<T: Sendable>(
        count: Int, threshold: Int = 64, window: Int = defaultWindow, _ transform: @Sendable (Int) -> T,
        _ body: (Int, consuming T) -> Void
    ) {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard cores > 1, count >= max(threshold, 2) else {
            for index in 0..<count { body(index, transform(index)) }
            return
        }
        let windows = Self.windows(count: count, largest: max(1, window))
        withoutActuallyEscaping(transform) { transform in
            // Every window made in the background is waited for before this returns, so
            // `transform` never outlives the call.
            let first = Slots<T>(range: windows[0], cores: cores)
            DispatchQueue.concurrentPerform(iterations: cores) { _ in first.make(transform) }
            var current = first
            let following: [Range<Int>?] = windows.dropFirst().map { $0 } + [nil]
            for next in following {
                let ahead = next.map { Slots<T>(range: $0, cores: cores) }
                let group = DispatchGroup()
                if let ahead {
                    for _ in 0..<cores { DispatchQueue.global().async(group: group) { ahead.make(transform) } }
                }
                for index in current.range { body(index, current.take(index)) }
                // Make what is left of the next window rather than wait for it.
                ahead?.make(transform)
                group.wait()
                current.deallocate()
                guard let ahead else { break }
                current = ahead
            }
        }
    }
}

/// Room for one window's results, each slot written by exactly one run, then taken (moved
/// out) once. `@unchecked Sendable`: the runs write disjoint slots, and the caller takes them
/// only after the runs have all returned (every `make` has returned).
private final class Slots<T>: @unchecked Sendable {
    let range: Range<Int>
    private let slots: UnsafeMutableBufferPointer<T>
    /// The window's runs, several per core.
    private let runs: RunClaims

    init(range: Range<Int>, cores: Int) {
        self.range = range
        slots = .allocate(capacity: range.count)
        runs = RunClaims(itemCount: range.count, cores: cores)
    }

    /// Makes the items of every run not yet taken, on the calling thread; any number of
    /// threads call it at once.
    func make(_ transform: @Sendable (Int) -> T) {
        runs.work { offset in
            (slots.baseAddress! + offset).initialize(to: transform(range.lowerBound + offset))
        }
    }

    /// The result of item `index` (in `range`), moved out.
    func take(_ index: Int) -> T { (slots.baseAddress! + (index - range.lowerBound)).move() }

    /// Frees the room; every slot must have been taken.
    func deallocate() { slots.deallocate() }
}
