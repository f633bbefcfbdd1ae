#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a child process ended and what it cost.
struct ChildResult {
    /// The exit status (128 + the signal number when a signal ended it).
    var status: Int32
    /// Wall-clock seconds from spawn to reaped.
    var seconds: Double
    /// What it wrote to standard output.
    var output: String
    /// What it wrote to standard error.
    var errors: String
}

/// A failure of the benchmark itself (a tool that failed, a result that does not check out).
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Starts programs with `posix_spawn` and waits for them.
enum ChildProcess {
    /// Runs `executable` with `arguments`, its standard input read from `stdin` (default
    /// /dev/null), its standard output and error sent to files in `scratch` (read back
    /// afterwards), and waits for it.
    /// - Throws: `BenchError` when it can't be started.
    static func run(_ executable: String, _ arguments: [String], scratch: String, stdin: String = "/dev/null")
        throws -> ChildResult
    {
        let outPath = scratch + "/child-stdout"
        let errPath = scratch + "/child-stderr"
        let start = now()
        let pid = try spawn(executable, arguments, stdin: stdin, stdout: outPath, stderr: errPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchError("waitpid: errno \(errno)") }
        }
        let seconds = now() - start
        let output = readText(outPath)
        let errors = readText(errPath)
        unlink(outPath)
        unlink(errPath)
        let signal = status & 0x7f
        let exit = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return ChildResult(status: exit, seconds: seconds, output: output, errors: errors)
    }

    /// The path of a program found on `PATH`, or nil.
    static func which(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// The running program's own path (to start it again as a child).
    static func ownExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }

    /// The folder of the running program (where `swift build` puts its sibling products).
    static func ownFolder() -> String {
        let path = ownExecutable()
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], stdin: String, stdout: String, stderr: String
    ) throws -> pid_t {
        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { args in
            posix_spawn(&pid, executable, &actions, nil, args.baseAddress!, environ)
        }
        guard result == 0 else {
            throw BenchError("could not start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// A small text file's contents (empty when missing).
    static func readText(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
