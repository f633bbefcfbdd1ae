#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Monotonic time in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// CPU seconds (user + system) this process has used, on every thread.
func processCPUTime() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
}

/// Seconds `body` took.
func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return now() - start
}

/// One side of an interleaved comparison: a name and a run that returns the seconds its timed
/// part took (set-up and clean-up stay outside the figure).
struct Contender {
    let name: String
    let run: () throws -> Double
}

/// The seconds of every round of every contender, measured interleaved.
struct Samples {
    /// `seconds[c][r]`: contender `c` in round `r`.
    let seconds: [[Double]]
    let names: [String]

    /// The position of the contender called `name` (which must be one of them).
    func index(of name: String) -> Int {
        guard let index = names.firstIndex(of: name) else { preconditionFailure("no contender \(name)") }
        return index
    }

    /// The median time of contender `index`.
    func median(_ index: Int) -> Double { Stats.median(seconds[index]) }

    /// The median over rounds of `seconds[b][r] / seconds[a][r]`: how many times faster `a`
    /// is than `b`, paired round by round so that a slow spell hits both.
    func speedup(of a: Int, over b: Int) -> Double {
        Stats.median(zip(seconds[a], seconds[b]).map { $1 / $0 })
    }

    /// `median(a) / median(b)`: for many short samples, where one slow sample can make a
    /// single round's ratio meaningless.
    func ratioOfMedians(_ a: Int, _ b: Int) -> Double { median(a) / median(b) }

    /// The median over rounds of `seconds[a][r] − seconds[b][r]`, with the first and third
    /// quartiles of those differences (how far the noise reaches).
    func overhead(of a: Int, over b: Int) -> (median: Double, lower: Double, upper: Double) {
        let differences = zip(seconds[a], seconds[b]).map { $0 - $1 }
        return (Stats.median(differences), Stats.quantile(differences, 0.25), Stats.quantile(differences, 0.75))
    }
}

/// Order statistics of samples.
enum Stats {
    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "median of nothing")
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The `q` quantile (0…1), interpolating between the nearest samples.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        precondition(!values.isEmpty, "quantile of nothing")
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let low = Int(position)
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}

/// Runs `rounds` rounds of every contender, interleaved: in round r the contenders run one
/// after the other, starting with a different one each round (so no contender always runs
/// first, right after a clean-up, or last), so that noise from other work on the machine
/// falls on all of them.
///
/// With `settleSeconds`, each contender starts only after a `sync` and that long a pause,
/// untimed: for contenders that write a gigabyte, so that what the kernel and the host still
/// do for the one before (such as writeback, discarding freed blocks, taking back freed
/// memory) does not run during the next one, on the core a single-threaded baseline leaves
/// free and a two-core pipeline does not (BENCHMARKS.md, "Attachments without fsync").
func interleave(_ label: String, rounds: Int, settleSeconds: UInt32 = 0, _ contenders: [Contender])
    throws -> Samples
{
    var seconds = Array(repeating: [Double](), count: contenders.count)
    for round in 0..<rounds {
        for step in 0..<contenders.count {
            if settleSeconds > 0 {
                sync()
                sleep(settleSeconds)
            }
            let index = (round + step) % contenders.count
            seconds[index].append(try contenders[index].run())
        }
        if rounds <= 20 || (round + 1) % (rounds / 10) == 0 {
            Log.progress("\(label): round \(round + 1)/\(rounds)")
        }
    }
    return Samples(seconds: seconds, names: contenders.map(\.name))
}

/// Progress lines on standard error, so the table on standard output stays clean.
enum Log {
    static func progress(_ message: String) {
        let bytes = Array("  … \(message)\n".utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
