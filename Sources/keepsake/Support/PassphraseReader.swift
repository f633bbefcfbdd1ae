#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import KeepsakeCrypto

/// Reads a passphrase straight into secure memory, from a terminal with echo off, from a
/// file descriptor the caller names, or from standard input. Never from arguments or the
/// environment. The bytes pass through no Swift `String`.
enum PassphraseReader {
    /// The longest passphrase accepted (bytes).
    static let maximumByteCount = 1024

    /// Where to read from.
    enum Source: Equatable {
        /// The controlling terminal (`/dev/tty`), echo off.
        case terminal
        /// A descriptor the caller opened (`--passphrase-fd N`).
        case descriptor(Int32)
        /// Standard input (`--passphrase-stdin`).
        case standardInput
    }

    /// Reads one line (without its newline) into secure memory.
    /// - Throws: `CLIError.passphraseUnavailable` when there is no terminal or the descriptor
    ///   can't be read; `.passphraseTooLong`.
    static func read(prompt: String, from source: Source) throws(CLIError) -> Passphrase {
        switch source {
        case .terminal:
            let fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else {
                throw .passphraseUnavailable(
                    "no terminal to ask on; use --passphrase-stdin or --passphrase-fd N")
            }
            defer { close(fd) }
            return try readFromTerminal(fd, prompt: prompt)
        case let .descriptor(fd):
            return isatty(fd) == 1 ? try readFromTerminal(fd, prompt: prompt, promptTo: STDERR_FILENO) : try readLine(fd)
        case .standardInput:
            // A terminal on standard input (someone typing after --passphrase-stdin): echo
            // off, as at the prompt, so the passphrase never reaches the scrollback.
            return isatty(STDIN_FILENO) == 1
                ? try readFromTerminal(STDIN_FILENO, prompt: prompt, promptTo: STDERR_FILENO) : try readLine(STDIN_FILENO)
        }
    }

    /// Whether the passphrase is typed by a person at a terminal (then a new one is asked twice).
    static func isTyped(_ source: Source) -> Bool {
        switch source {
        case .terminal: return true
        case let .descriptor(fd): return isatty(fd) == 1
        case .standardInput: return isatty(STDIN_FILENO) == 1
        }
    }

    /// Reads a line from the terminal `fd` with echo off, the prompt written to `promptTo`
    /// (the terminal itself by default), and echo restored afterwards.
    private static func readFromTerminal(_ fd: Int32, prompt: String, promptTo: Int32? = nil) throws(CLIError) -> Passphrase {
        let promptFD = promptTo ?? fd
        var original = termios()
        let isTerminal = tcgetattr(fd, &original) == 0
        if isTerminal {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO | ECHONL)
            silent.c_lflag |= tcflag_t(ICANON)
            _ = tcsetattr(fd, TCSAFLUSH, &silent)
        }
        writeString(promptFD, prompt)
        defer {
            if isTerminal { _ = tcsetattr(fd, TCSAFLUSH, &original) }
            writeString(promptFD, "\n")
        }
        return try readLine(fd)
    }

    /// Reads bytes one at a time up to a newline or end of file, so that nothing after the
    /// line is consumed (a script may send more on the same descriptor).
    private static func readLine(_ fd: Int32) throws(CLIError) -> Passphrase {
        var length = 0
        var failed: CLIError? = nil
        let secret = SecureBytes(count: maximumByteCount + 1) { buffer in
            var byte: UInt8 = 0
            while true {
                let n = Glibc.read(fd, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n < 0 {
                    failed = .passphraseUnavailable("could not read the passphrase (error \(errno))")
                    return
                }
                if n == 0 || byte == UInt8(ascii: "\n") { break }
                if length > maximumByteCount {
                    failed = .passphraseTooLong(maximumByteCount)
                    return
                }
                buffer[length] = byte
                length += 1
            }
            byte = 0
        }
        if let failed { throw failed }
        // Drop a carriage return typed on some terminals or sent by Windows scripts.
        var count = length
        secret.withUnsafeBytes { b in if count > 0 && b[count - 1] == 13 { count -= 1 } }
        return Passphrase(SecureBytes(count: count) { out in
            secret.withUnsafeBytes { b in out.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[..<count])) }
        })
    }

    private static func writeString(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}
