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
            At the prompt, type commands with or without `keepsake` in front (for example \
            `list`, `log`, `plan`). Type `lock` or press Ctrl-D to lock and leave. If nothing is \
            typed for a while (5 minutes unless --idle-minutes says otherwise), at the prompt or \
            at any question, the vault locks, the keys are wiped from memory and the screen is \
            cleared; an unfinished `log`, journal entry or letter (or a change to a journal entry \
            or letter) is kept as an encrypted draft for next time.
            """)

    @Option(help: "Minutes without typing before the vault locks itself.")
    var idleMinutes: Int = 5

    /// Seconds instead of minutes, for tests that can't wait a minute.
    @Option(help: .hidden) var idleSeconds: Int?

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func validate() throws {
        guard idleMinutes >= 1, idleMinutes <= 240 else { throw ValidationError("--idle-minutes must be 1 to 240.") }
        if let idleSeconds, idleSeconds < 1 { throw ValidationError("--idle-seconds must be at least 1.") }
    }

    func run() throws {
        try CommandRunner.run {
            Session.current = try Unlock.vault(vault, passphrase)
            defer { lock() }
            let input = LineInput.shared
            input.catchInterrupts()
            input.idleLimit = idleSeconds ?? idleMinutes * 60
            input.touch()
            print("Unlocked. Type `help` for commands, `lock` (or Ctrl-D) to lock.")
            while true {
                print("keepsake> ", terminator: "")
                fflush(nil)
                let line: String?
                do { line = try input.readLine() } catch QuestionStop.interrupted {
                    print("\n(Type `lock` or press Ctrl-D to lock and leave.)")
                    continue
                } catch {
                    return lockedWhileIdle()
                }
                guard let line else {
                    print("")
                    return
                }
                var words = ShellWords.split(line)
                if words.first == "keepsake" { words.removeFirst() }
                guard let first = words.first else { continue }
                if first == "lock" || first == "exit" || first == "quit" { return }
                if first == "shell" || first == "init" {
                    print("That command is not available inside the shell.")
                    continue
                }
                do {
                    try Keepsake.checkCommandName(words)
                    var command = try Keepsake.parseAsRoot(first == "help" ? ["--help"] : words)
                    try command.run()
                } catch QuestionStop.idle {
                    return lockedWhileIdle()
                } catch {
                    // Errors were already reported by the command; parse errors and help are not.
                    if Keepsake.exitCode(for: error) == .validationFailure {
                        Terminal.error(Keepsake.usageMessage(for: error))
                    } else if !(error is ArgumentParser.ExitCode) {
                        let message = Keepsake.fullMessage(for: error)
                        if !message.isEmpty { print(TerminalText.block(message)) }
                    }
                }
                input.touch()
            }
        }
    }

    /// Says why the shell locked, then clears what it showed.
    private func lockedWhileIdle() {
        let seconds = LineInput.shared.idleLimit ?? idleMinutes * 60
        let span = seconds % 60 == 0
            ? (seconds == 60 ? "1 minute" : "\(seconds / 60) minutes") : (seconds == 1 ? "1 second" : "\(seconds) seconds")
        print("\nLocked after \(span) without typing.")
        clearScreen()
    }

    /// Clears the screen and the terminal's scrollback (only on a terminal).
    private func clearScreen() {
        guard isatty(STDOUT_FILENO) == 1 else { return }
        print("\u{1B}[H\u{1B}[2J\u{1B}[3J", terminator: "")
        fflush(nil)
    }

    private func lock() {
        // Signs a checkpoint over what this session wrote, then releases the store.
        if let session = Session.current {
            do { try session.close() } catch { Terminal.warning("\(error)") }
        }
        Session.current = nil  // the last reference: keys are wiped as the store is released
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
