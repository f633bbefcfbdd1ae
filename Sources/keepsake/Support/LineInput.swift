#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a question was left before it was answered.
enum QuestionStop: Error, Equatable {
    /// Ctrl-C was pressed.
    case interrupted
    /// Nothing was typed for the shell's idle time: the vault must lock.
    case idle
}

/// Set by the SIGINT handler; read (and cleared) by `LineInput`.
nonisolated(unsafe) private var interruptPending: sig_atomic_t = 0

/// Lines typed on standard input, one answer at a time, noticing Ctrl-C and an idle limit.
///
/// Reading waits with `poll` in short steps, so a Ctrl-C (caught while questions are asked,
/// instead of ending the program) and the shell's idle limit are seen at any question.
/// Ctrl-D on an empty line gives `nil` for that one answer; on a terminal the next question is
/// read as usual. On a pipe or file, the end of input is final.
final class LineInput {
    /// The one reader of standard input (it buffers what it has read).
    nonisolated(unsafe) static let shared = LineInput()

    /// Seconds without typing after which a read throws `.idle` (the shell's idle lock).
    var idleLimit: Int?
    /// When something was last typed (monotonic seconds).
    private(set) var lastActivity = LineInput.now()
    private var pending: [UInt8] = []
    /// Set once the idle limit passed: every later read throws `.idle` at once.
    private var idleTripped = false
    /// What was typed on the line without Enter when the idle limit passed.
    private var unfinished: String?
    private var endOfInput = false
    private var catching = 0

    /// Catches Ctrl-C from now on: it stops the question being asked instead of the program.
    /// Calls nest; `releaseInterrupts` undoes one.
    func catchInterrupts() {
        catching += 1
        guard catching == 1 else { return }
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { _ in interruptPending = 1 }
        #else
            action.__sigaction_u.__sa_handler = { _ in interruptPending = 1 }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Gives Ctrl-C back its usual meaning (ending the program) once the last caller that
    /// caught it is done, so that a long step after the questions (encrypting a large file)
    /// can still be stopped.
    func releaseInterrupts() {
        guard catching > 0 else { return }
        catching -= 1
        guard catching == 0 else { return }
        interruptPending = 0
        signal(SIGINT, SIG_DFL)
    }

    /// Forgets a Ctrl-C pressed before now.
    func clearInterrupt() { interruptPending = 0 }

    /// Starts the idle clock again (after a command ran, for example).
    func touch() { lastActivity = Self.now() }

    /// One line without its newline; `nil` for Ctrl-D (or the end of piped input).
    /// - Throws: `QuestionStop.interrupted` for Ctrl-C, `.idle` past the idle limit.
    func readLine() throws(QuestionStop) -> String? {
        if idleTripped { throw .idle }
        while true {
            if let newline = pending.firstIndex(of: 0x0a) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                var text = String(decoding: line, as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                return text
            }
            if endOfInput {
                guard !pending.isEmpty else { return nil }
                defer { pending.removeAll() }
                return String(decoding: pending, as: UTF8.self)
            }
            try waitForInput()
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { Self.readReady(into: $0) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                endOfInput = true
                continue
            }
            lastActivity = Self.now()
            if n == 0 {
                // Ctrl-D: on a terminal it ends this answer (with what was typed on the line);
                // on anything else, input has ended for good.
                if isatty(STDIN_FILENO) != 1 { endOfInput = true; continue }
                if pending.isEmpty { return nil }
                defer { pending.removeAll() }
                return String(decoding: pending, as: UTF8.self)
            }
            pending.append(contentsOf: chunk[..<n])
        }
    }

    /// Waits until standard input can be read.
    private func waitForInput() throws(QuestionStop) {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while true {
            if interruptPending != 0 {
                interruptPending = 0
                throw .interrupted
            }
            if let idleLimit, Self.now() - lastActivity >= Double(idleLimit) {
                // Take the half-typed line out of the terminal, so nobody can finish it after
                // the lock and the question can keep it in the draft.
                idleTripped = true
                let typed = Self.takeUnfinishedLine()
                unfinished = String(decoding: pending + typed, as: UTF8.self)
                pending.removeAll()
                throw .idle
            }
            let ready = poll(&descriptor, 1, 200)
            if ready > 0 { return }
        }
    }

    /// Reads what `poll` said is ready. On a terminal the read does not block: a Ctrl-C that
    /// comes between `poll` and `read` empties the terminal's input as it raises SIGINT, and
    /// a blocking read would then wait for the next key with the Ctrl-C already handled (seen
    /// as a question that ignores Ctrl-C). Non-blocking, it gives EAGAIN, and the next
    /// `waitForInput` sees the Ctrl-C.
    private static func readReady(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let flags = isatty(STDIN_FILENO) == 1 ? fcntl(STDIN_FILENO, F_GETFL) : -1
        if flags >= 0 { _ = fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK) }
        let n = read(STDIN_FILENO, buffer.baseAddress, buffer.count)
        let readError = errno
        if flags >= 0 { _ = fcntl(STDIN_FILENO, F_SETFL, flags) }
        errno = readError
        return n
    }

    /// What was typed without Enter when the idle limit passed (once; nil when nothing).
    func takeUnfinished() -> String? {
        defer { unfinished = nil }
        guard let unfinished, unfinished.contains(where: { $0 != " " && $0 != "\t" }) else { return nil }
        return unfinished
    }

    /// The bytes of the line being typed on the terminal (not yet ended by Enter): turning
    /// canonical mode off for a moment hands them to `read`. Then the input is flushed.
    private static func takeUnfinishedLine() -> [UInt8] {
        guard isatty(STDIN_FILENO) == 1 else { return [] }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return [] }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        var bytes: [UInt8] = []
        if tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                guard n > 0 else { break }
                bytes += chunk[..<n]
            }
        }
        tcflush(STDIN_FILENO, TCIFLUSH)
        tcsetattr(STDIN_FILENO, TCSANOW, &original)
        // Erase keys were already applied to the line by the terminal; drop other control bytes.
        return bytes.filter { $0 >= 0x20 || $0 == 0x09 }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
