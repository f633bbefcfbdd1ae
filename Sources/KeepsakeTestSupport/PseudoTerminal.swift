import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program built by this package (or any program) run on a pseudo-terminal, the way an owner
/// runs it at a terminal: its standard input, output and error are the terminal's secondary
/// side, which is also its controlling terminal (it starts a session of its own), so Ctrl-C
/// typed on the terminal interrupts it, echo can be switched off, and `isatty` is true.
///
/// A test answers it by question: `expect("What happened?")` waits until that text has been
/// printed and returns everything printed up to it; `send("the answer")` types a line.
/// Carriage returns the terminal adds before each newline are removed from what is returned.
public final class PseudoTerminal {
    /// Why talking to the program failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with what had been printed so far.
        public let description: String
    }

    /// How the program ended.
    public enum Ending: Equatable, Sendable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): return "exit \(status)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }
    }

    /// The running program's process id (also its process group and session id).
    public let pid: pid_t
    /// How long `expect` and `wait` wait before failing, in seconds.
    public var timeout: TimeInterval
    private let primary: Int32
    /// This process's own copy of the secondary side, held open so the primary side never
    /// reports a hang-up before the program has opened its copy.
    private let secondary: Int32
    private var buffer: [UInt8] = []
    private var cursor = 0
    private var ending: Ending?

    /// Starts `executable` with `arguments` on a new pseudo-terminal of `columns` × `rows`.
    /// The environment is this process's, minus `KEEPSAKE_VAULT`, with `NO_COLOR=1` and
    /// `TERM=xterm`, then `environment` on top.
    /// - Throws: `Failure` when the terminal can't be made or the program can't be started.
    public init(
        executable: String, arguments: [String], environment: [String: String] = [:],
        columns: UInt16 = 80, rows: UInt16 = 24, timeout: TimeInterval = 20
    ) throws {
        self.timeout = timeout
        let calls = try PTYCalls.load()
        let primary = calls.openpt(O_RDWR | O_NOCTTY)
        guard primary >= 0 else { throw Failure(description: "posix_openpt failed: errno \(errno)") }
        guard calls.grantpt(primary) == 0, calls.unlockpt(primary) == 0,
            let name = calls.secondaryName(primary)
        else {
            close(primary)
            throw Failure(description: "could not unlock the pseudo-terminal: errno \(errno)")
        }
        self.primary = primary
        secondary = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard secondary >= 0 else {
            close(primary)
            throw Failure(description: "could not open \(name): errno \(errno)")
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(primary, UInt(TIOCSWINSZ), &size)
        _ = fcntl(primary, F_SETFD, FD_CLOEXEC)

        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KEEPSAKE_VAULT")
        env["NO_COLOR"] = "1"
        env["TERM"] = "xterm"
        for (key, value) in environment { env[key] = value }
        do {
            pid = try Self.spawn(
                executable, arguments: arguments, environment: env, terminal: name)
        } catch {
            close(primary)
            close(secondary)
            throw error
        }
    }

    /// Starts a product built by this package (found as `ProgramRunner` finds it).
    public convenience init(
        product: String, arguments: [String], environment: [String: String] = [:],
        columns: UInt16 = 80, rows: UInt16 = 24, timeout: TimeInterval = 20
    ) throws {
        try self.init(
            executable: ProgramRunner.builtProduct(product), arguments: arguments,
            environment: environment, columns: columns, rows: rows, timeout: timeout)
    }

    deinit {
        if ending == nil {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(primary)
        close(secondary)
    }

    // MARK: Talking to the program

    /// Waits until `text` has been printed since the last `expect`, and returns everything
    /// printed since then up to and including it.
    /// - Throws: `Failure` (with what was printed) when it doesn't appear within `timeout`,
    ///   or the program ends first.
    @discardableResult
    public func expect(_ text: String, timeout: TimeInterval? = nil) throws -> String {
        let wanted = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout ?? self.timeout)
        while true {
            let seen = normalized(Array(buffer[cursor...]))
            if let range = Self.firstRange(of: wanted, in: seen) {
                // Advance the cursor past the match in the raw buffer.
                advanceCursor(pastNormalized: range.upperBound)
                return String(decoding: seen[..<range.upperBound], as: UTF8.self)
            }
            let left = deadline.timeIntervalSinceNow
            var ended = false
            if left > 0, !readSome(waitingAtMost: min(left, 0.1)) {
                reap()
                ended = ending != nil && !readSome(waitingAtMost: 0.05)
            }
            if left <= 0 || ended {
                let why = left <= 0 ? "timed out" : "the program ended (\(ending.map { "\($0)" } ?? "?"))"
                throw Failure(
                    description: "\(why) waiting for \(text.debugDescription); printed since the last answer:\n"
                        + String(decoding: seen, as: UTF8.self))
            }
        }
    }

    /// Types `line` and Enter.
    public func send(_ line: String) throws { try write(Array(line.utf8) + [0x0a]) }

    /// Types `text` without Enter.
    public func type(_ text: String) throws { try write(Array(text.utf8)) }

    /// Types Ctrl-C: the terminal sends SIGINT to the program (ISIG is on unless it turned it off).
    public func sendControlC() throws { try write([0x03]) }

    /// Sends SIGINT to the program's process group directly, whatever its terminal settings.
    public func interrupt() { kill(-pid, SIGINT) }

    /// Types Ctrl-D: ends the current line, or at the start of a line, ends input (`read` gives 0).
    public func sendEOF() throws { try write([0x04]) }

    /// Everything printed so far (carriage returns before newlines removed).
    public var transcript: String { String(decoding: normalized(buffer), as: UTF8.self) }

    /// Everything printed since the last `expect`, reading for `settle` seconds first.
    public func remainingOutput(settle: TimeInterval = 0.2) -> String {
        let deadline = Date().addingTimeInterval(settle)
        while deadline.timeIntervalSinceNow > 0, readSome(waitingAtMost: deadline.timeIntervalSinceNow) {}
        return String(decoding: normalized(Array(buffer[cursor...])), as: UTF8.self)
    }

    /// Changes the terminal's size (the program gets SIGWINCH).
    public func resize(columns: UInt16, rows: UInt16 = 24) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(primary, UInt(TIOCSWINSZ), &size)
    }

    /// Waits for the program to end, reading what it prints meanwhile.
    /// - Throws: `Failure` when it hasn't ended within `timeout` (it is then killed).
    @discardableResult
    public func wait(timeout: TimeInterval? = nil) throws -> Ending {
        let deadline = Date().addingTimeInterval(timeout ?? self.timeout)
        while ending == nil {
            reap()
            if ending != nil { break }
            if deadline.timeIntervalSinceNow <= 0 {
                kill(-pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
                ending = .signalled(SIGKILL)
                throw Failure(description: "the program did not end in time; printed:\n\(transcript)")
            }
            readSome(waitingAtMost: min(0.05, max(0, deadline.timeIntervalSinceNow)))
        }
        // Drain what is left.
        while readSome(waitingAtMost: 0.05) {}
        return ending!
    }

    // MARK: Internals

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc_write(primary, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw Failure(description: "writing to the terminal failed: errno \(errno)")
            }
            offset += n
        }
    }

    /// Reads what is available within `seconds`; false when nothing more will ever come
    /// (the program closed the terminal) or nothing came in time.
    @discardableResult
    private func readSome(waitingAtMost seconds: TimeInterval) -> Bool {
        var descriptor = pollfd(fd: primary, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(seconds, 3600)) * 1000)
        let ready = poll(&descriptor, 1, milliseconds)
        guard ready > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { read(primary, $0.baseAddress!, $0.count) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }

    private func reap() {
        guard ending == nil else { return }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (macros are not imported).
        if status & 0x7f == 0 {
            ending = .exited((status >> 8) & 0xff)
        } else {
            ending = .signalled(status & 0x7f)
        }
    }

    private func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0d, index + 1 < bytes.count, bytes[index + 1] == 0x0a { continue }
            out.append(byte)
        }
        return out
    }

    /// Moves the raw cursor past the first `count` normalized bytes.
    private func advanceCursor(pastNormalized count: Int) {
        var kept = 0
        var index = cursor
        while kept < count, index < buffer.count {
            let skipped = buffer[index] == 0x0d && index + 1 < buffer.count && buffer[index + 1] == 0x0a
            if !skipped { kept += 1 }
            index += 1
        }
        cursor = index
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty else { return 0..<0 }
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && Array(haystack[start..<start + needle.count]) == needle {
            return start..<start + needle.count
        }
        return nil
    }

    /// posix_spawn with a new session, then the secondary side opened as descriptor 0 (which,
    /// opened by a session leader without O_NOCTTY, becomes its controlling terminal) and
    /// duplicated onto 1 and 2.
    private static func spawn(
        _ executable: String, arguments: [String], environment: [String: String], terminal: String
    ) throws -> pid_t {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        let setSession: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc, a GNU extension macro)
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        let setSession: Int32 = 0x0400  // POSIX_SPAWN_SETSID (Darwin)
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGHUP)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(
            &attributes, Int16(setSession | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))
        posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        // Nothing else goes to the child: a descriptor another test holds open at this moment
        // (the write end of the pipe its own program prints into) would otherwise stay open in
        // this child, and that test would wait for its end-of-file until this session ended.
        #if canImport(Glibc)
        guard SpawnSupport.closeFrom(&actions, 3) == 0 else {
            throw Failure(description: "could not ask posix_spawn to close inherited descriptors")
        }
        #else
        let cloexecDefault: Int32 = 0x4000  // POSIX_SPAWN_CLOEXEC_DEFAULT (Darwin)
        posix_spawnattr_setflags(
            &attributes,
            Int16(setSession | cloexecDefault | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))
        #endif

        switch SpawnSupport.spawn(
            executable, arguments: arguments, environment: environment, actions: &actions, attributes: &attributes)
        {
        case .success(let pid): return pid
        case .failure(let error): throw Failure(description: "could not start \(executable): error \(error.code)")
        }
    }
}

/// `write(2)` under a name that doesn't clash with the class's own `write`.
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

/// posix_openpt, grantpt, unlockpt and ptsname_r, looked up at run time: the C library has
/// them, but its Swift module leaves them out (they need _XOPEN_SOURCE).
private struct PTYCalls {
    let openpt: @convention(c) (Int32) -> Int32
    let grantpt: @convention(c) (Int32) -> Int32
    let unlockpt: @convention(c) (Int32) -> Int32
    let ptsname: @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let ptsnameR: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32)?

    static func load() throws -> PTYCalls {
        let library = dlopen(nil, RTLD_NOW)
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        guard let openpt = symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self),
            let grantpt = symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self),
            let unlockpt = symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self),
            let ptsname = symbol("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        else { throw PseudoTerminal.Failure(description: "the C library has no posix_openpt") }
        return PTYCalls(
            openpt: openpt, grantpt: grantpt, unlockpt: unlockpt, ptsname: ptsname,
            ptsnameR: symbol(
                "ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self))
    }

    /// The secondary side's path (ptsname_r where there is one: ptsname is not thread-safe).
    func secondaryName(_ primary: Int32) -> String? {
        if let ptsnameR {
            var name = [CChar](repeating: 0, count: 256)
            guard ptsnameR(primary, &name, name.count) == 0 else { return nil }
            return String(cString: name)
        }
        return ptsname(primary).map { String(cString: $0) }
    }
}
