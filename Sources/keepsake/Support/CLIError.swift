/// Errors of the command-line layer, each a one-line message that says what is wrong and
/// what to do, with the exit code the README documents.
enum CLIError: Error, CustomStringConvertible {
    case passphraseUnavailable(String)
    case passphraseTooLong(Int)
    case passphrasesDoNotMatch
    case weakPassphrase(String)
    case usage(String)
    case failed(String)
    case integrity(String)

    var description: String {
        switch self {
        case let .passphraseUnavailable(message): return message
        case let .passphraseTooLong(limit): return "the passphrase is longer than \(limit) bytes"
        case .passphrasesDoNotMatch: return "the two passphrases were not the same; nothing was changed, try again"
        case let .weakPassphrase(message): return message
        case let .usage(message): return message
        case let .failed(message): return message
        case let .integrity(message): return message
        }
    }
}

/// Exit codes (documented in README.md).
enum KeepsakeExit: Int32 {
    case ok = 0
    case error = 1
    case usage = 2
    case wrongPassphrase = 3
    case integrity = 4
    case busy = 5
    /// `verify`/`open`: nothing failed, but part of the bundle could not be checked.
    case partlyChecked = 6
}
