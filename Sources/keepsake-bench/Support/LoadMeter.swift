#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How busy other processes kept the machine while a part of the benchmark ran: the CPU
/// time every core spent (from /proc/stat, steal included) minus this process's own and its
/// children's, over the wall-clock time. Printed beside the figures, since a parallel
/// pipeline can only beat a single thread when a second core is free.
struct LoadMeter {
    private let busy: Double
    private let ours: Double
    private let wall: Double

    /// A reading now.
    init() {
        busy = Self.machineBusySeconds()
        ours = Self.ownCPUSeconds()
        wall = now()
    }

    /// The cores other processes kept busy on average since `start` (nil where /proc/stat
    /// can't be read).
    func othersCores(since start: LoadMeter) -> Double? {
        guard busy > 0, start.busy > 0, wall > start.wall else { return nil }
        return max(0, (busy - start.busy) - (ours - start.ours)) / (wall - start.wall)
    }

    /// Seconds of non-idle time over every core since boot: user, nice, system, irq,
    /// softirq and steal from the first line of /proc/stat.
    private static func machineBusySeconds() -> Double {
        let text = ChildProcess.readText("/proc/stat")
        guard let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return 0 }
        let ticks = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// User and system time of this process and of the children it has waited for.
    private static func ownCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
            getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        return processCPUTime() + Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    }
}
