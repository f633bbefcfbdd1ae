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

    #if canImport(Glibc)
    typealias FileActions = posix_spawn_file_actions_t
    typealias Attributes = posix_spawnattr_t
    #else
    typealias FileActions = posix_spawn_file_actions_t?
    typealias Attributes = posix_spawnattr_t?
    #endif

    /// `posix_spawn` of `executable` with `arguments` (after its own path) and `environment`.
    /// - Returns: the child's pid, or the error number `posix_spawn` gave.
    static func spawn(
        _ executable: String, arguments: [String], environment: [String: String],
        actions: inout FileActions, attributes: inout Attributes
    ) -> Result<pid_t, SpawnError> {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        return result == 0 ? .success(pid) : .failure(SpawnError(code: result))
    }

    /// The error number `posix_spawn` returned.
    struct SpawnError: Error {
        let code: Int32
    }

    /// The exit status as Foundation's `Process.terminationStatus` gives it: the exit code, or
    /// the number of the signal that ended the program.
    static func terminationStatus(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
    }
}
