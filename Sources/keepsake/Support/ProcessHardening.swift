#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CSystemExtras

/// Start-up measures that keep secrets out of crash files.
enum ProcessHardening {
    /// Turns core dumps off (`RLIMIT_CORE` = 0) and, on Linux, marks the process non-dumpable
    /// (`prctl(PR_SET_DUMPABLE, 0)`), which also keeps other users' debuggers out.
    static func apply() {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        _ = keepsake_set_non_dumpable()
    }
}
