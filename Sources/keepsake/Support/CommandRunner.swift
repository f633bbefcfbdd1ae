import ArgumentParser
import KeepsakeAge
import KeepsakeBundle
import KeepsakeStore
import KeepsakeVault

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command's body, turning every error into one line on standard error and the exit
/// code the README documents. Messages never include a secret or entry content.
enum CommandRunner {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ArgumentParser.ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as QuestionStop {
            // The shell's idle lock: the shell says so and locks.
            throw error
        } catch {
            let (message, code) = describe(error)
            Terminal.error(message)
            throw ArgumentParser.ExitCode(code.rawValue)
        }
    }

    static func describe(_ error: any Error) -> (String, KeepsakeExit) {
        switch error {
        case let error as VaultError:
            if case let .store(inner) = error { return describe(inner) }
            switch error {
            case .invalidID, .unknownID, .ambiguousID, .wrongKind, .retracted: return (error.description, .usage)
            default: return (error.description, .error)
            }
        case let error as StoreError:
            switch error {
            case .wrongPassphrase: return (error.description, .wrongPassphrase)
            case .damaged, .attachmentAltered, .attachmentMissing, .keySlotFileDamaged, .keySlotFileOutdated, .keySlotFileBeforeRekey: return (error.description, .integrity)
            case .busy: return (error.description, .busy)
            default: return (error.description, .error)
            }
        case let error as AnchorError:
            return (error.description, .usage)
        case let error as AgeError:
            switch error {
            case .noIdentityMatched: return (error.description, .wrongPassphrase)
            case .invalidHeader, .headerMACMismatch, .payloadFailed, .invalidArmor, .workFactorTooHigh:
                return (error.description, .integrity)
            case .invalidRecipient, .invalidIdentity, .invalidIdentityFile, .invalidRecipientCount, .emptyPassphrase:
                return (error.description, .usage)
            default: return (error.description, .error)
            }
        case let error as BundleError:
            switch error {
            case .nothingSelected, .outputExists: return (error.description, .usage)
            case .unsafeArchive, .notABundle, .vaultNotExportable: return (error.description, .integrity)
            case .internalInconsistency, .cantWrite: return (error.description, .error)
            }
        case let error as CLIError:
            switch error {
            case .usage: return (error.description, .usage)
            case .integrity: return (error.description, .integrity)
            default: return (error.description, .error)
            }
        case let error as CustomStringConvertible:
            return (error.description, .error)
        default:
            return ("\(error)", .error)
        }
    }
}

/// Writing to the terminal: messages to standard error, colour only on a terminal and never
/// with NO_COLOR set.
enum Terminal {
    static var colours: Bool {
        isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil && String(cString: getenv("TERM") ?? strdup("dumb")) != "dumb"
    }

    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// "keepsake: error: …" on standard error.
    static func error(_ message: String) { standardError("keepsake: error: \(TerminalText.block(message))\n") }

    /// "keepsake: warning: …" on standard error.
    static func warning(_ message: String) { standardError("keepsake: warning: \(TerminalText.block(message))\n") }

    /// A note on standard error (progress, hints), so standard output stays parseable.
    static func note(_ message: String) { standardError(message + "\n") }

    static func standardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Bold, red, green, dim … when colours are on.
    static func style(_ text: String, _ code: String) -> String {
        colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
