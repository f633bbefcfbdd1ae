import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a program built by this package (found beside the test bundle) and collects what it
/// printed and how it ended.
public struct ProgramRunner: Sendable {
    /// What a run produced.
    public struct Result: Sendable, CustomStringConvertible {
        /// Exit status.
        public var status: Int32
        /// Standard output, as text.
        public var output: String
        /// Standard error, as text.
        public var errors: String
        /// Whether the program was killed for running past the `killAfter` given to `run`.
        public var timedOut = false

        public var description: String { "exit \(status)\nstdout: \(output)\nstderr: \(errors)" }
    }

    /// The path of a product built into the same folder as the running tests.
    public static func builtProduct(_ name: String) -> String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [here, Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL] {
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return here.appendingPathComponent(name).path
    }

    /// The program's path.
    public let executable: String
    /// Extra environment variables (the rest is inherited, minus KEEPSAKE_VAULT).
    public var environment: [String: String] = [:]

    /// A runner for a built product.
    public init(product: String) { executable = Self.builtProduct(product) }

    /// A runner for a program at a path (a stock tool such as `/usr/bin/age`).
    public init(executable: String) { self.executable = executable }

    /// Runs with `arguments`, writing `input` to standard input, and waits.
    ///
    /// Started with `posix_spawn` and read and reaped on the calling thread (`poll`, then
    /// `waitpid`), with nothing left to a Dispatch thread (with Foundation's `Process`, the exit
    /// notification and the second pipe's reader each needed a free Dispatch worker while
    /// hundreds of tests block theirs). The program gets the three pipes and no other
    /// descriptor, every signal at its default, and a process group of its own.
    /// - Parameter killAfter: seconds after which the program is killed (SIGKILL) and the result
    ///   says `timedOut`; nil waits as long as it runs. A test that must not hang on a program
    ///   gives one, rather than a Swift Testing time limit, which also counts the time a test
    ///   waits for a thread while others run.
    public func run(_ arguments: [String], input: String = "", killAfter: Double? = nil) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KEEPSAKE_VAULT")
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }

        var toChild: [Int32] = [-1, -1], fromOut: [Int32] = [-1, -1], fromErr: [Int32] = [-1, -1]
        // Close-on-exec, so no other program started meanwhile keeps an end open (programs
        // started by this package's helpers close every other descriptor anyway).
        func makePipe(_ ends: inout [Int32]) -> Bool {
            guard pipe(&ends) == 0 else { return false }
            for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return true
        }
        guard makePipe(&toChild), makePipe(&fromOut), makePipe(&fromErr) else {
            for fd in toChild + fromOut + fromErr where fd >= 0 { close(fd) }
            throw RunFailure(description: "could not make pipes for \(executable): errno \(errno)")
        }
        let pid: pid_t
        do {
            pid = try spawn(arguments, environment: env, stdin: toChild[0], stdout: fromOut[1], stderr: fromErr[1])
        } catch {
            for fd in toChild + fromOut + fromErr { close(fd) }
            throw error
        }
        close(toChild[0])
        close(fromOut[1])
        close(fromErr[1])
        let deadline = killAfter.map { Date().addingTimeInterval($0) }
        var killed = false
        let (output, errors) = Self.exchange(
            Array(input.utf8), into: toChild[1], stdout: fromOut[0], stderr: fromErr[0], deadline: deadline
        ) {
            kill(-pid, SIGKILL)  // the program and whatever it started
            killed = true
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        var result = Result(
            status: SpawnSupport.terminationStatus(status), output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self))
        result.timedOut = killed
        return result
    }

    /// Why a program could not be started.
    public struct RunFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `posix_spawn` of the program with the three pipe ends as its standard streams.
    private func spawn(
        _ arguments: [String], environment: [String: String], stdin: Int32, stdout: Int32, stderr: Int32
    ) throws -> pid_t {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setsigmask(&attributes, &none)
        // Its own process group, so that a kill past `killAfter` reaches what it started too.
        posix_spawnattr_setpgroup(&attributes, 0)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETPGROUP)
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        #if canImport(Glibc)
        guard SpawnSupport.closeFrom(&actions, 3) == 0 else {
            throw RunFailure(description: "could not ask posix_spawn to close inherited descriptors")
        }
        #else
        flags |= 0x4000  // POSIX_SPAWN_CLOEXEC_DEFAULT (Darwin)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))

        switch SpawnSupport.spawn(
            executable, arguments: arguments, environment: environment, actions: &actions, attributes: &attributes)
        {
        case .success(let pid): return pid
        case .failure(let error):
            throw RunFailure(description: "could not start \(executable): \(String(cString: strerror(error.code)))")
        }
    }

    /// Writes `input` to the program and reads both of its outputs to their end, all on this
    /// thread, so that neither side can fill a pipe and wait for the other. Closes the three.
    private static func exchange(
        _ input: [UInt8], into stdin: Int32, stdout: Int32, stderr: Int32, deadline: Date?,
        whenLate: () -> Void
    ) -> (output: [UInt8], errors: [UInt8]) {
        var late = false
        var output: [UInt8] = [], errors: [UInt8] = []
        var written = 0
        var inputOpen = true
        if input.isEmpty {
            close(stdin)
            inputOpen = false
        } else {
            _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK)
        }
        var open: [Int32: Bool] = [stdout: true, stderr: true]
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while inputOpen || open.values.contains(true) {
            var descriptors: [pollfd] = []
            if inputOpen { descriptors.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            for fd in [stdout, stderr] where open[fd] == true {
                descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
            }
            var wait: Int32 = -1
            if let deadline, !late {
                let left = deadline.timeIntervalSinceNow
                if left <= 0 {
                    late = true
                    whenLate()  // the program dies; its pipes then reach their end
                } else {
                    wait = Int32(min(left * 1000 + 1, 60_000))
                }
            }
            guard poll(&descriptors, nfds_t(descriptors.count), wait) >= 0 || errno == EINTR else { break }
            for descriptor in descriptors where descriptor.revents != 0 {
                if descriptor.fd == stdin {
                    let n = input[written...].withUnsafeBytes { write(stdin, $0.baseAddress, $0.count) }
                    if n > 0 { written += n }
                    if written == input.count || (n < 0 && errno != EAGAIN && errno != EINTR) {
                        close(stdin)
                        inputOpen = false
                    }
                    continue
                }
                let n = chunk.withUnsafeMutableBytes { read(descriptor.fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if descriptor.fd == stdout { output += chunk[..<n] } else { errors += chunk[..<n] }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(descriptor.fd)
                    open[descriptor.fd] = false
                }
            }
        }
        return (output, errors)
    }
}
