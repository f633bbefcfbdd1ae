#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `ProgramRunner` and `PseudoTerminal` share to start a program with `posix_spawn`
/// (no Foundation `Process`, whose exit notification and our output readers would otherwise
/// wait for a free Dispatch thread while hundreds of tests block theirs).
enum SpawnSupport {
    #if canImport(Glibc)
    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34 and later), looked up at run
    /// time: the Swift module of the C library leaves it out. -1 when it is missing.
    static func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) -> Int32 {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let found = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return -1 }
        return unsafeBitCast(found, to: AddCloseFrom.self)(&actions, lowest)
    }
    #endif

    /// The exit status as Foundation's `Process.terminationStatus` gives it: the exit code, or
    /// the number of the signal that ended the program.
    static func terminationStatus(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
    }
}
