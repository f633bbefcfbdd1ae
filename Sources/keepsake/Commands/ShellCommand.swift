import ArgumentParser
import Foundation
import KeepsakeVault

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The vault unlocked by `keepsake shell`, used by the commands it runs instead of asking for
/// the passphrase again.
enum Session {
    nonisolated(unsafe) static var current: Vault?
}

/// `keepsake shell`: unlock once, then run commands at a prompt; locks on `lock`, Ctrl-D, or
/// after a quiet spell.
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Unlock once, then type several commands; locks itself when left alone.",
        discussion: """
            At the prompt, type commands without `keepsake` in front (for example `list`, \
            `log`, `plan`). Type `lock` or press Ctrl-D to lock and leave. If nothing is typed \
            for a while (5 minutes unless --idle-minutes says otherwise) the vault locks and the \
            keys are wiped from memory.
            """)

    @Option(help: "Minutes without typing before the vault locks itself.")
    var idleMinutes: Int = 5

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func validate() throws {
        guard idleMinutes >= 1, idleMinutes <= 240 else { throw ValidationError("--idle-minutes must be 1 to 240.") }
    }

    func run() throws {
        try CommandRunner.run {
            Session.current = try Unlock.vault(vault, passphrase)
            defer { lock() }
            print("Unlocked. Type `help` for commands, `lock` (or Ctrl-D) to lock.")
            while true {
                print("keepsake> ", terminator: "")
                fflush(nil)
                guard waitForInput(seconds: idleMinutes * 60) else {
                    print("\nLocked after \(idleMinutes) minutes without typing.")
                    return
                }
                guard let line = readLine() else {
                    print("")
                    return
                }
                let words = ShellWords.split(line)
                guard let first = words.first else { continue }
                if first == "lock" || first == "exit" || first == "quit" { return }
                if first == "shell" || first == "init" {
                    print("That command is not available inside the shell.")
                    continue
                }
                do {
                    var command = try Keepsake.parseAsRoot(first == "help" ? ["--help"] : words)
                    try command.run()
                } catch {
                    // Errors were already reported by the command; parse errors and help are not.
                    let message = Keepsake.fullMessage(for: error)
                    if !message.isEmpty && !(error is ArgumentParser.ExitCode) { print(message) }
                }
            }
        }
    }

    private func lock() {
        // Signs a checkpoint over what this session wrote, then releases the store.
        if let session = Session.current {
            do { try session.close() } catch { Terminal.warning("\(error)") }
        }
        Session.current = nil  // the last reference: keys are wiped as the store is released
    }

    /// Waits until standard input has something to read, or `seconds` pass.
    private func waitForInput(seconds: Int) -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, Int32(min(seconds, Int(Int32.max / 1000)) * 1000))
            if ready < 0 && errno == EINTR { continue }
            return ready != 0
        }
    }
}

/// Splits a line into words, honouring single and double quotes and backslashes.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escape = false
        for ch in line {
            if escape {
                current.append(ch)
                escape = false
                continue
            }
            if ch == "\\" && quote != "'" {
                escape = true
                inWord = true
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch.isWhitespace {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
